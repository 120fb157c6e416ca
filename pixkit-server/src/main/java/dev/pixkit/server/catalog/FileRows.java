package dev.pixkit.server.catalog;

import dev.pixkit.server.catalog.FileRecord.AiTag;
import dev.pixkit.server.catalog.FileRecord.FileType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link FileRecord} maps to a row of {@code files} or {@code file_versions}: the shared column list, the
 * named parameters for inserts and updates, and the row mapper. Versions take path, folder and name from their file,
 * so queries on {@code file_versions} join {@code files} and select those three from it.
 */
@Component
public class FileRows {
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};
    private static final TypeReference<List<AiTag>> AI_TAGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    /** Columns both tables have, unqualified. */
    static final List<String> CONTENT_COLUMNS = List.of("version_id", "version_number", "blob_sha256", "size", "mime",
            "format", "file_type", "width", "height", "has_alpha", "is_private", "is_published", "tags", "ai_tags",
            "custom_coordinates", "custom_metadata", "description", "created_at", "updated_at");

    /** The select list for current files, columns qualified with {@code alias}. */
    public static String fileColumns(String alias) {
        return alias + ".file_id, " + alias + ".file_path, " + alias + ".folder_path, " + alias + ".name, "
                + qualified(alias) + ", " + alias + ".pending_until";
    }

    /**
     * The select list for versions {@code v} joined with their file {@code f}. Earlier versions are never pending
     * themselves (the file is), so {@code pending_until} is a typed NULL, which keeps UNIONs with files valid.
     */
    public static String versionColumns(String v, String f) {
        return v + ".file_id, " + f + ".file_path, " + f + ".folder_path, " + f + ".name, " + qualified(v)
                + ", CAST(NULL AS BIGINT) AS pending_until";
    }

    private static String qualified(String alias) {
        return String.join(", ", CONTENT_COLUMNS.stream().map(c -> alias + "." + c).toList());
    }

    private final JsonMapper json;

    FileRows(JsonMapper json) {
        this.json = json;
    }

    /** Named parameters ({@code :fileId}, {@code :sha256}, …) for a row holding {@code f}. */
    Map<String, Object> params(FileRecord f) {
        var p = new HashMap<String, Object>();
        p.put("fileId", f.fileId());
        p.put("filePath", f.filePath());
        p.put("folderPath", f.folderPath());
        p.put("name", f.name());
        p.put("versionId", f.versionId());
        p.put("versionNumber", f.versionNumber());
        p.put("sha256", f.sha256());
        p.put("size", f.size());
        p.put("mime", f.mime());
        p.put("format", f.format());
        p.put("fileType", f.fileType().wire());
        p.put("width", f.width());
        p.put("height", f.height());
        p.put("hasAlpha", f.hasAlpha());
        p.put("isPrivate", f.isPrivate());
        p.put("isPublished", f.isPublished());
        p.put("tags", f.tags() == null ? null : json.writeValueAsString(f.tags()));
        p.put("aiTags", f.aiTags() == null ? null : json.writeValueAsString(f.aiTags()));
        p.put("customCoordinates", f.customCoordinates());
        p.put("customMetadata", json.writeValueAsString(f.customMetadata() == null ? Map.of() : f.customMetadata()));
        p.put("description", f.description());
        p.put("createdAt", f.createdAt().toEpochMilli());
        p.put("updatedAt", f.updatedAt().toEpochMilli());
        p.put("pendingUntil", f.pendingUntil() == null ? null : f.pendingUntil().toEpochMilli());
        return p;
    }

    /** {@code :versionId, :versionNumber, …} in {@link #CONTENT_COLUMNS} order. */
    static String contentParams() {
        return ":versionId, :versionNumber, :sha256, :size, :mime, :format, :fileType, :width, :height, :hasAlpha,"
                + " :isPrivate, :isPublished, :tags, :aiTags, :customCoordinates, :customMetadata, :description,"
                + " :createdAt, :updatedAt";
    }

    /** Maps a row selected with {@link #fileColumns} or {@link #versionColumns}. */
    public FileRecord map(ResultSet rs, int row) throws SQLException {
        String tags = rs.getString("tags");
        String aiTags = rs.getString("ai_tags");
        return new FileRecord(
                rs.getString("file_id"),
                rs.getString("file_path"),
                rs.getString("folder_path"),
                rs.getString("name"),
                rs.getString("version_id"),
                rs.getInt("version_number"),
                rs.getString("blob_sha256"),
                rs.getLong("size"),
                rs.getString("mime"),
                rs.getString("format"),
                FileType.fromWire(rs.getString("file_type")),
                nullableInt(rs, "width"),
                nullableInt(rs, "height"),
                rs.getBoolean("has_alpha"),
                rs.getBoolean("is_private"),
                rs.getBoolean("is_published"),
                tags == null ? null : json.readValue(tags, TAGS),
                aiTags == null ? null : json.readValue(aiTags, AI_TAGS),
                rs.getString("custom_coordinates"),
                json.readValue(rs.getString("custom_metadata"), METADATA),
                rs.getString("description"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                nullableInstant(rs, "pending_until"));
    }

    private static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
