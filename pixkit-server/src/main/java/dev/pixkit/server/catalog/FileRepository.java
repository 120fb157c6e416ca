package dev.pixkit.server.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code files} table: one row per file, holding its current version. */
@Repository
public class FileRepository {
    private static final String SELECT = "SELECT " + FileRows.fileColumns("f") + " FROM files f ";

    private final JdbcClient jdbc;
    private final FileRows rows;

    FileRepository(JdbcClient jdbc, FileRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public Optional<FileRecord> findById(String fileId) {
        return jdbc.sql(SELECT + "WHERE f.file_id = :id").param("id", fileId).query(rows::map).optional();
    }

    public Optional<FileRecord> findByPath(String filePath) {
        return jdbc.sql(SELECT + "WHERE f.file_path = :path").param("path", filePath).query(rows::map).optional();
    }

    /** The files directly in {@code folderPath} or, with {@code recursive}, anywhere below it. */
    public List<FileRecord> inFolder(String folderPath, boolean recursive) {
        if (!recursive) {
            return jdbc.sql(SELECT + "WHERE f.folder_path = :p ORDER BY f.file_path").param("p", folderPath)
                    .query(rows::map).list();
        }
        String prefix = folderPath.equals("/") ? "/" : folderPath + "/";
        // LIKE narrows (and is ASCII case-insensitive on SQLite); the SUBSTR comparison makes it exact.
        return jdbc.sql(SELECT + "WHERE f.file_path LIKE :p ESCAPE '\\' AND SUBSTR(f.file_path, 1, :n) = :prefix"
                        + " ORDER BY f.file_path")
                .param("p", likePrefix(prefix)).param("n", length(prefix)).param("prefix", prefix)
                .query(rows::map).list();
    }

    public void insert(FileRecord f) {
        jdbc.sql("INSERT INTO files (file_id, file_path, folder_path, name, "
                        + String.join(", ", FileRows.CONTENT_COLUMNS) + ") VALUES (:fileId, :filePath, :folderPath,"
                        + " :name, " + FileRows.contentParams() + ")")
                .paramSource(rows.params(f)).update();
    }

    /** Rewrites every column of the row with this file id (content, attributes, path). True when it existed. */
    public boolean update(FileRecord f) {
        StringBuilder set = new StringBuilder("file_path = :filePath, folder_path = :folderPath, name = :name");
        String[] params = FileRows.contentParams().split(", ");
        for (int i = 0; i < FileRows.CONTENT_COLUMNS.size(); i++) {
            set.append(", ").append(FileRows.CONTENT_COLUMNS.get(i)).append(" = ").append(params[i].strip());
        }
        return jdbc.sql("UPDATE files SET " + set + " WHERE file_id = :fileId").paramSource(rows.params(f))
                .update() == 1;
    }

    /** Deletes the row; true when it existed. */
    public boolean delete(String fileId) {
        return jdbc.sql("DELETE FROM files WHERE file_id = :id").param("id", fileId).update() == 1;
    }

    /** Distinct content hashes of the files whose path starts with {@code prefix}. */
    public List<String> contentUnder(String prefix) {
        return jdbc.sql("SELECT DISTINCT blob_sha256 FROM files WHERE file_path LIKE :p ESCAPE '\\'")
                .param("p", likePrefix(prefix)).query(String.class).list();
    }

    /** How many files and versions use this content. */
    public long countByBlob(String sha256) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM files WHERE blob_sha256 = :sha)"
                        + " + (SELECT COUNT(*) FROM file_versions WHERE blob_sha256 = :sha)")
                .param("sha", sha256).query(Long.class).single();
    }

    /** Length in characters as SQL's {@code SUBSTR} and {@code LENGTH} count them (code points). */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** A LIKE pattern matching strings that start with {@code prefix} (with {@code ESCAPE '\'}). */
    public static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
