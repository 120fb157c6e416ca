package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.catalog.FileRecord.FileType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code file_tags} (searching tags through an index) holds exactly the distinct tags and AI tag names of each
 * current file: kept by FileRepository with every write of the file, and filled for existing files by migration
 * V7.1, on both databases.
 */
class FileTagsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FileRecord file(String id, List<String> tags, List<FileRecord.AiTag> aiTags) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new FileRecord(id, "/t/" + id + ".png", "/t", id + ".png", id, 1, "a".repeat(64), 123, "image/png",
                "png", FileType.IMAGE, 40, 30, false, false, true, tags, aiTags, null, Map.of(), null, t, t);
    }

    private static List<String> tags(JdbcClient jdbc, String fileId) {
        return jdbc.sql("SELECT tag, ai FROM file_tags WHERE file_id = :id").param("id", fileId)
                .query((rs, i) -> rs.getString("tag") + (rs.getBoolean("ai") ? " (ai)" : "")).list();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void the_repository_keeps_them_with_the_file(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            FileRepository files = new FileRepository(jdbc, new FileRows(JSON), CatalogRepositoryTest.refs(jdbc),
                    Clock.systemUTC());
            FileRecord f = file(Ids.next(), List.of("sale", "Sale", "sale", "summer"),
                    List.of(new FileRecord.AiTag("Dress", 90, "google-auto-tagging"),
                            new FileRecord.AiTag("sale", 60, "aws-auto-tagging")));
            files.insert(f);
            assertThat(tags(jdbc, f.fileId())).containsExactlyInAnyOrder("Sale", "sale", "summer", "Dress (ai)",
                    "sale (ai)");

            FileRecord other = file(Ids.next(), null, null);
            files.insert(other);
            assertThat(tags(jdbc, other.fileId())).isEmpty();

            files.update(f.withAttributes(List.of("winter"), null, null, Map.of(), null, true, Instant.now()));
            assertThat(tags(jdbc, f.fileId())).containsExactly("winter");

            files.delete(f.fileId());
            assertThat(tags(jdbc, f.fileId())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void the_migration_fills_them_for_existing_files(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind, "6")) {
            JdbcClient jdbc = JdbcClient.create(ds);
            insertV6(jdbc, "f1", "[\"sale\",\"summer\",\"sale\"]",
                    "[{\"name\":\"Dress\",\"confidence\":90.0,\"source\":\"google-auto-tagging\"}]");
            insertV6(jdbc, "f2", null, null);
            insertV6(jdbc, "f3", "[]", "[]");
            CatalogDatabases.migrate(ds, kind);
            assertThat(tags(jdbc, "f1")).containsExactlyInAnyOrder("sale", "summer", "Dress (ai)");
            assertThat(tags(jdbc, "f2")).isEmpty();
            assertThat(tags(jdbc, "f3")).isEmpty();
        }
    }

    private static void insertV6(JdbcClient jdbc, String id, String tags, String aiTags) {
        jdbc.sql("""
                INSERT INTO files (file_id, file_path, folder_path, name, version_id, version_number, blob_sha256,
                    size, mime, format, file_type, width, height, has_alpha, is_private, is_published, tags, ai_tags,
                    custom_coordinates, custom_metadata, description, created_at, updated_at)
                VALUES (:id, :path, '/t', :name, :id, 1, :sha, 1, 'image/png', 'png', 'image', 1, 1, FALSE, FALSE,
                    TRUE, :tags, :aiTags, NULL, '{}', NULL, 0, 0)""")
                .param("id", id).param("path", "/t/" + id).param("name", id).param("sha", "b".repeat(64))
                .param("tags", tags).param("aiTags", aiTags).update();
    }
}
