package dev.pixkit.server.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code file_versions} table: earlier versions of files (the current one is the {@code files} row). */
@Repository
public class VersionRepository {
    private static final String SELECT = "SELECT " + FileRows.versionColumns("v", "f")
            + " FROM file_versions v JOIN files f ON f.file_id = v.file_id ";

    private final JdbcClient jdbc;
    private final FileRows rows;
    private final BlobReferences refs;
    private final Clock clock;

    VersionRepository(JdbcClient jdbc, FileRows rows, BlobReferences refs, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.refs = refs;
        this.clock = clock;
    }

    /** Earlier versions of the file, oldest first. */
    public List<FileRecord> ofFile(String fileId) {
        return jdbc.sql(SELECT + "WHERE v.file_id = :id ORDER BY v.version_number").param("id", fileId)
                .query(rows::map).list();
    }

    public Optional<FileRecord> find(String fileId, String versionId) {
        return jdbc.sql(SELECT + "WHERE v.file_id = :id AND v.version_id = :v").param("id", fileId)
                .param("v", versionId).query(rows::map).optional();
    }

    /** Keeps {@code f} (a file's version that stops being current) as an earlier version. */
    public void insert(FileRecord f) {
        jdbc.sql("INSERT INTO file_versions (file_id, " + String.join(", ", FileRows.CONTENT_COLUMNS)
                        + ") VALUES (:fileId, " + FileRows.contentParams() + ")")
                .paramSource(rows.params(f)).update();
        refs.acquire(f.sha256(), f.size(), clock.millis());
    }

    /** Deletes the version and its content reference; true when it existed. */
    public boolean delete(String fileId, String versionId) {
        var content = jdbc.sql("SELECT blob_sha256 FROM file_versions WHERE file_id = :id AND version_id = :v")
                .param("id", fileId).param("v", versionId).query(String.class).optional();
        if (content.isEmpty() || jdbc.sql("DELETE FROM file_versions WHERE file_id = :id AND version_id = :v")
                .param("id", fileId).param("v", versionId).update() != 1) {
            return false;
        }
        refs.release(content.get(), clock.millis());
        return true;
    }

    /** Deletes every earlier version of the file and their content references. */
    public void deleteAll(String fileId) {
        List<String> content = jdbc.sql("SELECT blob_sha256 FROM file_versions WHERE file_id = :id")
                .param("id", fileId).query(String.class).list();
        jdbc.sql("DELETE FROM file_versions WHERE file_id = :id").param("id", fileId).update();
        content.forEach(sha -> refs.release(sha, clock.millis()));
    }

    public void setPublished(String fileId, boolean published) {
        jdbc.sql("UPDATE file_versions SET is_published = :p WHERE file_id = :id").param("p", published)
                .param("id", fileId).update();
    }
}
