package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * ImageKit's {@code Upload} response. Fields the server did not send are {@code null}; {@code tags},
 * {@code customCoordinates}, {@code isPrivateFile}, {@code isPublished} and {@code customMetadata} are sent only when
 * requested through {@link UploadRequest#responseFields()}. {@code pendingUntil} is Pixkit's, on pending uploads only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadResult(
        String fileId,
        String name,
        Long size,
        VersionInfo versionInfo,
        String filePath,
        String url,
        String fileType,
        Integer height,
        Integer width,
        String thumbnailUrl,
        @JsonProperty("AITags") List<AITag> aiTags,
        List<String> tags,
        String customCoordinates,
        @JsonProperty("isPrivateFile") Boolean isPrivateFile,
        @JsonProperty("isPublished") Boolean isPublished,
        Map<String, Object> customMetadata,
        String description,
        String pendingUntil) {

    /**
     * Whether the upload is pending (sent with {@link UploadRequest.Builder#pendingTtl}): deleted at
     * {@link #pendingUntil()} (ISO-8601) unless committed first.
     */
    public boolean isPending() {
        return pendingUntil != null;
    }

    /** Whether the server recognised the content as an image ({@code fileType} {@code "image"}). */
    public boolean isImage() {
        return "image".equals(fileType);
    }
}
