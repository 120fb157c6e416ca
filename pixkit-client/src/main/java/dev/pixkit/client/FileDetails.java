package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * ImageKit's {@code File} object, as returned by {@code GET /v1/files/{fileId}/details}; {@code pendingUntil}
 * (ISO-8601) is Pixkit's, present only while the file is a pending upload.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileDetails(
        String fileId,
        String type,
        String name,
        String filePath,
        List<String> tags,
        @JsonProperty("AITags") List<AITag> aiTags,
        VersionInfo versionInfo,
        @JsonProperty("isPrivateFile") Boolean isPrivateFile,
        @JsonProperty("isPublished") Boolean isPublished,
        String customCoordinates,
        String url,
        String thumbnail,
        String fileType,
        String mime,
        Integer width,
        Integer height,
        Long size,
        Boolean hasAlpha,
        Map<String, Object> customMetadata,
        String description,
        String createdAt,
        String updatedAt,
        String pendingUntil) {

    /** Whether the file is a pending upload, deleted at {@link #pendingUntil()} unless committed first. */
    public boolean isPending() {
        return pendingUntil != null;
    }
}
