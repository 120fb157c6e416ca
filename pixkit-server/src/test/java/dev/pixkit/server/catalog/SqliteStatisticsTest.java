package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.system.PixkitSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQLite gets planner statistics (sqlite_stat1, with STAT4 samples) for the catalog's tables. */
class SqliteStatisticsTest {
    @Test
    void optimize_analyses_the_files_table() throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open("sqlite")) {
            JdbcClient jdbc = JdbcClient.create(ds);
            for (int i = 0; i < 200; i++) {
                jdbc.sql("""
                        INSERT INTO files (file_id, file_path, folder_path, name, version_id, version_number,
                            blob_sha256, size, mime, format, file_type, width, height, has_alpha, is_private,
                            is_published, tags, ai_tags, custom_coordinates, custom_metadata, description, created_at,
                            updated_at)
                        VALUES (:id, :path, '/t', :id, :id, 1, :sha, :size, 'image/png', 'png', 'image', 1, 1, FALSE,
                            FALSE, TRUE, NULL, NULL, NULL, '{}', NULL, :t, :t)""")
                        .param("id", "f" + i).param("path", "/t/f" + i).param("sha", "c".repeat(64))
                        .param("size", i * 1000L).param("t", i).update();
            }
            var settings = PixkitSettings.fromMap(Map.of("PIXKIT_DATA_DIR", System.getProperty("java.io.tmpdir")));
            new SqliteStatistics(ds, settings).optimizeNow();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'files'").query(Integer.class).single())
                    .isPositive();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sqlite_stat4 WHERE tbl = 'files'").query(Integer.class).single())
                    .isPositive();
        }
    }
}
