package dev.pixkit.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.catalog.CatalogDatabases;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code tags IN} finds files through their indexed tags: what every way of changing a file's tags leaves is what
 * search sees (upload, overwrite, details update, bulk add and remove, delete), on both databases.
 */
class TagSearchApiTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.pixkit.server.catalog.CatalogDatabases#both")
    void search_follows_every_change_of_tags(String kind) throws Exception {
        Map<String, String> settings = kind.equals("postgresql") ? CatalogDatabases.postgresSettings() : Map.of();
        try (TestServer server = TestServer.start(settings)) {
            Http http = server.http();
            String t = "t" + UUID.randomUUID().toString().substring(0, 8);
            String id = Http.json(http.upload(new Multipart().file("file", "a.png", Images.png(8, 8, false))
                    .field("fileName", "a.png").field("folder", "/tags").field("useUniqueFileName", "false")
                    .field("tags", t + "-one," + t + "-two"))).get("fileId").asString();
            assertThat(names(http, "tags IN [\"" + t + "-one\"]")).containsExactly("a.png");
            assertThat(names(http, "tags IN [\"" + t + "-two\", \"" + t + "-none\"]")).containsExactly("a.png");

            http.json("PATCH", "/v1/files/" + id + "/details", Map.of("tags", List.of(t + "-three")));
            assertThat(names(http, "tags IN [\"" + t + "-one\"]")).isEmpty();
            assertThat(names(http, "tags IN [\"" + t + "-three\"]")).containsExactly("a.png");

            http.json("POST", "/v1/files/addTags", Map.of("fileIds", List.of(id), "tags", List.of(t + "-four")));
            assertThat(names(http, "tags IN [\"" + t + "-four\"]")).containsExactly("a.png");
            http.json("POST", "/v1/files/removeTags", Map.of("fileIds", List.of(id), "tags", List.of(t + "-three")));
            assertThat(names(http, "tags IN [\"" + t + "-three\"]")).isEmpty();
            assertThat(names(http, "tags NOT IN [\"" + t + "-four\"] AND path = \"/tags\"")).isEmpty();

            // an overwriting upload with tags replaces them
            http.upload(new Multipart().file("file", "b.png", Images.png(9, 9, false)).field("fileName", "a.png")
                    .field("folder", "/tags").field("useUniqueFileName", "false").field("tags", t + "-five"));
            assertThat(names(http, "tags IN [\"" + t + "-five\"]")).containsExactly("a.png");
            assertThat(names(http, "tags IN [\"" + t + "-four\"]")).isEmpty();

            assertThat(http.delete("/v1/files/" + id).statusCode()).isEqualTo(204);
            assertThat(names(http, "tags IN [\"" + t + "-five\"]")).isEmpty();
            assertThat(server.jdbc().sql("SELECT COUNT(*) FROM file_tags WHERE file_id = :id").param("id", id)
                    .query(Integer.class).single()).isZero();
        }
    }

    private static List<String> names(Http http, String query) {
        var r = http.getAuthed("/v1/files?searchQuery=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode n : Http.json(r)) {
            names.add(n.get("name").asString());
        }
        return names;
    }
}
