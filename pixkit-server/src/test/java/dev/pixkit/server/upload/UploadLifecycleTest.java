package dev.pixkit.server.upload;

import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** upload → store → details → deliver original → delete, through the real HTTP API. */
class UploadLifecycleTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @Test
    void jpeg_upload_is_described_delivered_byte_for_byte_and_deleted_without_a_trace() throws Exception {
        byte[] jpeg = Images.jpeg(640, 427);
        var up = http.upload(new Multipart().file("file", "sunset.jpg", jpeg)
                .field("fileName", "sunset.jpg").field("folder", "/lifecycle/trips"));
        assertThat(up.statusCode()).as(new String(up.body())).isEqualTo(200);
        assertThat(up.headers().firstValue("x-ik-requestId")).isPresent();
        JsonNode u = json(up);
        String fileId = u.get("fileId").asString();
        assertThat(fileId).matches("[0-9a-f]{24}");
        assertThat(u.get("name").asString()).matches("sunset_[A-Za-z0-9]{9}\\.jpg");
        assertThat(u.get("filePath").asString()).isEqualTo("/lifecycle/trips/" + u.get("name").asString());
        assertThat(u.get("width").asInt()).isEqualTo(640);
        assertThat(u.get("height").asInt()).isEqualTo(427);
        assertThat(u.get("size").asLong()).isEqualTo(jpeg.length);
        assertThat(u.get("fileType").asString()).isEqualTo("image");
        assertThat(u.get("versionInfo").get("id").asString()).isEqualTo(fileId);
        assertThat(u.get("versionInfo").get("name").asString()).isEqualTo("Version 1");
        assertThat(u.get("url").asString()).isEqualTo(server.endpoint() + u.get("filePath").asString());
        assertThat(u.get("thumbnailUrl").asString())
                .isEqualTo(server.endpoint() + "/tr:n-ik_ml_thumbnail" + u.get("filePath").asString());
        assertThat(u.has("AITags")).isTrue();
        assertThat(u.get("AITags").isNull()).isTrue();

        var original = http.get(pathOf(u.get("url").asString()));
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(Images.sha256(original.body())).isEqualTo(Images.sha256(jpeg));
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");

        var details = http.getAuthed("/v1/files/" + fileId + "/details");
        assertThat(details.statusCode()).isEqualTo(200);
        JsonNode d = json(details);
        assertThat(d.get("fileId").asString()).isEqualTo(fileId);
        assertThat(d.get("type").asString()).isEqualTo("file");
        assertThat(d.get("filePath").asString()).isEqualTo(u.get("filePath").asString());
        assertThat(d.get("url").asString()).isEqualTo(u.get("url").asString());
        assertThat(d.get("thumbnail").asString()).isEqualTo(u.get("thumbnailUrl").asString());
        assertThat(d.get("mime").asString()).isEqualTo("image/jpeg");
        assertThat(d.get("width").asInt()).isEqualTo(640);
        assertThat(d.get("height").asInt()).isEqualTo(427);
        assertThat(d.get("size").asLong()).isEqualTo(jpeg.length);
        assertThat(d.get("hasAlpha").asBoolean()).isFalse();
        assertThat(d.get("isPrivateFile").asBoolean()).isFalse();
        assertThat(d.get("isPublished").asBoolean()).isTrue();
        assertThat(d.get("tags").isNull()).isTrue();
        assertThat(d.get("customCoordinates").isNull()).isTrue();
        assertThat(d.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        Path blob = blobPath(Images.sha256(jpeg));
        assertThat(blob).exists();

        var delete = http.send(http.authed("/v1/files/" + fileId).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(delete.body()).isEmpty();
        var gone = http.getAuthed("/v1/files/" + fileId + "/details");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("message").asString()).isEqualTo("The requested file does not exist.");
        assertThat(json(gone).get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
        assertThat(http.get(pathOf(u.get("url").asString())).statusCode()).isEqualTo(404);
        assertThat(blob).doesNotExist();
        assertThat(http.send(http.authed("/v1/files/" + fileId).DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void base64_and_data_uri_text_fields_store_the_decoded_bytes() {
        byte[] png = Images.png(31, 17, true);
        var plain = http.upload(new Multipart().field("file", Base64.getEncoder().encodeToString(png))
                .field("fileName", "b64.png").field("folder", "/lifecycle/b64"));
        assertThat(plain.statusCode()).as(new String(plain.body())).isEqualTo(200);
        var dataUri = http.upload(new Multipart()
                .field("file", "data:image/png;base64," + Base64.getMimeEncoder().encodeToString(png))
                .field("fileName", "datauri.png").field("folder", "/lifecycle/b64"));
        assertThat(dataUri.statusCode()).as(new String(dataUri.body())).isEqualTo(200);
        for (var r : new JsonNode[] {json(plain), json(dataUri)}) {
            assertThat(r.get("width").asInt()).isEqualTo(31);
            assertThat(r.get("height").asInt()).isEqualTo(17);
            assertThat(r.get("size").asLong()).isEqualTo(png.length);
            var served = http.get(pathOf(r.get("url").asString()));
            assertThat(Images.sha256(served.body())).isEqualTo(Images.sha256(png));
            var details = json(http.getAuthed("/v1/files/" + r.get("fileId").asString() + "/details"));
            assertThat(details.get("hasAlpha").asBoolean()).isTrue();
            assertThat(details.get("mime").asString()).isEqualTo("image/png");
        }
    }

    @Test
    void identical_bytes_are_stored_once_and_survive_deleting_one_of_their_files() {
        byte[] jpeg = Images.jpeg(50, 40);
        long blobsBefore = server.blobCount();
        String a = json(http.upload(new Multipart().file("file", "a.jpg", jpeg).field("fileName", "dup.jpg")
                .field("folder", "/lifecycle/dedup"))).get("fileId").asString();
        var b = json(http.upload(new Multipart().file("file", "b.jpg", jpeg).field("fileName", "dup.jpg")
                .field("folder", "/lifecycle/dedup")));
        assertThat(server.blobCount()).isEqualTo(blobsBefore + 1);
        String sha = Images.sha256(jpeg);
        assertThat(server.jdbc().sql("SELECT refs FROM blobs WHERE sha256 = :s").param("s", sha).query(Integer.class)
                .single()).isEqualTo(2);
        assertThat(json(http.getAuthed("/v1/files/" + a + "/details")).get("sha256").asString()).isEqualTo(sha);
        JsonNode same = json(http.getAuthed("/v1/files?searchQuery=" + java.net.URLEncoder.encode(
                "sha256 = \"" + sha.toUpperCase(java.util.Locale.ROOT) + "\"", StandardCharsets.UTF_8)));
        assertThat(same.size()).isEqualTo(2);
        assertThat(same.get(0).get("sha256").asString()).isEqualTo(sha);
        assertThat(http.getAuthed("/v1/files?searchQuery=" + java.net.URLEncoder.encode("sha256 = \"abc\"",
                StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(http.send(http.authed("/v1/files/" + a).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.jdbc().sql("SELECT refs FROM blobs WHERE sha256 = :s").param("s", sha).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(Images.sha256(http.get(pathOf(b.get("url").asString())).body())).isEqualTo(Images.sha256(jpeg));
        assertThat(http.send(http.authed("/v1/files/" + b.get("fileId").asString()).DELETE().build()).statusCode())
                .isEqualTo(204);
        assertThat(server.blobCount()).isEqualTo(blobsBefore);
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM blobs WHERE sha256 = :s").param("s", sha)
                .query(Long.class).single()).isZero();
    }

    @Test
    void fixed_name_overwrite_makes_a_new_version_and_keeps_the_old_one() {
        byte[] v1 = Images.jpeg(30, 30);
        byte[] v2 = Images.png(60, 20, false);
        Multipart first = new Multipart().file("file", "x", v1).field("fileName", "logo.img")
                .field("folder", "lifecycle/overwrite/").field("useUniqueFileName", "false").field("tags", "brand,blue");
        JsonNode one = json(http.upload(first));
        assertThat(one.get("filePath").asString()).isEqualTo("/lifecycle/overwrite/logo.img");

        var refused = http.upload(new Multipart().file("file", "x", v2).field("fileName", "logo.img")
                .field("folder", "/lifecycle/overwrite").field("useUniqueFileName", "false")
                .field("overwriteFile", "false"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("message").asString()).contains("already exists at the exact location");

        long blobs = server.blobCount();
        JsonNode two = json(http.upload(new Multipart().file("file", "x", v2).field("fileName", "logo.img")
                .field("folder", "/lifecycle/overwrite").field("useUniqueFileName", "false")
                .field("overwriteTags", "false").field("responseFields", "tags")));
        assertThat(two.get("fileId").asString()).isEqualTo(one.get("fileId").asString());
        assertThat(two.get("versionInfo").get("name").asString()).isEqualTo("Version 2");
        assertThat(two.get("versionInfo").get("id").asString()).isNotEqualTo(one.get("versionInfo").get("id").asString());
        assertThat(two.get("tags").toString()).isEqualTo("[\"brand\",\"blue\"]");
        assertThat(two.get("width").asInt()).isEqualTo(60);
        assertThat(server.blobCount()).isEqualTo(blobs + 1); // v2 added, v1 kept as version 1
        var served = http.get("/media/lifecycle/overwrite/logo.img");
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(Images.sha256(served.body())).isEqualTo(Images.sha256(v2));

        String fileId = one.get("fileId").asString();
        JsonNode versions = json(http.getAuthed("/v1/files/" + fileId + "/versions"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("versionInfo").get("name").asString()).isEqualTo("Version 2");
        assertThat(versions.get(0).get("type").asString()).isEqualTo("file");
        assertThat(versions.get(1).get("versionInfo").get("name").asString()).isEqualTo("Version 1");
        assertThat(versions.get(1).get("type").asString()).isEqualTo("file-version");
        var old = http.get("/media/lifecycle/overwrite/logo.img?ik-obj-version="
                + one.get("versionInfo").get("id").asString());
        assertThat(Images.sha256(old.body())).isEqualTo(Images.sha256(v1));

        assertThat(http.delete("/v1/files/" + fileId).statusCode()).isEqualTo(204);
        assertThat(server.blobCount()).isEqualTo(blobs - 1); // both versions' bytes released
    }

    @Test
    void optional_fields_are_stored_and_returned_when_asked_for() {
        MetadataFields.ensure(http, "sku", Map.of("type", "Text"));
        MetadataFields.ensure(http, "price", Map.of("type", "Number"));
        var r = http.upload(new Multipart().file("file", "f.jpg", Images.jpeg(20, 10)).field("fileName", "meta.jpg")
                .field("folder", "/lifecycle/meta").field("tags", "[\"one\",\"two\",\"one\"]")
                .field("customCoordinates", "1,2,3,4").field("customMetadata", "{\"sku\":\"A-1\",\"price\":9.5}")
                .field("isPrivateFile", "true").field("description", "a small test")
                .field("responseFields", "tags,customCoordinates,isPrivateFile,isPublished,customMetadata"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode u = json(r);
        assertThat(u.get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(u.get("customCoordinates").asString()).isEqualTo("1,2,3,4");
        assertThat(u.get("isPrivateFile").asBoolean()).isTrue();
        assertThat(u.get("isPublished").asBoolean()).isTrue();
        assertThat(u.get("customMetadata").get("sku").asString()).isEqualTo("A-1");
        assertThat(u.get("customMetadata").get("price").asDouble()).isEqualTo(9.5);
        assertThat(u.get("description").asString()).isEqualTo("a small test");
        JsonNode d = json(http.getAuthed("/v1/files/" + u.get("fileId").asString() + "/details"));
        assertThat(d.get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(d.get("isPrivateFile").asBoolean()).isTrue();

        JsonNode bare = json(http.upload(new Multipart().file("file", "f.jpg", Images.jpeg(20, 10))
                .field("fileName", "bare.jpg").field("folder", "/lifecycle/meta").field("tags", "x")));
        assertThat(bare.has("tags")).isFalse();
        assertThat(bare.has("customCoordinates")).isFalse();
        assertThat(bare.has("isPrivateFile")).isFalse();
    }

    @Test
    void non_image_files_are_accepted_and_served_as_stored() {
        byte[] text = "hello, pixkit\n".getBytes(StandardCharsets.UTF_8);
        JsonNode u = json(http.upload(new Multipart().file("file", "notes.txt", text).field("fileName", "notes.jpg")
                .field("folder", "/lifecycle/docs")));
        assertThat(u.get("fileType").asString()).isEqualTo("non-image");
        assertThat(u.has("width")).isFalse();
        assertThat(u.has("thumbnailUrl")).isFalse();
        var served = http.get(pathOf(u.get("url").asString()));
        assertThat(served.body()).isEqualTo(text);
        assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        JsonNode d = json(http.getAuthed("/v1/files/" + u.get("fileId").asString() + "/details"));
        assertThat(d.get("mime").asString()).isEqualTo("text/plain");
        assertThat(d.get("hasAlpha").asBoolean()).isFalse();
    }

    @Test
    void folders_are_created_with_their_ancestors() {
        http.upload(new Multipart().file("file", "f.jpg", Images.jpeg(8, 8)).field("fileName", "deep.jpg")
                .field("folder", "/lifecycle/a/b/c"));
        var paths = server.jdbc().sql("SELECT folder_path FROM folders WHERE folder_path LIKE '/lifecycle/a%'"
                + " ORDER BY folder_path").query(String.class).list();
        assertThat(paths).containsExactly("/lifecycle/a", "/lifecycle/a/b", "/lifecycle/a/b/c");
    }

    private Path blobPath(String sha) {
        return server.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }
}
