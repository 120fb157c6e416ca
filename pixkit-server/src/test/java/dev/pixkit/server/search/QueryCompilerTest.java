package dev.pixkit.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.catalog.CatalogDatabases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Compiled searchQuery WHERE clauses run on real SQLite and PostgreSQL databases holding {@link SearchFixture}: each
 * scenario names the query, the target table and the rows it must return, and runs on both databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCompilerTest {
    private final Map<String, HikariDataSource> databases = new HashMap<>();

    private record Case(String scenario, Target target, String query, List<String> expected) {
        @Override
        public String toString() {
            return scenario;
        }
    }

    private static Case files(String scenario, String query, String... names) {
        return new Case(scenario, Target.FILE, query, List.of(names));
    }

    private static Case versions(String scenario, String query, String... ids) {
        return new Case(scenario, Target.FILE_VERSION, query, List.of(ids));
    }

    private static Case folders(String scenario, String query, String... paths) {
        return new Case(scenario, Target.FOLDER, query, List.of(paths));
    }

    static final String SUMMER = "red-dress-summer.jpg";
    static final String WINTER = "red-dress-winter.png";
    static final String SHIRT = "Blue_Shirt.webp";
    static final String README = "readme.txt";
    static final String WILD = "100%_off*.bin";
    static final String OLD = "100ab_off.bin";

    static List<Case> cases() {
        return List.of(
                files("name equals is exact", "name = \"red-dress-summer.jpg\"", SUMMER),
                files("name equals is case-sensitive", "name = \"RED-DRESS-SUMMER.JPG\""),
                files("name prefix", "name : \"red-dress\"", SUMMER, WINTER),
                files("name prefix is case-sensitive", "name : \"Red\""),
                files("name prefix treats % and _ literally", "name : \"100%_\"", WILD),
                files("name prefix treats * literally", "name : \"100%_off*\"", WILD),
                files("name in", "name IN [\"readme.txt\", \"Blue_Shirt.webp\", \"nope\"]", SHIRT, README),
                files("name not equals", "name NOT = \"readme.txt\"", SUMMER, WINTER, SHIRT, WILD, OLD),
                files("name not in", "name NOT IN [\"readme.txt\", \"100ab_off.bin\"]", SUMMER, WINTER, SHIRT, WILD),
                files("name has every word, any case", "name HAS \"DRESS red\"", SUMMER, WINTER),
                files("name has ignores word order and case", "name HAS \"shirt BLUE\"", SHIRT),
                files("tags in matches tags", "tags IN [\"winter\", \"docs\"]", WINTER, README),
                files("tags in matches AI tags too", "tags IN [\"Shirt\"]", SHIRT),
                files("AITags in matches AI tags only", "AITags IN [\"Dress\"]", SUMMER),
                files("AITags in ignores plain tags", "AITags IN [\"winter\"]"),
                files("tags not in includes untagged files", "tags NOT IN [\"winter\", \"banner\"]", SHIRT, README,
                        WILD, OLD),
                files("tags exists counts AI tags and not empty lists", "tags EXISTS", SUMMER, WINTER, SHIRT, README),
                files("tags not exists", "tags NOT EXISTS", WILD, OLD),
                files("AITags exists", "AITags EXISTS", SUMMER, SHIRT),
                files("tags has is a case-insensitive word search", "tags HAS \"SALE\"", SUMMER),
                files("tags has searches AI tags", "tags HAS \"t-shirt\"", SHIRT),
                files("width greater", "width > 500", SUMMER),
                files("width less or equal", "width <= 300", WINTER, SHIRT),
                files("height equals", "height = 200", WINTER),
                files("height in", "height IN [50, 600]", SUMMER, SHIRT),
                files("width not equals includes files without a width", "width NOT = 300", SUMMER, SHIRT, README,
                        WILD, OLD),
                files("size less than a unit", "size < \"1mb\"", SUMMER, SHIRT, README, OLD),
                files("size less or equal includes the boundary", "size <= \"1mb\"", SUMMER, SHIRT, README, WILD, OLD),
                files("size equals bytes", "size = 1048576", WILD),
                files("size greater or equal", "size >= \"500kb\"", SUMMER, WINTER, WILD),
                files("created in the last 7 days", "createdAt > \"7d\"", SUMMER, README),
                files("created more than 3 hours ago", "createdAt < 3h", SUMMER, WINTER, SHIRT, WILD, OLD),
                files("created in the last 2 weeks", "createdAt >= \"2w\"", SUMMER, WINTER, README),
                files("created in the last month", "createdAt > \"1m\"", SUMMER, WINTER, README, WILD),
                files("created more than a year ago", "createdAt < \"1y\"", SHIRT, OLD),
                files("created before a date", "createdAt < 2020-01-01", SHIRT),
                files("created after a date and time", "createdAt > \"2019-12-31T22:59:59\"", SUMMER, WINTER, SHIRT,
                        README, WILD, OLD),
                files("created at an exact instant", "createdAt = \"2019-12-31T23:00:00Z\"", SHIRT),
                files("updated in the last day", "updatedAt > \"1d\"", SUMMER, README),
                files("updated in the last 12 hours", "updatedAt > \"12h\"", README),
                files("format equals", "format = \"png\"", WINTER),
                files("format in", "format IN [\"jpg\", \"webp\"]", SUMMER, SHIRT),
                files("fileType", "fileType = \"non-image\"", README, WILD, OLD),
                files("private", "private = true", WINTER),
                files("isPrivateFile alias", "isPrivateFile = false", SUMMER, SHIRT, README, WILD, OLD),
                files("published false", "published = false", SHIRT),
                files("transparency applies to images only", "transparency = true", WINTER, SHIRT),
                files("transparency false", "transparency = false", SUMMER),
                files("type file is every file", "type = \"file\"", SUMMER, WINTER, SHIRT, README, WILD, OLD),
                files("type folder is no file", "type = \"folder\""),
                files("type not folder is every file", "type NOT = \"folder\"", SUMMER, WINTER, SHIRT, README, WILD,
                        OLD),
                files("path equals is that folder only", "path = \"/sale\"", SUMMER, WINTER),
                files("path equals accepts a trailing slash", "path = \"/sale/\"", SUMMER, WINTER),
                files("path prefix includes subfolders but not /sale-old", "path : \"/sale\"", SUMMER, WINTER,
                        SHIRT),
                files("path prefix of the root is everything", "path : \"/\"", SUMMER, WINTER, SHIRT, README, WILD,
                        OLD),
                files("path equals root", "path = \"/\"", WILD),
                files("path in", "path IN [\"/docs\", \"/sale/summer\"]", SHIRT, README),
                files("path not equals", "path NOT = \"/sale\"", SHIRT, README, WILD, OLD),
                files("metadata text equals is case-sensitive", "\"customMetadata.brand\" = \"Nike\"", SUMMER),
                files("metadata text prefix", "\"customMetadata.brand\" : \"Ad\"", WINTER),
                files("metadata has", "\"customMetadata.brand\" HAS \"NIKE\"", SUMMER, README),
                files("metadata has words", "\"customMetadata.note\" HAS \"dress red\"", SUMMER),
                files("metadata number greater", "\"customMetadata.rating\" > 4", SUMMER),
                files("metadata number ignores numeric text", "\"customMetadata.rating\" > 4.6"),
                files("metadata number less or equal", "\"customMetadata.rating\" <= 3", WINTER),
                files("metadata quoted number is text", "\"customMetadata.code\" = \"500\"", WINTER),
                files("metadata unquoted number is a number", "\"customMetadata.code\" = 500"),
                files("metadata boolean", "\"customMetadata.active\" = true", SUMMER),
                files("metadata multi-select in", "\"customMetadata.sizes\" IN [\"M\", \"XL\"]", SUMMER),
                files("metadata multi-select not in", "\"customMetadata.sizes\" NOT IN [\"M\"]", WINTER, SHIRT,
                        README, WILD, OLD),
                files("metadata in with mixed types", "\"customMetadata.tuple\" IN [\"luxury\", 500, true]", README),
                files("metadata in matches a number element", "\"customMetadata.tuple\" IN [7]", README),
                files("metadata exists", "\"customMetadata.brand\" EXISTS", SUMMER, WINTER, README),
                files("metadata not exists", "\"customMetadata.brand\" NOT EXISTS", SHIRT, WILD, OLD),
                files("metadata date after", "\"customMetadata.launch\" > \"2024-01-01\"", SUMMER),
                files("metadata date within a relative time", "\"customMetadata.launch\" > \"1y\"", SUMMER),
                files("metadata date before", "\"customMetadata.launch\" < \"2024-01-01\""),
                files("metadata key that nobody has", "\"customMetadata.nothing\" = \"x\""),
                files("and binds tighter than or", "name = \"readme.txt\" OR name : \"red\" AND format = \"png\"",
                        WINTER, README),
                files("parentheses group", "(name = \"readme.txt\" OR name : \"red\") AND format = \"png\"", WINTER),
                files("the documentation's grouping example",
                        "(size < \"1mb\" AND width > 500) OR (tags IN [\"summer-sale\",\"banner\"])", SUMMER),
                files("the documentation's recent and large example", "createdAt >= \"7d\" AND size > \"1mb\""),
                files("user text is only ever a parameter", "name = \"x'); DROP TABLE files; --\""),
                versions("versions are searched by their own content", "tags IN [\"old\"]", "v1old"),
                versions("versions take their name from the file", "name = \"red-dress-summer.jpg\"", "v1old"),
                versions("versions take their folder from the file", "path = \"/sale\" AND size = 999", "v1old"),
                versions("type file-version", "type = \"file-version\"", "v1old"),
                versions("type file is no version", "type = \"file\""),
                versions("version metadata", "\"customMetadata.brand\" = \"Nike\"", "v1old"),
                folders("folder by name", "name = \"summer\"", "/sale/summer"),
                folders("folder name prefix", "name : \"sale\"", "/sale", "/sale-old"),
                folders("folders directly in a folder", "path = \"/sale\"", "/sale/summer"),
                folders("folders directly in the root", "path = \"/\"", "/docs", "/sale", "/sale-old"),
                folders("folders below a folder", "path : \"/sale\"", "/sale/summer"),
                folders("folders in one of two folders", "path IN [\"/\", \"/sale\"]", "/docs", "/sale", "/sale-old",
                        "/sale/summer"),
                folders("folders created in the last week", "createdAt > \"7d\"", "/docs", "/sale/summer"),
                folders("type folder", "type = \"folder\"", "/docs", "/sale", "/sale-old", "/sale/summer"),
                folders("folders have no size", "size > 0"),
                folders("folders have no tags, so not in matches", "tags NOT IN [\"x\"]", "/docs", "/sale",
                        "/sale-old", "/sale/summer"),
                folders("folders have no custom metadata", "\"customMetadata.brand\" EXISTS"));
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (String kind : List.of("sqlite", "postgresql")) {
            for (Case c : cases()) {
                all.add(Arguments.of(kind, c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void compiled_query_returns_the_expected_rows(String kind, Case c) throws Exception {
        JdbcClient jdbc = database(kind);
        SqlDialect dialect = kind.equals("postgresql") ? new SqlDialect.Postgres() : new SqlDialect.Sqlite();
        SqlParams params = new SqlParams();
        Sql where = new QueryCompiler(dialect, SearchFixture.NOW, params).compile(QueryParser.parse(c.query()),
                c.target());
        String key = switch (c.target()) {
            case FILE -> "f.name";
            case FILE_VERSION -> "v.version_id";
            case FOLDER -> "d.folder_path";
        };
        List<String> found = jdbc.sql("SELECT " + key + " FROM " + c.target().from() + " WHERE " + where.text()
                + " ORDER BY " + dialect.binarySort(key)).params(params.values()).query(String.class).list();
        assertThat(found).as(where.text()).containsExactlyInAnyOrderElementsOf(c.expected());
        for (Object value : params.values().values()) {
            if (value instanceof String s && s.length() > 3) {
                assertThat(where.text()).doesNotContain(s);
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM files").query(Long.class).single()).isEqualTo(6);
    }

    private JdbcClient database(String kind) throws Exception {
        HikariDataSource ds = databases.get(kind);
        if (ds == null) {
            ds = CatalogDatabases.open(kind);
            databases.put(kind, ds);
            new SearchFixture(JdbcClient.create(ds)).load();
        }
        return JdbcClient.create(ds);
    }

    @AfterAll
    void close() {
        databases.values().forEach(HikariDataSource::close);
    }
}
