package dev.pixkit.server.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code folders} table. */
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
}
