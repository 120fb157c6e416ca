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
 * The folder-tree SQL on both databases: prefix matches are exact (SQLite's LIKE ignores ASCII case, and {@code _}
 * is a LIKE wildcard), and renames cut paths by characters, also for letters outside the BMP.
 */
class FolderRepositoryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ODD = "/\u00fc\uD835\uDCB3"; // "/ü𝒳": a letter outside the BMP

    private static FileRecord file(String folder, String name) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = Ids.next();
        return new FileRecord(id, FileRecord.pathOf(folder, name), folder, name, id, 1, "a".repeat(64), 10,
                "image/png", "png", FileType.IMAGE, 1, 1, false, false, true, null, null, null, Map.of(), null, t, t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void tree_count_rename_and_delete_touch_exactly_the_folder_and_what_is_below_it(String kind) throws Exception {
        try (HikariDataSource ds = CatalogDatabases.open(kind)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            FileRows rows = new FileRows(JSON);
            FileRepository files = new FileRepository(jdbc, rows, CatalogRepositoryTest.refs(jdbc), Clock.systemUTC());
            VersionRepository versions = new VersionRepository(jdbc, rows, CatalogRepositoryTest.refs(jdbc), Clock.systemUTC());
            FolderRepository folders = new FolderRepository(jdbc);
            for (String f : List.of("/a/b/c", "/a/bc", "/A/b", "/ab", "/a_/x", ODD + "/d")) {
                folders.ensureExists(f, 1);
            }
            FileRecord deep = file("/a/b/c", "1.png");
            FileRecord top = file("/a", "2.png");
            FileRecord upper = file("/A/b", "3.png");
            FileRecord sibling = file("/ab", "4.png");
            FileRecord wildcard = file("/a_/x", "5.png");
            FileRecord odd = file(ODD + "/d", "6.png");
            for (FileRecord f : List.of(deep, top, upper, sibling, wildcard, odd)) {
                files.insert(f);
            }
            versions.insert(file("/a/b/c", "1.png").copiedTo(deep.fileId(), Ids.next(), 0, "/a/b/c", "1.png",
                    deep.createdAt()));

            assertThat(folders.tree("/a")).containsExactly("/a", "/a/b", "/a/b/c", "/a/bc");
            assertThat(folders.tree("/a/b")).containsExactly("/a/b", "/a/b/c");
            assertThat(folders.tree("/nope")).isEmpty();
            assertThat(files.inFolder("/a", true)).extracting(FileRecord::filePath)
                    .containsExactly("/a/2.png", "/a/b/c/1.png");
            assertThat(files.inFolder("/a_", true)).extracting(FileRecord::filePath).containsExactly("/a_/x/5.png");
            assertThat(folders.countTree("/a")).isEqualTo(4 + 2 + 1);

            folders.renameTree("/a", "/z", "z", 99);
            assertThat(folders.tree("/z")).containsExactly("/z", "/z/b", "/z/b/c", "/z/bc");
            assertThat(folders.exists("/a")).isFalse();
            assertThat(jdbc.sql("SELECT name FROM folders WHERE folder_path = '/z'").query(String.class).single())
                    .isEqualTo("z");
            FileRecord movedDeep = files.findById(deep.fileId()).orElseThrow();
            assertThat(movedDeep.filePath()).isEqualTo("/z/b/c/1.png");
            assertThat(movedDeep.folderPath()).isEqualTo("/z/b/c");
            assertThat(movedDeep.versionId()).isEqualTo(deep.versionId());
            assertThat(files.findById(top.fileId()).orElseThrow().folderPath()).isEqualTo("/z");
            assertThat(versions.ofFile(deep.fileId())).singleElement()
                    .satisfies(v -> assertThat(v.filePath()).isEqualTo("/z/b/c/1.png"));
            for (FileRecord untouched : List.of(upper, sibling, wildcard, odd)) {
                assertThat(files.findById(untouched.fileId()).orElseThrow().filePath())
                        .isEqualTo(untouched.filePath());
            }
            assertThat(folders.tree("/A")).containsExactly("/A", "/A/b");

            folders.renameTree(ODD, "/n", "n", 99);
            assertThat(folders.tree("/n")).containsExactly("/n", "/n/d");
            FileRecord movedOdd = files.findById(odd.fileId()).orElseThrow();
            assertThat(movedOdd.filePath()).isEqualTo("/n/d/6.png");
            assertThat(movedOdd.folderPath()).isEqualTo("/n/d");

            assertThat(folders.deleteTree("/z")).isEqualTo(4);
            assertThat(folders.tree("/z")).isEmpty();
            assertThat(folders.exists("/A/b")).isTrue();
            assertThat(folders.exists("/ab")).isTrue();
            assertThat(folders.exists("/a_/x")).isTrue();
        }
    }
}
