package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.catalog.FileRecord.FileType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The catalog's SQL on both supported databases, migrated by Flyway from the same scripts. */
class CatalogRepositoryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FileRecord file(String id, String path, String sha) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new FileRecord(id, path, "/a/b", path.substring(path.lastIndexOf('/') + 1), id, 1, sha, 123, "image/png",
                "png", FileType.IMAGE, 40, 30, true, false, true, List.of("x", "y"),
                List.of(new FileRecord.AiTag("Cat", 91.5, "google-auto-tagging")), "1,2,3,4",
                Map.of("sku", "A-1", "n", 2), "desc", t, t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void files_round_trip_update_and_delete(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            FileRepository files = new FileRepository(JdbcClient.create(ds), new FileRows(JSON),
                    refs(JdbcClient.create(ds)), Clock.systemUTC());
            String sha = "a".repeat(64);
            FileRecord f = file(Ids.next(), "/a/b/one.png", sha);
            files.insert(f);
            assertThat(files.findById(f.fileId())).contains(f);
            assertThat(files.findByPath("/a/b/one.png")).contains(f);
            assertThat(files.findByPath("/a/b/ONE.png")).isEmpty();

            FileRecord plain = new FileRecord(Ids.next(), "/a/b/two.bin", "/a/b", "two.bin", "v", 1, sha, 4,
                    "application/octet-stream", "bin", FileType.NON_IMAGE, null, null, false, true, false, null, null,
                    null, Map.of(), null, f.createdAt(), f.updatedAt());
            files.insert(plain);
            assertThat(files.findById(plain.fileId())).contains(plain);
            assertThat(files.countByBlob(sha)).isEqualTo(2);

            FileRecord v2 = new FileRecord(f.fileId(), f.filePath(), f.folderPath(), f.name(), Ids.next(), 2,
                    "b".repeat(64), 999, "image/jpeg", "jpg", FileType.IMAGE, 10, 10, false, true, true, null, null,
                    null, Map.of(), null, f.createdAt(), f.updatedAt().plusSeconds(5));
            files.update(v2);
            assertThat(files.findById(f.fileId())).contains(v2);
            assertThat(files.countByBlob(sha)).isEqualTo(1);

            assertThat(files.delete(f.fileId())).isTrue();
            assertThat(files.delete(f.fileId())).isFalse();
            assertThat(files.findById(f.fileId())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void a_path_holds_one_file(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            FileRepository files = new FileRepository(JdbcClient.create(ds), new FileRows(JSON),
                    refs(JdbcClient.create(ds)), Clock.systemUTC());
            files.insert(file(Ids.next(), "/a/b/same.png", "c".repeat(64)));
            assertThatThrownBy(() -> files.insert(file(Ids.next(), "/a/b/same.png", "d".repeat(64))))
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void folders_are_created_with_ancestors_idempotently(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            FolderRepository folders = new FolderRepository(jdbc);
            folders.ensureExists("/x/y/z", 1000);
            folders.ensureExists("/x/y/z", 2000);
            folders.ensureExists("/x/w", 3000);
            folders.ensureExists("/", 4000);
            assertThat(jdbc.sql("SELECT folder_path FROM folders ORDER BY folder_path").query(String.class).list())
                    .containsExactly("/x", "/x/w", "/x/y", "/x/y/z");
            assertThat(jdbc.sql("SELECT name FROM folders WHERE folder_path = '/x/y/z'").query(String.class).single())
                    .isEqualTo("z");
            assertThat(folders.exists("/x/y")).isTrue();
            assertThat(folders.exists("/x/q")).isFalse();
            assertThat(folders.exists("/")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void upload_tokens_are_single_use(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            long expire = Instant.now().getEpochSecond() + 600;
            jdbc.sql("INSERT INTO upload_tokens (token, expire) VALUES ('t1', :e)").param("e", expire).update();
            assertThatThrownBy(() -> jdbc.sql("INSERT INTO upload_tokens (token, expire) VALUES ('t1', :e)")
                    .param("e", expire).update()).isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void versions_take_path_from_their_file_and_count_as_references(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            FileRows rows = new FileRows(JSON);
            FileRepository files = new FileRepository(jdbc, rows, refs(jdbc), Clock.systemUTC());
            VersionRepository versions = new VersionRepository(jdbc, rows, refs(jdbc), Clock.systemUTC());
            FileRecord v1 = file(Ids.next(), "/a/b/v.png", "e".repeat(64));
            files.insert(v1);
            FileRecord v2 = v1.withContent(Ids.next(), 2, file("x", "/x/y.png", "f".repeat(64)), v1.updatedAt());
            versions.insert(v1);
            files.update(v2);
            FileRecord renamed = v2.movedTo("/c", "w.png", v2.updatedAt());
            files.update(renamed);

            assertThat(versions.ofFile(v1.fileId())).singleElement().satisfies(v -> {
                assertThat(v.versionId()).isEqualTo(v1.versionId());
                assertThat(v.filePath()).isEqualTo("/c/w.png");
                assertThat(v.sha256()).isEqualTo(v1.sha256());
                assertThat(v.aiTags()).isEqualTo(v1.aiTags());
            });
            assertThat(files.countByBlob("e".repeat(64))).isEqualTo(1);
            assertThat(files.countByBlob("f".repeat(64))).isEqualTo(1);
            BlobReferences refs = refs(jdbc);
            assertThat(refs.count("e".repeat(64))).isEqualTo(1);
            assertThat(refs.count("f".repeat(64))).isEqualTo(1);
            versions.deleteAll(v1.fileId());
            assertThat(files.countByBlob("e".repeat(64))).isZero();
            assertThat(refs.count("e".repeat(64))).isZero();
            assertThat(jdbc.sql("SELECT sha256 FROM blob_deletions").query(String.class).list())
                    .containsExactly("e".repeat(64));
            files.insert(v1.copiedTo(Ids.next(), Ids.next(), 1, "/again", "v.png", v1.updatedAt()));
            assertThat(refs.count("e".repeat(64))).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM blob_deletions").query(Long.class).single()).isZero();
        }
    }

    /** Reference counting as the server does it; the sweeper is not involved here. */
    static BlobReferences refs(JdbcClient jdbc) {
        return new BlobReferences(jdbc, event -> { });
    }
}
