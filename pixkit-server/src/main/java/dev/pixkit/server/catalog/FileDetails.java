package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ImageKit's File object ({@code FileDetails} in the spec), as returned by details, list and versions, plus Pixkit's
 * {@code sha256} of the content and, for a pending upload, {@code pendingUntil} (both declared in
 * pixkit-differences.yaml).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileDetails(
        String fileId,
        String type,
        String name,
        String filePath,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> tags,
        @JsonProperty("AITags") @JsonInclude(JsonInclude.Include.ALWAYS) List<FileRecord.AiTag> aiTags,
        VersionInfo versionInfo,
        boolean isPrivateFile,
        boolean isPublished,
        @JsonInclude(JsonInclude.Include.ALWAYS) String customCoordinates,
        String url,
        String thumbnail,
        String fileType,
        String mime,
        Integer width,
        Integer height,
        long size,
        boolean hasAlpha,
        Map<String, Object> customMetadata,
        String description,
        String createdAt,
        String updatedAt,
        String sha256,
        String pendingUntil) {

    public record VersionInfo(String id, String name) {
        public static VersionInfo of(FileRecord f) {
            return new VersionInfo(f.versionId(), "Version " + f.versionNumber());
        }
    }

    /** The file as its current version. */
    public static FileDetails of(FileRecord f, FileUrls urls) {
        return of(f, "file", urls.url(f), urls.thumbnail(f));
    }

    /** One version of a file ({@code type: "file-version"}); its URL names the version with ik-obj-version. */
    public static FileDetails ofVersion(FileRecord v, FileUrls urls) {
        return of(v, "file-version", urls.versionUrl(v), urls.versionThumbnail(v));
    }

    private static FileDetails of(FileRecord f, String type, String url, String thumbnail) {
        boolean image = f.fileType() == FileRecord.FileType.IMAGE;
        return new FileDetails(f.fileId(), type, f.name(), f.filePath(), f.tags(), f.aiTags(), VersionInfo.of(f),
                f.isPrivate(), f.isPublished(), f.customCoordinates(), url, image ? thumbnail : null,
                f.fileType().wire(), f.mime(), f.width(), f.height(), f.size(), f.hasAlpha(), f.customMetadata(),
                f.description(), iso(f.createdAt()), iso(f.updatedAt()), f.sha256(),
                f.isPending() ? iso(f.pendingUntil()) : null);
    }

    /** ISO-8601 with milliseconds and {@code Z}, as ImageKit writes times. */
    public static String iso(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
