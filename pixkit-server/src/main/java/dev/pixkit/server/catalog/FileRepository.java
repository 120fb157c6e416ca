package dev.pixkit.server.catalog;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code files} table: one row per file, holding its current version; and {@code file_tags}, the file's tags and
 * AI tag names one per row (what {@code tags IN [...]} searches through an index), rewritten here whenever the row
 * is, in the caller's transaction. Whatever writes a file's tags or AI tags must do it through here.
 */
@Repository
public class FileRepository {
    private static final String SELECT = "SELECT " + FileRows.fileColumns("f") + " FROM files f ";

    private final JdbcClient jdbc;
    private final FileRows rows;
    private final BlobReferences refs;
    private final Clock clock;

    FileRepository(JdbcClient jdbc, FileRows rows, BlobReferences refs, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.refs = refs;
        this.clock = clock;
    }

    public Optional<FileRecord> findById(String fileId) {
        return jdbc.sql(SELECT + "WHERE f.file_id = :id").param("id", fileId).query(rows::map).optional();
    }

    public Optional<FileRecord> findByPath(String filePath) {
        return jdbc.sql(SELECT + "WHERE f.file_path = :path").param("path", filePath).query(rows::map).optional();
    }

    /** One file (any) whose current version has this content. */
    public Optional<FileRecord> anyWithContent(String sha256) {
        return jdbc.sql(SELECT + "WHERE f.blob_sha256 = :sha LIMIT 1").param("sha", sha256).query(rows::map)
                .optional();
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

    /** Adds the row (pending when {@code f} is) and a reference to its content. */
    public void insert(FileRecord f) {
        jdbc.sql("INSERT INTO files (file_id, file_path, folder_path, name, "
                        + String.join(", ", FileRows.CONTENT_COLUMNS) + ", pending_until) VALUES (:fileId, :filePath,"
                        + " :folderPath, :name, " + FileRows.contentParams() + ", :pendingUntil)")
                .paramSource(rows.params(f)).update();
        refs.acquire(f.sha256(), f.size(), clock.millis());
        insertTags(f);
    }

    /**
     * Rewrites every column of the row with this file id (content, attributes, path), moving the content reference
     * when the content changes. True when it existed.
     */
    public boolean update(FileRecord f) {
        Optional<String> before = contentOf(f.fileId());
        if (before.isEmpty()) {
            return false;
        }
        StringBuilder set = new StringBuilder("file_path = :filePath, folder_path = :folderPath, name = :name");
        String[] params = FileRows.contentParams().split(", ");
        for (int i = 0; i < FileRows.CONTENT_COLUMNS.size(); i++) {
            set.append(", ").append(FileRows.CONTENT_COLUMNS.get(i)).append(" = ").append(params[i].strip());
        }
        jdbc.sql("UPDATE files SET " + set + " WHERE file_id = :fileId").paramSource(rows.params(f)).update();
        deleteTags(f.fileId());
        insertTags(f);
        if (!before.get().equals(f.sha256())) {
            refs.acquire(f.sha256(), f.size(), clock.millis());
            refs.release(before.get(), clock.millis());
        }
        return true;
    }

    /** Deletes the row and its content reference; true when it existed. */
    public boolean delete(String fileId) {
        Optional<String> content = contentOf(fileId);
        if (content.isEmpty() || jdbc.sql("DELETE FROM files WHERE file_id = :id").param("id", fileId).update() != 1) {
            return false;
        }
        deleteTags(fileId);
        refs.release(content.get(), clock.millis());
        return true;
    }

    /** The file's distinct tags ({@code ai} false) and AI tag names ({@code ai} true) into {@code file_tags}. */
    private void insertTags(FileRecord f) {
        Set<String> tags = new LinkedHashSet<>();
        if (f.tags() != null) {
            f.tags().stream().filter(Objects::nonNull).forEach(tags::add);
        }
        Set<String> ai = new LinkedHashSet<>();
        if (f.aiTags() != null) {
            f.aiTags().stream().map(FileRecord.AiTag::name).filter(Objects::nonNull).forEach(ai::add);
        }
        for (String tag : tags) {
            insertTag(f.fileId(), tag, false);
        }
        for (String name : ai) {
            insertTag(f.fileId(), name, true);
        }
    }

    private void insertTag(String fileId, String tag, boolean ai) {
        jdbc.sql("INSERT INTO file_tags (file_id, tag, ai) VALUES (:id, :tag, :ai)").param("id", fileId)
                .param("tag", tag).param("ai", ai).update();
    }

    private void deleteTags(String fileId) {
        jdbc.sql("DELETE FROM file_tags WHERE file_id = :id").param("id", fileId).update();
    }

    /**
     * Sets the file's pending deadline after an overwriting upload: {@code until} (epoch ms) only if the file is
     * pending now, since a committed file is already referenced by its app and must not become deletable. True when
     * the row now holds {@code until}.
     */
    boolean repend(String fileId, long until) {
        return jdbc.sql("UPDATE files SET pending_until = :until WHERE file_id = :id AND pending_until IS NOT NULL")
                .param("until", until).param("id", fileId).update() == 1;
    }

    /** Clears the file's pending deadline; how many rows changed (0 when already committed or gone). */
    int commit(String fileId) {
        return jdbc.sql("UPDATE files SET pending_until = NULL WHERE file_id = :id AND pending_until IS NOT NULL")
                .param("id", fileId).update();
    }

    /**
     * Takes the row for deletion when it is still pending and its deadline is at or before {@code nowMillis}: a
     * no-op update that matches only then, so that it holds the row's write lock (PostgreSQL re-evaluates the
     * condition after waiting for a concurrent commit; SQLite has one writer) until the deleting transaction ends.
     */
    boolean claimExpired(String fileId, long nowMillis) {
        return jdbc.sql("UPDATE files SET pending_until = pending_until WHERE file_id = :id"
                        + " AND pending_until IS NOT NULL AND pending_until <= :now")
                .param("id", fileId).param("now", nowMillis).update() == 1;
    }

    /** Ids of pending files whose deadline is at or before {@code nowMillis}, earliest first, at most {@code limit}. */
    List<String> expiredPending(long nowMillis, int limit) {
        return jdbc.sql("SELECT file_id FROM files WHERE pending_until IS NOT NULL AND pending_until <= :now"
                        + " ORDER BY pending_until LIMIT :limit")
                .param("now", nowMillis).param("limit", limit).query(String.class).list();
    }

    private Optional<String> contentOf(String fileId) {
        return jdbc.sql("SELECT blob_sha256 FROM files WHERE file_id = :id").param("id", fileId).query(String.class)
                .optional();
    }

    /** Distinct content hashes of the files whose path starts with {@code prefix}. */
    public List<String> contentUnder(String prefix) {
        return jdbc.sql("SELECT DISTINCT blob_sha256 FROM files WHERE file_path LIKE :p ESCAPE '\\'")
                .param("p", likePrefix(prefix)).query(String.class).list();
    }

    /** How many files and versions use this content, counted from the rows (fsck compares it with the refcount). */
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
