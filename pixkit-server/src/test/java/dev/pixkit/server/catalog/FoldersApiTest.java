package dev.pixkit.server.catalog;

import static dev.pixkit.server.catalog.CatalogFixtures.content;
import static dev.pixkit.server.catalog.CatalogFixtures.unique;
import static dev.pixkit.server.catalog.CatalogFixtures.upload;
import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/folder} and {@code DELETE /v1/folder} over HTTP, checked in the catalog and the blob store. */
class FoldersApiTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final FolderRepository folders = server.bean(FolderRepository.class);
    private final FileCatalog catalog = server.bean(FileCatalog.class);

    @Test
    void create_makes_the_folder_and_its_missing_ancestors_and_is_idempotent() {
        String root = unique("create");
        var r = http.json("POST", "/v1/folder", Map.of("folderName", "summer sale", "parentFolderPath",
                root + "/product/images/"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
        assertThat(json(r).isObject()).isTrue();
        assertThat(json(r).isEmpty()).isTrue();
        assertThat(folders.tree(root)).containsExactly(root, root + "/product", root + "/product/images",
                root + "/product/images/summer_sale");
        assertThat(http.json("POST", "/v1/folder", Map.of("folderName", "summer sale", "parentFolderPath",
                root + "/product/images")).statusCode()).isEqualTo(201);
        assertThat(folders.tree(root)).hasSize(4);

        var atRoot = http.json("POST", "/v1/folder", Map.of("folderName", root.substring(1) + "-top",
                "parentFolderPath", "/"));
        assertThat(atRoot.statusCode()).isEqualTo(201);
        assertThat(folders.exists(root + "-top")).isTrue();
    }

    @Test
    void create_refuses_bad_names_and_paths_and_creates_nothing() {
        String root = unique("badcreate");
        assertError(http.json("POST", "/v1/folder", Map.of("folderName", "..", "parentFolderPath", root)),
                400, "'.' & '..' can not be used as folder-name", "INVALID_FOLDER_PATH");
        assertError(http.json("POST", "/v1/folder", Map.of("folderName", "a/b", "parentFolderPath", root)),
                400, "Invalid folderName parameter: a folder name must not contain '/' or '\\'.",
                "INVALID_FOLDER_PATH");
        assertError(http.json("POST", "/v1/folder", Map.of("folderName", "ok", "parentFolderPath", root + "/../x")),
                400, null, "INVALID_FOLDER_PATH");
        assertError(http.json("POST", "/v1/folder", Map.of("parentFolderPath", root)),
                400, "folderName parameter is missing.", "MISSING_PARAMETER");
        assertError(http.json("POST", "/v1/folder", Map.of("folderName", "ok")),
                400, "parentFolderPath parameter is missing.", "MISSING_PARAMETER");
        var malformed = http.send(http.authed("/v1/folder").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"folderName\": ")).build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("message").asString()).isEqualTo("Your request body is not valid JSON.");
        assertThat(folders.tree(root)).isEmpty();
    }

    @Test
    void delete_removes_the_folder_its_subfolders_every_file_version_and_blob_and_nothing_else() {
        String root = unique("delete");
        JsonNode a = upload(http, root + "/x", "a.bin", content());
        upload(http, root + "/x", "a.bin", content()); // a second version of a
        JsonNode b = upload(http, root + "/x/sub", "b.bin", content());
        folders.ensureExists(root + "/x/empty", 1);
        JsonNode sibling = upload(http, root + "/xy", "c.bin", content());
        JsonNode upper = upload(http, root + "/X", "d.bin", content());
        assertThat(catalog.versions(a.get("fileId").asString())).hasSize(2);
        long blobs = server.blobCount();
        long files = server.fileRows();

        var r = http.json("DELETE", "/v1/folder", Map.of("folderPath", root + "/x/"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(204);
        assertThat(r.body()).isEmpty();

        assertThat(folders.tree(root + "/x")).isEmpty();
        assertThat(catalog.find(a.get("fileId").asString())).isEmpty();
        assertThat(catalog.find(b.get("fileId").asString())).isEmpty();
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM file_versions WHERE file_id = :id")
                .param("id", a.get("fileId").asString()).query(Long.class).single()).isZero();
        assertThat(server.fileRows()).isEqualTo(files - 2);
        assertThat(server.blobCount()).isEqualTo(blobs - 3); // a v1, a v2, b
        assertThat(http.get(pathOf(a.get("url").asString())).statusCode()).isEqualTo(404);

        assertThat(catalog.find(sibling.get("fileId").asString())).isPresent();
        assertThat(catalog.find(upper.get("fileId").asString())).isPresent();
        assertThat(folders.exists(root + "/xy")).isTrue();
        assertThat(folders.exists(root + "/X")).isTrue();
        assertThat(folders.exists(root)).isTrue();
    }

    @Test
    void delete_of_a_missing_folder_or_the_root_is_refused() {
        String missing = unique("nothing") + "/";
        assertError(http.json("DELETE", "/v1/folder", Map.of("folderPath", missing)), 404,
                "No folder found with folderPath `" + missing + "`.", "FOLDER_NOT_FOUND");
        long files = server.fileRows();
        assertError(http.json("DELETE", "/v1/folder", Map.of("folderPath", "/")), 400, "folderPath cannot be root.",
                "INVALID_FOLDER_PATH");
        assertError(http.json("DELETE", "/v1/folder", new HashMap<>()), 400, "folderPath parameter is missing.",
                "MISSING_PARAMETER");
        assertThat(server.fileRows()).isEqualTo(files);
    }

    static void assertError(HttpResponse<byte[]> r, int status, String message, String reason) {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
        JsonNode body = json(r);
        if (message != null) {
            assertThat(body.get("message").asString()).isEqualTo(message);
        }
        assertThat(body.get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
        if (reason == null) {
            assertThat(body.has("reason")).as("reason in %s", body).isFalse();
        } else {
            assertThat(body.get("reason").asString()).isEqualTo(reason);
        }
    }
}
