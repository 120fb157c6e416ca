package dev.pixkit.server.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code folders} table, and the path rewrites a folder rename makes to the files below it. */
@Repository
public class FolderRepository {
    private final JdbcClient jdbc;

    FolderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates {@code folderPath} and every missing ancestor ({@code /a/b} creates {@code /a} and {@code /a/b}). */
    public void ensureExists(String folderPath, long nowMillis) {
        if (folderPath.equals("/")) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : folderPath.substring(1).split("/")) {
            path.append('/').append(segment);
            jdbc.sql("""
                    INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at)
                    VALUES (:id, :path, :name, :now, :now) ON CONFLICT (folder_path) DO NOTHING""")
                    .param("id", Ids.next()).param("path", path.toString()).param("name", segment)
                    .param("now", nowMillis).update();
        }
    }

    public boolean exists(String folderPath) {
        return folderPath.equals("/") || jdbc.sql("SELECT COUNT(*) FROM folders WHERE folder_path = :p")
                .param("p", folderPath).query(Long.class).single() > 0;
    }

    /** {@code folderPath} (when it is a stored folder) and every folder below it, parents before children. */
    public List<String> tree(String folderPath) {
        return jdbc.sql("SELECT folder_path FROM folders WHERE folder_path = :p OR (" + below("folder_path") + ")")
                .params(belowParams(folderPath)).param("p", folderPath).query(String.class).list()
                .stream().sorted().toList();
    }

    /** Deletes the rows of {@code folderPath} and every folder below it (not the files: see FileCatalog). */
    public int deleteTree(String folderPath) {
        return jdbc.sql("DELETE FROM folders WHERE folder_path = :p OR (" + below("folder_path") + ")")
                .params(belowParams(folderPath)).param("p", folderPath).update();
    }

    /**
     * Renames the folder {@code from} to {@code to} (same parent) in place: its row keeps its id and gets the new
     * name, the folders below it and every file below it get the new path prefix (versions take their path from the
     * file). The caller checks that {@code to} is free, and runs this in a transaction.
     */
    public void renameTree(String from, String to, String newName, long nowMillis) {
        int cut = FileRepository.length(from) + 1;
        jdbc.sql("UPDATE folders SET name = :name, updated_at = :now WHERE folder_path = :p")
                .param("name", newName).param("now", nowMillis).param("p", from).update();
        jdbc.sql("UPDATE folders SET folder_path = :to || SUBSTR(folder_path, :cut) WHERE folder_path = :p OR ("
                        + below("folder_path") + ")")
                .params(belowParams(from)).param("p", from).param("to", to).param("cut", cut).update();
        jdbc.sql("UPDATE files SET file_path = :to || SUBSTR(file_path, :cut),"
                        + " folder_path = :to || SUBSTR(folder_path, :cut), updated_at = :now WHERE "
                        + below("file_path"))
                .params(belowParams(from)).param("to", to).param("cut", cut).param("now", nowMillis).update();
    }

    /** Folders, files and file versions at or below {@code folderPath}: what a folder operation would touch. */
    public long countTree(String folderPath) {
        Map<String, Object> below = belowParams(folderPath);
        long folders = jdbc.sql("SELECT COUNT(*) FROM folders WHERE folder_path = :p OR (" + below("folder_path")
                + ")").params(below).param("p", folderPath).query(Long.class).single();
        long files = jdbc.sql("SELECT COUNT(*) FROM files WHERE " + below("file_path")).params(below)
                .query(Long.class).single();
        long versions = jdbc.sql("SELECT COUNT(*) FROM file_versions v JOIN files f ON f.file_id = v.file_id WHERE "
                + below("f.file_path")).params(below).query(Long.class).single();
        return folders + files + versions;
    }

    /**
     * SQL matching values of {@code column} strictly below a folder (with {@link #belowParams}): LIKE narrows, and
     * because it is ASCII case-insensitive on SQLite, the SUBSTR comparison makes the match exact.
     */
    private static String below(String column) {
        return column + " LIKE :like ESCAPE '\\' AND SUBSTR(" + column + ", 1, :n) = :prefix";
    }

    private static Map<String, Object> belowParams(String folderPath) {
        String prefix = folderPath.equals("/") ? "/" : folderPath + "/";
        return Map.of("like", FileRepository.likePrefix(prefix), "n", FileRepository.length(prefix),
                "prefix", prefix);
    }
}
