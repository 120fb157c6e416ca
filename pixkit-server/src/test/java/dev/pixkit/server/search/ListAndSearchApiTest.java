package dev.pixkit.server.search;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/files} over real HTTP on a server of its own: files uploaded through the upload API (tags, custom
 * metadata, sizes, an overwrite that leaves a version), AI tags seeded through JDBC, then every parameter, and each
 * 200 item validated against the spec's FileDetails or FolderDetails schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListAndSearchApiTest {
    private TestServer server;
    private Http http;

    /** Settings of the server under test; SQLite in its data dir here, PostgreSQL in the subclass. */
    Map<String, String> databaseSettings() throws Exception {
        return Map.of();
    }

    @BeforeAll
    void upload() throws Exception {
        server = TestServer.start(databaseSettings());
        http = server.http();
        MetadataFields.ensure(http, "brand", Map.of("type", "Text"));
        MetadataFields.ensure(http, "rating", Map.of("type", "Number"));
        upload(new Multipart().file("file", "a.jpg", Images.jpeg(80, 60)).field("fileName", "red-dress-summer.jpg")
                .field("folder", "/shop").field("tags", "summer-sale,banner").field("useUniqueFileName", "false")
                .field("customMetadata", "{\"brand\":\"Nike\",\"rating\":4.5}"));
        upload(new Multipart().file("file", "b.png", Images.png(30, 20, true)).field("fileName", "red-dress-winter.png")
                .field("folder", "/shop").field("tags", "winter").field("isPrivateFile", "true").field("useUniqueFileName", "false")
                .field("customMetadata", "{\"brand\":\"Adidas\"}"));
        upload(new Multipart().file("file", "c.png", Images.png(10, 10, false)).field("fileName", "blue-shirt.png")
                .field("folder", "/shop/sub").field("useUniqueFileName", "false"));
        upload(new Multipart().file("file", "d.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .field("fileName", "readme.txt").field("folder", "/docs").field("tags", "docs")
                .field("useUniqueFileName", "false"));
        upload(new Multipart().file("file", "e.bin", new byte[1_200_000]).field("fileName", "big.bin")
                .field("useUniqueFileName", "false"));
        // A new version of the summer dress: the first upload becomes a file-version.
        upload(new Multipart().file("file", "a2.jpg", Images.jpeg(90, 70)).field("fileName", "red-dress-summer.jpg")
                .field("folder", "/shop").field("tags", "summer-sale,banner").field("useUniqueFileName", "false")
                .field("customMetadata", "{\"brand\":\"Nike\",\"rating\":4.5}"));
        server.jdbc().sql("UPDATE files SET ai_tags = :ai WHERE name = 'red-dress-summer.jpg'")
                .param("ai", "[{\"name\":\"Dress\",\"confidence\":91.5,\"source\":\"google-auto-tagging\"}]").update();
        // as FileRepository would have written it with the AI tags (no API sets AI tags)
        server.jdbc().sql("INSERT INTO file_tags (file_id, tag, ai) SELECT file_id, 'Dress', TRUE FROM files"
                + " WHERE name = 'red-dress-summer.jpg'").update();
        server.jdbc().sql("UPDATE files SET created_at = :t WHERE name = 'readme.txt'")
                .param("t", Instant.now().minus(Duration.ofDays(30)).toEpochMilli()).update();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void upload(Multipart form) {
        HttpResponse<byte[]> r = http.upload(form);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    /** GET /v1/files with query parameters given as name, value pairs (values URL-encoded here). */
    private HttpResponse<byte[]> list(String... nameValues) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            q.append(q.isEmpty() ? "?" : "&").append(nameValues[i]).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return http.getAuthed("/v1/files" + q);
    }

    /** The names of a 200 response's items, after checking each against the spec. */
    private List<String> names(String... nameValues) {
        return items(nameValues).stream().map(n -> n.get("name").asString()).toList();
    }

    private List<JsonNode> items(String... nameValues) {
        HttpResponse<byte[]> r = list(nameValues);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.isArray()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        body.values().forEach(items::add);
        for (JsonNode item : items) {
            String schema = item.get("type").asString().equals("folder") ? "FolderDetails" : "FileDetails";
            OpenApiSpec.assertConforms(item, schema);
        }
        return items;
    }

    private void assertBadRequest(String message, String... nameValues) {
        HttpResponse<byte[]> r = list(nameValues);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("message").asString()).isEqualTo(message);
        assertThat(body.get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
    }

    @Test
    void without_parameters_every_file_is_listed_oldest_first() {
        List<JsonNode> items = items();
        assertThat(items).extracting(n -> n.get("name").asString()).containsExactly("readme.txt",
                "red-dress-summer.jpg", "red-dress-winter.png", "blue-shirt.png", "big.bin");
        assertThat(items).allSatisfy(n -> assertThat(n.get("type").asString()).isEqualTo("file"));
        JsonNode summer = items.get(1);
        assertThat(summer.get("filePath").asString()).isEqualTo("/shop/red-dress-summer.jpg");
        assertThat(summer.get("versionInfo").get("name").asString()).isEqualTo("Version 2");
        assertThat(summer.get("AITags").get(0).get("name").asString()).isEqualTo("Dress");
        assertThat(summer.get("customMetadata").get("brand").asString()).isEqualTo("Nike");
    }

    @Test
    void the_legacy_sdks_trailing_slash_path_answers_the_same() {
        HttpResponse<byte[]> r = http.getAuthed("/v1/files/?limit=2&skip=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).values()).extracting(n -> n.get("name").asString())
                .containsExactly("red-dress-summer.jpg", "red-dress-winter.png");
    }

    @Test
    void without_a_key_it_is_401() {
        assertThat(http.get("/v1/files").statusCode()).isEqualTo(401);
    }

    @Test
    void type_folder_lists_folders_as_folder_objects() {
        List<JsonNode> items = items("type", "folder");
        assertThat(items).extracting(n -> n.get("folderPath").asString())
                .containsExactlyInAnyOrder("/shop", "/shop/sub", "/docs");
        JsonNode sub = items.stream().filter(n -> n.get("name").asString().equals("sub")).findFirst().orElseThrow();
        assertThat(sub.get("type").asString()).isEqualTo("folder");
        assertThat(sub.get("folderId").asString()).isNotBlank();
        assertThat(sub.get("customMetadata").isEmpty()).isTrue();
        assertThat(sub.get("createdAt").asString()).endsWith("Z");
    }

    @Test
    void type_all_puts_folders_first_and_limit_and_skip_span_both() {
        List<String> all = names("type", "all", "sort", "ASC_NAME");
        assertThat(all).containsExactly("docs", "shop", "sub", "big.bin", "blue-shirt.png", "readme.txt",
                "red-dress-summer.jpg", "red-dress-winter.png");
        assertThat(names("type", "all", "sort", "ASC_NAME", "skip", "2", "limit", "3"))
                .containsExactly("sub", "big.bin", "blue-shirt.png");
        assertThat(names("type", "all", "sort", "ASC_NAME", "skip", "4", "limit", "2"))
                .containsExactly("blue-shirt.png", "readme.txt");
        List<String> paged = new ArrayList<>();
        for (int skip = 0; skip < 10; skip += 3) {
            paged.addAll(names("type", "all", "sort", "ASC_NAME", "skip", Integer.toString(skip), "limit", "3"));
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void type_file_version_lists_earlier_versions() {
        List<JsonNode> items = items("type", "file-version");
        assertThat(items).hasSize(1);
        JsonNode v = items.getFirst();
        assertThat(v.get("type").asString()).isEqualTo("file-version");
        assertThat(v.get("name").asString()).isEqualTo("red-dress-summer.jpg");
        assertThat(v.get("versionInfo").get("name").asString()).isEqualTo("Version 1");
        assertThat(v.get("url").asString()).contains("ik-obj-version=");
        assertThat(v.get("width").asInt()).isEqualTo(80);
    }

    @Test
    void path_limits_to_one_folder_without_subfolders() {
        assertThat(names("path", "/shop")).containsExactly("red-dress-summer.jpg", "red-dress-winter.png");
        assertThat(names("path", "shop/")).containsExactly("red-dress-summer.jpg", "red-dress-winter.png");
        assertThat(names("path", "/")).containsExactly("big.bin");
        assertThat(names("path", "/shop", "type", "folder")).containsExactly("sub");
        assertThat(names("path", "/nowhere")).isEmpty();
    }

    @Test
    void file_type_filters_files_but_not_folders() {
        assertThat(names("fileType", "image")).containsExactly("red-dress-summer.jpg", "red-dress-winter.png",
                "blue-shirt.png");
        assertThat(names("fileType", "non-image")).containsExactly("readme.txt", "big.bin");
        assertThat(names("fileType", "all")).hasSize(5);
        assertThat(names("fileType", "non-image", "type", "all", "sort", "ASC_NAME"))
                .containsExactly("docs", "shop", "sub", "big.bin", "readme.txt");
    }

    @Test
    void sorting_by_size_name_and_dimensions() {
        assertThat(names("sort", "DESC_SIZE").getFirst()).isEqualTo("big.bin");
        assertThat(names("sort", "ASC_SIZE").getFirst()).isEqualTo("readme.txt");
        assertThat(names("sort", "DESC_NAME")).containsExactly("red-dress-winter.png", "red-dress-summer.jpg",
                "readme.txt", "blue-shirt.png", "big.bin");
        List<String> byWidth = names("sort", "DESC_WIDTH");
        assertThat(byWidth.subList(0, 3)).containsExactly("red-dress-summer.jpg", "red-dress-winter.png",
                "blue-shirt.png");
        assertThat(byWidth.subList(3, 5)).as("files without a width come last").containsExactlyInAnyOrder(
                "readme.txt", "big.bin");
        assertThat(names("sort", "ASC_WIDTH").subList(3, 5)).containsExactlyInAnyOrder("readme.txt", "big.bin");
        assertThat(names("sort", "ASC_HEIGHT").subList(0, 3)).containsExactly("blue-shirt.png",
                "red-dress-winter.png", "red-dress-summer.jpg");
        assertThat(names("sort", "DESC_CREATED").getLast()).isEqualTo("readme.txt");
        assertThat(names("sort", "ASC_RELEVANCE")).isEqualTo(names("sort", "ASC_CREATED"));
        assertThat(names("sort", "DESC_RELEVANCE")).isEqualTo(names("sort", "DESC_CREATED"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SortOrder.class)
    void every_sort_key_is_accepted_for_files_and_folders(SortOrder sort) {
        assertThat(items("sort", sort.name(), "type", "all")).hasSize(8);
        assertThat(items("sort", sort.name(), "type", "file-version")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name : "red-dress"                                       | red-dress-summer.jpg,red-dress-winter.png
            name = "readme.txt"                                      | readme.txt
            tags IN ["winter", "docs"]                               | readme.txt,red-dress-winter.png
            tags IN ["Dress"]                                        | red-dress-summer.jpg
            AITags EXISTS                                            | red-dress-summer.jpg
            tags NOT EXISTS                                          | blue-shirt.png,big.bin
            createdAt > "7d"                                         | red-dress-summer.jpg,red-dress-winter.png,blue-shirt.png,big.bin
            createdAt < "7d"                                         | readme.txt
            size > "1mb"                                             | big.bin
            size < 10                                                | readme.txt
            width >= 30 AND format = "png"                           | red-dress-winter.png
            private = true                                           | red-dress-winter.png
            transparency = true                                      | red-dress-winter.png
            path : "/shop"                                           | red-dress-summer.jpg,red-dress-winter.png,blue-shirt.png
            path = "/shop/sub"                                       | blue-shirt.png
            "customMetadata.brand" = "Nike"                          | red-dress-summer.jpg
            "customMetadata.rating" > 4                              | red-dress-summer.jpg
            (size < "1mb" AND width > 50) OR (tags IN ["docs"])      | readme.txt,red-dress-summer.jpg
            name HAS "DRESS winter"                                  | red-dress-winter.png
            fileType = "non-image"                                   | readme.txt,big.bin
            """)
    void search_queries_select_files(String query, String expected) {
        assertThat(names("searchQuery", query)).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void a_search_query_that_mentions_type_can_return_folders_and_versions() {
        assertThat(items("searchQuery", "type = \"folder\" AND name : \"s\""))
                .extracting(n -> n.get("folderPath").asString()).containsExactlyInAnyOrder("/shop", "/shop/sub");
        List<JsonNode> mixed = items("searchQuery", "name : \"red-dress-summer\" OR (type = \"folder\" AND name = \"sub\")");
        assertThat(mixed).extracting(n -> n.get("type").asString()).containsExactly("folder", "file", "file-version");
        assertThat(items("searchQuery", "type IN [\"file-version\"]")).hasSize(1);
    }

    @Test
    void with_a_search_query_type_tags_and_name_have_no_effect_but_path_and_file_type_do() {
        assertThat(names("searchQuery", "name : \"red\"", "type", "folder", "tags", "docs", "name", "readme.txt"))
                .containsExactly("red-dress-summer.jpg", "red-dress-winter.png");
        assertThat(names("searchQuery", "name : \"\"", "path", "/shop/sub")).containsExactly("blue-shirt.png");
        assertThat(names("searchQuery", "size > 0", "fileType", "non-image")).containsExactly("readme.txt",
                "big.bin");
    }

    @Test
    void legacy_tags_name_and_include_folder() {
        assertThat(names("tags", "winter,docs")).containsExactly("readme.txt", "red-dress-winter.png");
        assertThat(names("tags", " banner ")).containsExactly("red-dress-summer.jpg");
        assertThat(names("name", "big.bin")).containsExactly("big.bin");
        assertThat(names("name", "big.bin", "tags", "docs")).isEmpty();
        assertThat(names("includeFolder", "true", "path", "/shop")).containsExactly("sub", "red-dress-summer.jpg",
                "red-dress-winter.png");
    }

    @Test
    void parameter_errors_use_imagekits_messages() {
        assertBadRequest("Minimum value of limit parameter is 1. Value sent is 0.", "limit", "0");
        assertBadRequest("Maximum value of limit parameter is 1000. Value sent is 2000.", "limit", "2000");
        assertBadRequest("The value of skip parameter should be greater than or equal to 0. Value sent is -1.",
                "skip", "-1");
        assertBadRequest("Your request contains invalid value for sort parameters.", "sort", "SIDEWAYS");
        assertBadRequest("Your request contains invalid value for type parameter. Please provide one of the"
                + " following: file, file-version, folder, all.", "type", "files");
        assertBadRequest("Your request contains invalid value for fileType parameter. Please provide one of the"
                + " following: all, image, non-image.", "fileType", "video");
        assertBadRequest("Your request contains invalid value for limit parameter. It must be an integer. Value sent"
                + " is ten.", "limit", "ten");
        assertBadRequest("Your request contains invalid value for includeFolder parameter. Please provide true or"
                + " false.", "includeFolder", "yes");
    }

    @Test
    void search_query_errors_say_where_and_what() {
        assertBadRequest("Invalid searchQuery at position 22: expected a value after '=', found the end of the query.",
                "searchQuery", "name = \"a\" AND size =");
        assertBadRequest("Invalid searchQuery at position 1: unknown field 'colour'; supported fields are name, path,"
                + " id, type, tags, AITags, fileType, format, sha256, width, height, size, createdAt, updatedAt, private,"
                + " isPrivateFile, published, isPublished, transparency, hasAlpha, pending,"
                + " \"customMetadata.<field>\".",
                "searchQuery", "colour = \"red\"");
        assertBadRequest("Invalid searchQuery at position 9: expected a number for width, found \"wide\".",
                "searchQuery", "width > \"wide\"");
    }

    @Test
    void limit_and_skip_page_through_files() {
        List<String> all = names();
        List<String> paged = new ArrayList<>();
        for (int skip = 0; skip < all.size(); skip += 2) {
            paged.addAll(names("limit", "2", "skip", Integer.toString(skip)));
        }
        assertThat(paged).isEqualTo(all);
        assertThat(names("skip", "100")).isEmpty();
        assertThat(names("limit", "1000")).isEqualTo(all);
    }

    @Test
    void skip_pages_the_same_way_in_every_sort_order_with_filters_and_in_a_folder() {
        for (String sort : List.of("DESC_CREATED", "ASC_NAME", "DESC_NAME", "DESC_SIZE", "ASC_WIDTH", "DESC_HEIGHT")) {
            for (String[] filter : List.<String[]>of(new String[0], new String[] {"path", "/shop"},
                    new String[] {"searchQuery", "size > 10"}, new String[] {"tags", "winter,docs,banner"})) {
                List<String> base = new ArrayList<>(List.of(filter));
                base.addAll(List.of("sort", sort));
                List<String> all = names(base.toArray(String[]::new));
                List<String> paged = new ArrayList<>();
                for (int skip = 0; skip < all.size() + 1; skip += 2) {
                    List<String> page = new ArrayList<>(base);
                    page.addAll(List.of("limit", "2", "skip", Integer.toString(skip)));
                    paged.addAll(names(page.toArray(String[]::new)));
                }
                assertThat(paged).as("%s %s", sort, List.of(filter)).isEqualTo(all);
            }
        }
    }

    @Test
    void every_item_has_the_details_endpoints_shape() {
        for (JsonNode item : items()) {
            JsonNode details = json(http.getAuthed("/v1/files/" + item.get("fileId").asString() + "/details"));
            assertThat(item).isEqualTo(details);
        }
        assertThat(StreamSupport.stream(json(list("type", "all")).spliterator(), false).count()).isEqualTo(8);
    }
}
