package dev.pixkit.server.catalog;

import dev.pixkit.server.catalog.FileRecord.FileType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code files} table. Plain SQL that runs on SQLite and PostgreSQL alike. */
@Repository
public class FileRepository {
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};
    private static final String COLUMNS = """
            file_id, file_path, folder_path, name, version_id, version_number, blob_sha256, size, mime, file_type,
            width, height, has_alpha, is_private, is_published, tags, custom_coordinates, custom_metadata,
            description, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FileRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<FileRecord> findById(String fileId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE file_id = :id").param("id", fileId)
                .query(this::map).optional();
    }

    public Optional<FileRecord> findByPath(String filePath) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE file_path = :path").param("path", filePath)
                .query(this::map).optional();
    }

    public void insert(FileRecord f) {
        jdbc.sql("INSERT INTO files (" + COLUMNS + """
                ) VALUES (:fileId, :filePath, :folderPath, :name, :versionId, :versionNumber, :sha256, :size, :mime,
                :fileType, :width, :height, :hasAlpha, :isPrivate, :isPublished, :tags, :customCoordinates,
                :customMetadata, :description, :createdAt, :updatedAt)""")
                .paramSource(params(f)).update();
    }

    /** Replaces the current version's content and attributes of an existing file (same id and path). */
    public void update(FileRecord f) {
        jdbc.sql("""
                UPDATE files SET name = :name, version_id = :versionId, version_number = :versionNumber,
                  blob_sha256 = :sha256, size = :size, mime = :mime, file_type = :fileType, width = :width,
                  height = :height, has_alpha = :hasAlpha, is_private = :isPrivate, is_published = :isPublished,
                  tags = :tags, custom_coordinates = :customCoordinates, custom_metadata = :customMetadata,
                  description = :description, updated_at = :updatedAt
                WHERE file_id = :fileId""")
                .paramSource(params(f)).update();
    }

    /** Deletes the row; true when it existed. */
    public boolean delete(String fileId) {
        return jdbc.sql("DELETE FROM files WHERE file_id = :id").param("id", fileId).update() == 1;
    }

    /** Distinct content hashes of the files whose path starts with {@code prefix}. */
    public List<String> contentUnder(String prefix) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("SELECT DISTINCT blob_sha256 FROM files WHERE file_path LIKE :p ESCAPE '\\'")
                .param("p", escaped + "%").query(String.class).list();
    }

    /** How many catalogued files use this content. */
    public long countByBlob(String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM files WHERE blob_sha256 = :sha").param("sha", sha256)
                .query(Long.class).single();
    }

    private Map<String, Object> params(FileRecord f) {
        var p = new java.util.HashMap<String, Object>();
        p.put("fileId", f.fileId());
        p.put("filePath", f.filePath());
        p.put("folderPath", f.folderPath());
        p.put("name", f.name());
        p.put("versionId", f.versionId());
        p.put("versionNumber", f.versionNumber());
        p.put("sha256", f.sha256());
        p.put("size", f.size());
        p.put("mime", f.mime());
        p.put("fileType", f.fileType().wire());
        p.put("width", f.width());
        p.put("height", f.height());
        p.put("hasAlpha", f.hasAlpha());
        p.put("isPrivate", f.isPrivate());
        p.put("isPublished", f.isPublished());
        p.put("tags", f.tags() == null ? null : json.writeValueAsString(f.tags()));
        p.put("customCoordinates", f.customCoordinates());
        p.put("customMetadata", json.writeValueAsString(f.customMetadata() == null ? Map.of() : f.customMetadata()));
        p.put("description", f.description());
        p.put("createdAt", f.createdAt().toEpochMilli());
        p.put("updatedAt", f.updatedAt().toEpochMilli());
        return p;
    }

    private FileRecord map(ResultSet rs, int row) throws SQLException {
        String tags = rs.getString("tags");
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
                FileType.fromWire(rs.getString("file_type")),
                nullableInt(rs, "width"),
                nullableInt(rs, "height"),
                rs.getBoolean("has_alpha"),
                rs.getBoolean("is_private"),
                rs.getBoolean("is_published"),
                tags == null ? null : json.readValue(tags, TAGS),
                rs.getString("custom_coordinates"),
                json.readValue(rs.getString("custom_metadata"), METADATA),
                rs.getString("description"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
