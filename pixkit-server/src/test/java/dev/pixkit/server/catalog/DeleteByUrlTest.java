package dev.pixkit.server.catalog;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.cleanup.BlobSweeper;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The delete-by-URL extension ({@code POST /v1/pixkit/files/deleteByUrl}) over real HTTP: every URL form delivery
 * accepts, versions, idempotency, batches, refusals that change nothing, and the bytes and renditions it releases.
 */
class DeleteByUrlTest {
    private static final String PATH = "/v1/pixkit/files/deleteByUrl";

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    private JsonNode upload(String folder, String name) throws Exception {
        var r = http.upload(new Multipart().file("file", name, Images.uniqueJpeg()).field("fileName", name)
                .field("folder", folder).field("useUniqueFileName", "false"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    private HttpResponse<byte[]> deleteByUrl(String url) {
        return http.json("POST", PATH, Map.of("url", url));
    }

    private JsonNode deleted(String url) {
        var r = deleteByUrl(url);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    private boolean exists(String fileId) {
        return http.getAuthed("/v1/files/" + fileId + "/details").statusCode() == 200;
    }

    private boolean blobStored(String sha256) throws Exception {
        server.bean(BlobSweeper.class).sweepDue();
        return server.bean(BlobStore.class).exists(sha256);
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String message) {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
        assertThat(json(r).get("message").asString()).isEqualTo(message);
        assertThat(json(r).get("help").asString()).isNotBlank();
    }

    @Test
    void a_plain_url_deletes_the_file_its_bytes_and_renditions_and_a_second_call_is_a_no_op() throws Exception {
        JsonNode up = upload("/dbu/plain", "a.jpg");
        String id = up.get("fileId").asString();
        String sha = json(http.getAuthed("/v1/files/" + id + "/details")).get("sha256").asString();
        assertThat(http.get(Http.pathOf(server.endpoint() + "/tr:w-20/dbu/plain/a.jpg")).statusCode()).isEqualTo(200);
        Path renditions = server.dataDir().resolve("cache").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(renditions).isDirectory();
        long blobs = server.blobCount();

        JsonNode d = deleted(up.get("url").asString());

        assertThat(d.toString()).isEqualTo("{\"deleted\":true,\"fileId\":\"" + id + "\"}");
        assertThat(exists(id)).isFalse();
        assertThat(server.blobCount()).isEqualTo(blobs - 1);
        assertThat(blobStored(sha)).isFalse();
        // renditions are purged once the bytes are gone, on whichever thread swept them
        for (int i = 0; i < 250 && Files.exists(renditions); i++) {
            Thread.sleep(20);
        }
        assertThat(renditions).doesNotExist();
        assertThat(http.get("/media/dbu/plain/a.jpg").statusCode()).isEqualTo(404);

        assertThat(deleted(up.get("url").asString()).toString()).isEqualTo("{\"deleted\":false}");
        assertThat(deleted(server.endpoint() + "/never/uploaded.png").toString()).isEqualTo("{\"deleted\":false}");
        assertThat(server.blobCount()).isEqualTo(blobs - 1);
    }

    @Test
    void transformation_urls_in_path_and_query_form_and_host_less_urls_name_the_file() throws Exception {
        JsonNode a = upload("/dbu/tr", "path form.jpg");
        JsonNode b = upload("/dbu/tr", "query-form.jpg");
        JsonNode c = upload("/dbu/tr", "ünï.jpg");
        JsonNode e = upload("/dbu/tr", "signed.jpg");
        String prefix = server.endpoint();
        String aUrl = a.get("url").asString();
        assertThat(aUrl).startsWith(prefix + "/dbu/tr/");

        assertThat(deleted(prefix + "/tr:w-100,h-100:rt-90" + aUrl.substring(prefix.length())).get("fileId")
                .asString()).isEqualTo(id(a));
        assertThat(deleted(b.get("url").asString() + "?tr=w-100&foo=bar").get("fileId").asString()).isEqualTo(id(b));
        assertThat(deleted(Http.pathOf(c.get("url").asString())).get("fileId").asString()).isEqualTo(id(c));
        assertThat(deleted(e.get("url").asString() + "?ik-t=9999999999&ik-s=abc").get("fileId").asString())
                .isEqualTo(id(e));
        assertThat(List.of(id(a), id(b), id(c), id(e))).noneMatch(this::exists);
    }

    private static String id(JsonNode upload) {
        return upload.get("fileId").asString();
    }

    @Test
    void a_version_url_deletes_only_that_version_and_never_the_current_one() throws Exception {
        String id = upload("/dbu/v", "v.jpg").get("fileId").asString();
        String firstSha = json(http.getAuthed("/v1/files/" + id + "/details")).get("sha256").asString();
        upload("/dbu/v", "v.jpg");
        JsonNode versions = json(http.getAuthed("/v1/files/" + id + "/versions"));
        assertThat(versions.size()).isEqualTo(2);
        JsonNode current = versions.get(0);
        JsonNode first = versions.get(1);
        String firstUrl = first.get("url").asString();
        assertThat(firstUrl).contains("?ik-obj-version=");

        var refused = deleteByUrl(server.endpoint() + "/dbu/v/v.jpg?ik-obj-version="
                + current.get("versionInfo").get("id").asString());
        assertError(refused, 400, "You cannot delete current version of a file.");

        JsonNode d = deleted(firstUrl);
        assertThat(d.get("deleted").asBoolean()).isTrue();
        assertThat(d.get("fileId").asString()).isEqualTo(id);
        assertThat(d.get("versionId").asString()).isEqualTo(first.get("versionInfo").get("id").asString());
        assertThat(json(http.getAuthed("/v1/files/" + id + "/versions")).size()).isEqualTo(1);
        assertThat(exists(id)).isTrue();
        assertThat(blobStored(firstSha)).isFalse();

        assertThat(deleted(firstUrl).toString()).isEqualTo("{\"deleted\":false}");
        assertThat(deleted(server.endpoint() + "/tr:w-10/dbu/v/v.jpg?ik-obj-version=").toString())
                .isEqualTo("{\"deleted\":false}");
        assertThat(exists(id)).isTrue();
    }

    @Test
    void a_batch_answers_per_url_in_order_and_an_invalid_url_fails_it_whole() throws Exception {
        String a = upload("/dbu/batch", "a.jpg").get("fileId").asString();
        String b = upload("/dbu/batch", "b.jpg").get("fileId").asString();
        String c = upload("/dbu/batch", "c.jpg").get("fileId").asString();
        String base = server.endpoint() + "/dbu/batch/";

        var refused = http.json("POST", PATH, Map.of("urls", List.of(base + "a.jpg", "https://elsewhere.example/b.jpg")));
        assertError(refused, 400, "urls[1]: The url should be accessible using your ImageKit.io account.");
        var current = http.json("POST", PATH, Map.of("urls", List.of(base + "a.jpg", base + "b.jpg?ik-obj-version="
                + json(http.getAuthed("/v1/files/" + b + "/details")).get("versionInfo").get("id").asString())));
        assertError(current, 400, "You cannot delete current version of a file.");
        assertThat(List.of(a, b, c)).allMatch(this::exists);

        var r = http.json("POST", PATH, Map.of("urls", List.of(base + "a.jpg", base + "missing.jpg",
                server.endpoint() + "/tr:w-5/dbu/batch/a.jpg", base + "b.jpg?tr=w-5")));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode results = json(r).get("results");
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.get(0).toString()).isEqualTo("{\"url\":\"" + base + "a.jpg\",\"deleted\":true,\"fileId\":\""
                + a + "\"}");
        assertThat(results.get(1).toString()).isEqualTo("{\"url\":\"" + base + "missing.jpg\",\"deleted\":false}");
        assertThat(results.get(2).get("deleted").asBoolean()).isFalse();
        assertThat(results.get(3).get("fileId").asString()).isEqualTo(b);
        assertThat(exists(a)).isFalse();
        assertThat(exists(b)).isFalse();
        assertThat(exists(c)).isTrue();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(base + i + ".jpg");
        }
        assertError(http.json("POST", PATH, Map.of("urls", tooMany)), 400, "urls cannot have more than 100 items.");
        assertError(http.json("POST", PATH, Map.of("urls", List.of())), 400, "urls is empty.");
        assertThat(exists(c)).isTrue();
    }

    @Test
    void bad_requests_are_refused_with_imagekits_error_shape_and_delete_nothing() throws Exception {
        JsonNode up = upload("/dbu/bad", "keep.jpg");
        String id = up.get("fileId").asString();
        String url = up.get("url").asString();

        assertError(deleteByUrl("https://elsewhere.example/media/dbu/bad/keep.jpg"), 400,
                "The url should be accessible using your ImageKit.io account.");
        assertError(deleteByUrl(server.endpoint().replace("/media", "/other") + "/dbu/bad/keep.jpg"), 400,
                "The url should be accessible using your ImageKit.io account.");
        assertError(deleteByUrl(server.endpoint() + "/"), 400,
                "The url should be accessible using your ImageKit.io account.");
        assertError(deleteByUrl("http://exa mple/%%"), 400,
                "The url should be accessible using your ImageKit.io account.");
        assertError(deleteByUrl(" "), 400, "Your request is missing the url parameter.");
        assertError(http.json("POST", PATH, Map.of()), 400, "Your request is missing the url parameter.");
        Map<String, Object> both = new HashMap<>();
        both.put("url", url);
        both.put("urls", List.of(url));
        assertError(http.json("POST", PATH, both), 400, "Send either url or urls, not both.");
        assertError(http.json("POST", PATH, Map.of("url", 42)), 400,
                "Your request contains invalid url parameter: expected a string.");
        assertError(http.send(http.authed(PATH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "Your request is missing a JSON body.");

        var anonymous = http.send(http.request(PATH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(exists(id)).isTrue();
    }
}
