package dev.pixkit.server.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pixkit.server.catalog.FileDetails;
import dev.pixkit.server.catalog.FileDetails.VersionInfo;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.catalog.CustomMetadataSchema;
import dev.pixkit.server.catalog.FileUrls;
import dev.pixkit.server.catalog.MetadataResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ImageKit's {@code Upload} object, plus Pixkit's {@code pendingUntil} (ISO-8601) for a pending upload. Java
 * {@code null} leaves a field out; {@code Optional.empty()} writes JSON
 * {@code null} — optional fields appear only when named in {@code responseFields}, as on ImageKit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UploadResponse(
        String fileId,
        String name,
        long size,
        VersionInfo versionInfo,
        String filePath,
        String url,
        String fileType,
        Integer height,
        Integer width,
        String thumbnailUrl,
        @JsonProperty("AITags") Optional<List<FileRecord.AiTag>> aiTags,
        Optional<List<String>> tags,
        Optional<String> customCoordinates,
        Boolean isPrivateFile,
        Boolean isPublished,
        Map<String, Object> customMetadata,
        Map<String, Object> embeddedMetadata,
        MetadataResponse metadata,
        Map<String, CustomMetadataSchema> selectedFieldsSchema,
        String description,
        String pendingUntil) {

    /**
     * What {@code responseFields} asks for beyond the record: {@code metadata} and {@code embeddedMetadata} read from
     * the bytes, {@code selectedFieldsSchema} from the custom metadata fields.
     */
    record Described(MetadataResponse metadata, Map<String, Object> embedded,
            Map<String, CustomMetadataSchema> selectedFieldsSchema) {
        static final Described NONE = new Described(null, null, null);
    }

    static UploadResponse of(FileRecord f, FileUrls urls, Set<UploadForm.ResponseField> fields, Described described) {
        boolean image = f.fileType() == FileRecord.FileType.IMAGE;
        return new UploadResponse(
                f.fileId(), f.name(), f.size(), VersionInfo.of(f), f.filePath(), urls.url(f), f.fileType().wire(),
                f.height(), f.width(), image ? urls.thumbnail(f) : null,
                Optional.ofNullable(f.aiTags()),
                fields.contains(UploadForm.ResponseField.TAGS) ? Optional.ofNullable(f.tags()) : null,
                fields.contains(UploadForm.ResponseField.CUSTOM_COORDINATES)
                        ? Optional.ofNullable(f.customCoordinates()) : null,
                fields.contains(UploadForm.ResponseField.IS_PRIVATE_FILE) ? f.isPrivate() : null,
                fields.contains(UploadForm.ResponseField.IS_PUBLISHED) ? f.isPublished() : null,
                fields.contains(UploadForm.ResponseField.CUSTOM_METADATA) ? f.customMetadata() : null,
                described.embedded(), described.metadata(), described.selectedFieldsSchema(),
                f.description(), f.isPending() ? FileDetails.iso(f.pendingUntil()) : null);
    }
}
