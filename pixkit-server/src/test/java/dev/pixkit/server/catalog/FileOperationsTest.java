package dev.pixkit.server.catalog;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Editing, tagging, copying, moving, renaming, versioning and deleting files through the real HTTP API. */
class FileOperationsTest {
    private static final AtomicInteger SIZE = new AtomicInteger(31);

    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    /** Uploads a distinct image (unique pixel size, so unique bytes) under a fixed name; returns the upload body. */
    private JsonNode upload(String folder, String name, String... fields) {
        int size = SIZE.getAndIncrement();
        Multipart form = new Multipart().file("file", name, Images.png(size, size + 1, false)).field("fileName", name)
                .field("folder", folder).field("useUniqueFileName", "false");
        for (int i = 0; i < fields.length; i += 2) {
            form.field(fields[i], fields[i + 1]);
        }
        HttpResponse<byte[]> r = http.upload(form);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    private JsonNode details(String fileId) {
        return json(http.getAuthed("/v1/files/" + fileId + "/details"));
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String messagePart) {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("message").asString()).contains(messagePart);
        assertThat(body.get("help").asString()).isNotBlank();
    }

    @Test
    void patch_details_edits_attributes_merges_metadata_and_leaves_the_rest() {
        MetadataFields.ensure(http, "sku", Map.of("type", "Text"));
        MetadataFields.ensure(http, "n", Map.of("type", "Number"));
        MetadataFields.ensure(http, "color", Map.of("type", "Text"));
        String id = upload("/ops/patch", "a.png", "tags", "one,two", "customMetadata", "{\"sku\":\"A\",\"n\":1}",
                "description", "first").get("fileId").asString();
        Map<String, Object> body = new HashMap<>();
        body.put("tags", List.of("three", " three ", "four"));
        body.put("customCoordinates", "1,2,3,4");
        Map<String, Object> meta = new HashMap<>();
        meta.put("sku", null);
        meta.put("color", "red");
        body.put("customMetadata", meta);
        var r = http.json("PATCH", "/v1/files/" + id + "/details", body);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode d = json(r);
        assertThat(d.get("tags").toString()).isEqualTo("[\"three\",\"four\"]");
        assertThat(d.get("customCoordinates").asString()).isEqualTo("1,2,3,4");
        assertThat(d.get("customMetadata").toString()).isEqualTo("{\"n\":1,\"color\":\"red\"}");
        assertThat(d.get("description").asString()).isEqualTo("first");
        assertThat(details(id).get("tags").toString()).isEqualTo("[\"three\",\"four\"]");

        Map<String, Object> unset = new HashMap<>();
        unset.put("tags", null);
        unset.put("customCoordinates", null);
        JsonNode cleared = json(http.json("PATCH", "/v1/files/" + id + "/details", unset));
        assertThat(cleared.get("tags").isNull()).isTrue();
        assertThat(cleared.get("customCoordinates").isNull()).isTrue();

        var undefined = http.json("PATCH", "/v1/files/" + id + "/details", Map.of("customMetadata",
                Map.of("nosuchfield", "x")));
        assertError(undefined, 400, "Invalid custom metadata.");
        assertThat(json(undefined).get("errors").has("nosuchfield")).isTrue();
        var wrongType = http.json("PATCH", "/v1/files/" + id + "/details", Map.of("customMetadata",
                Map.of("n", "not a number")));
        assertError(wrongType, 400, "Invalid custom metadata.");
        assertThat(json(wrongType).get("errors").has("n")).isTrue();
        assertThat(details(id).get("customMetadata").toString()).isEqualTo("{\"n\":1,\"color\":\"red\"}");
        assertError(http.json("PATCH", "/v1/files/" + id + "/details", Map.of("tags", "notalist")), 400, "tags");
        assertError(http.json("PATCH", "/v1/files/" + id + "/details", Map.of("customCoordinates", "1,2")), 400,
                "customCoordinates");
        assertError(http.json("PATCH", "/v1/files/" + "0".repeat(24) + "/details", Map.of("tags", List.of())), 404,
                "does not exist");
        assertError(http.send(http.authed("/v1/files/" + id + "/details").header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{not json")).build()), 400,
                "not valid JSON");
    }

    @Test
    void unpublishing_hides_the_file_from_unsigned_urls_and_publishing_brings_it_back() {
        JsonNode up = upload("/ops/publish", "p.png");
        String id = up.get("fileId").asString();
        String path = Http.pathOf(up.get("url").asString());
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        var r = http.json("PATCH", "/v1/files/" + id + "/details", Map.of("publish", Map.of("isPublished", false)));
        assertThat(json(r).get("isPublished").asBoolean()).isFalse();
        assertThat(http.get(path).statusCode()).isEqualTo(404);
        http.json("PATCH", "/v1/files/" + id + "/details", Map.of("publish",
                Map.of("isPublished", true, "includeFileVersions", true)));
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        assertError(http.json("PATCH", "/v1/files/" + id + "/details", Map.of("publish", Map.of())), 400,
                "isPublished");
    }

    @Test
    void tags_are_added_and_removed_on_many_files_all_or_none() {
        String a = upload("/ops/tags", "a.png", "tags", "keep,old").get("fileId").asString();
        String b = upload("/ops/tags", "b.png").get("fileId").asString();
        var added = http.json("POST", "/v1/files/addTags", Map.of("fileIds", List.of(a, b), "tags",
                List.of("new", "keep")));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).get("successfullyUpdatedFileIds").toString()).isEqualTo("[\"" + a + "\",\"" + b
                + "\"]");
        assertThat(details(a).get("tags").toString()).isEqualTo("[\"keep\",\"old\",\"new\"]");
        assertThat(details(b).get("tags").toString()).isEqualTo("[\"new\",\"keep\"]");

        String missing = "f".repeat(24);
        var r = http.json("POST", "/v1/files/removeTags", Map.of("fileIds", List.of(a, missing), "tags",
                List.of("keep")));
        assertError(r, 404, "does not exist");
        assertThat(json(r).get("missingFileIds").toString()).isEqualTo("[\"" + missing + "\"]");
        assertThat(details(a).get("tags").toString()).contains("keep"); // nothing changed

        http.json("POST", "/v1/files/removeTags", Map.of("fileIds", List.of(a, b), "tags", List.of("keep", "new")));
        assertThat(details(a).get("tags").toString()).isEqualTo("[\"old\"]");
        assertThat(details(b).get("tags").isNull()).isTrue();

        assertError(http.json("POST", "/v1/files/addTags", Map.of("tags", List.of("x"))), 400,
                "fileIds parameter is missing.");
        assertError(http.json("POST", "/v1/files/addTags", Map.of("fileIds", "x", "tags", List.of("x"))), 400,
                "fileIds should be an Array.");
        assertError(http.json("POST", "/v1/files/addTags", Map.of("fileIds", List.of(a), "tags", List.of())), 400,
                "tags array cannot be empty.");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(a);
        }
        assertError(http.json("POST", "/v1/files/addTags", Map.of("fileIds", many, "tags", List.of("x"))), 400,
                "A maximum of 50 files can be edited at a time.");
    }

    @Test
    void ai_tags_are_removed_by_name_or_all_at_once() {
        String id = upload("/ops/ai", "ai.png").get("fileId").asString();
        server.jdbc().sql("UPDATE files SET ai_tags = :t WHERE file_id = :id").param("id", id)
                .param("t", "[{\"name\":\"Cat\",\"confidence\":91.5,\"source\":\"google-auto-tagging\"},"
                        + "{\"name\":\"Pet\",\"confidence\":80.0,\"source\":\"aws-auto-tagging\"}]")
                .update();
        assertThat(details(id).get("AITags").size()).isEqualTo(2);
        var r = http.json("POST", "/v1/files/removeAITags", Map.of("fileIds", List.of(id), "AITags", List.of("Cat")));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tags = details(id).get("AITags");
        assertThat(tags.size()).isEqualTo(1);
        assertThat(tags.get(0).get("name").asString()).isEqualTo("Pet");
        assertThat(tags.get(0).get("confidence").asDouble()).isEqualTo(80.0);
        http.json("PATCH", "/v1/files/" + id + "/details", Map.of("removeAITags", "all"));
        assertThat(details(id).get("AITags").isNull()).isTrue();
        assertError(http.json("POST", "/v1/files/removeAITags", Map.of("fileIds", List.of(id))), 400,
                "AITags parameter is missing.");
    }

    @Test
    void batch_delete_removes_files_versions_and_bytes_or_nothing_when_an_id_is_unknown() {
        String a = upload("/ops/batch", "a.png").get("fileId").asString();
        upload("/ops/batch", "a.png"); // a second version of a
        String b = upload("/ops/batch", "b.png").get("fileId").asString();
        long blobs = server.blobCount();
        String missing = "e".repeat(24);
        var refused = http.json("POST", "/v1/files/batch/deleteByFileIds", Map.of("fileIds", List.of(a, b, missing)));
        assertError(refused, 404, "does not exist");
        assertThat(json(refused).get("missingFileIds").toString()).isEqualTo("[\"" + missing + "\"]");
        assertThat(server.blobCount()).isEqualTo(blobs);

        var r = http.json("POST", "/v1/files/batch/deleteByFileIds", Map.of("fileIds", List.of(a, b)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("successfullyDeletedFileIds").size()).isEqualTo(2);
        assertThat(server.blobCount()).isEqualTo(blobs - 3);
        assertThat(http.getAuthed("/v1/files/" + a + "/details").statusCode()).isEqualTo(404);
        assertError(http.json("POST", "/v1/files/batch/deleteByFileIds", Map.of("fileIds", List.of())), 400,
                "fileIds is empty.");
    }

    @Test
    void copy_makes_an_independent_file_and_onto_a_same_name_file_appends_versions() {
        JsonNode src = upload("/ops/copy/src", "c.png", "tags", "t1");
        var r = http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/ops/copy/src/c.png",
                "destinationPath", "/ops/copy/dst/"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(204);
        String copyPath = "/media/ops/copy/dst/c.png";
        assertThat(Images.sha256(http.get(copyPath).body()))
                .isEqualTo(Images.sha256(http.get("/media/ops/copy/src/c.png").body()));

        // the source gets a second version; copying it with versions onto the copy appends both
        upload("/ops/copy/src", "c.png");
        var again = http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/ops/copy/src/c.png",
                "destinationPath", "/ops/copy/dst", "includeFileVersions", true));
        assertThat(again.statusCode()).isEqualTo(204);
        String copyId = server.jdbc().sql("SELECT file_id FROM files WHERE file_path = '/ops/copy/dst/c.png'")
                .query(String.class).single();
        assertThat(copyId).isNotEqualTo(src.get("fileId").asString());
        JsonNode versions = json(http.getAuthed("/v1/files/" + copyId + "/versions"));
        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.get(0).get("versionInfo").get("name").asString()).isEqualTo("Version 3");
        assertThat(versions.get(2).get("versionInfo").get("name").asString()).isEqualTo("Version 1");

        assertError(http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/ops/copy/none.png",
                "destinationPath", "/x")), 404, "No file found with filePath");
        var same = http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/ops/copy/src/c.png",
                "destinationPath", "/ops/copy/src"));
        assertError(same, 400, "destinationPath");
        assertThat(json(same).get("reason").asString()).isEqualTo("SAME_SOURCE_AND_DESTINATION");
        var missing = http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/ops/copy/src/c.png"));
        assertThat(json(missing).get("reason").asString()).isEqualTo("MISSING_PARAMETER");
    }

    @Test
    void move_keeps_the_id_and_versions_and_rename_conflicts_with_409() {
        JsonNode m = upload("/ops/move/a", "m.png");
        upload("/ops/move/a", "m.png");
        String id = m.get("fileId").asString();
        var r = http.json("POST", "/v1/files/move", Map.of("sourceFilePath", "/ops/move/a/m.png",
                "destinationPath", "/ops/move/b"));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(details(id).get("filePath").asString()).isEqualTo("/ops/move/b/m.png");
        assertThat(json(http.getAuthed("/v1/files/" + id + "/versions")).size()).isEqualTo(2);
        assertThat(http.get("/media/ops/move/a/m.png").statusCode()).isEqualTo(404);
        assertThat(http.get("/media/ops/move/b/m.png").statusCode()).isEqualTo(200);

        upload("/ops/move/b", "taken.png");
        var conflict = http.json("PUT", "/v1/files/rename", Map.of("filePath", "/ops/move/b/m.png",
                "newFileName", "taken.png"));
        assertError(conflict, 409, "already exists");
        assertThat(json(conflict).get("reason").asString()).isEqualTo("FILE_ALREADY_EXISTS");
        var renamed = http.json("PUT", "/v1/files/rename", Map.of("filePath", "/ops/move/b/m.png",
                "newFileName", "new name.png", "purgeCache", true));
        assertThat(renamed.statusCode()).as(new String(renamed.body())).isEqualTo(200);
        String purge = json(renamed).get("purgeRequestId").asString();
        assertThat(json(http.getAuthed("/v1/files/purge/" + purge)).get("status").asString()).isEqualTo("Completed");
        assertThat(details(id).get("name").asString()).isEqualTo("new_name.png");
        var gone = http.json("PUT", "/v1/files/rename", Map.of("filePath", "/ops/move/b/m.png",
                "newFileName", "x.png"));
        assertError(gone, 404, "No file found");
        assertThat(json(gone).get("reason").asString()).isEqualTo("FILE_MISSING");
        var same = http.json("PUT", "/v1/files/rename", Map.of("filePath", "/ops/move/b/new_name.png",
                "newFileName", "new_name.png"));
        assertThat(json(same).get("reason").asString()).isEqualTo("SAME_OLD_AND_NEW_NAME");
    }

    @Test
    void versions_are_listed_fetched_restored_and_deleted_but_never_the_current_one() {
        JsonNode v1 = upload("/ops/versions", "v.png");
        JsonNode v2 = upload("/ops/versions", "v.png");
        String id = v1.get("fileId").asString();
        String v1Id = v1.get("versionInfo").get("id").asString();
        String v2Id = v2.get("versionInfo").get("id").asString();
        JsonNode one = json(http.getAuthed("/v1/files/" + id + "/versions/" + v1Id));
        assertThat(one.get("type").asString()).isEqualTo("file-version");
        assertThat(one.get("width").asInt()).isEqualTo(v1.get("width").asInt());
        assertThat(one.get("url").asString()).endsWith("?ik-obj-version=" + v1Id);

        assertError(http.delete("/v1/files/" + id + "/versions/" + v2Id), 400, "current version");
        JsonNode restored = json(http.send(http.authed("/v1/files/" + id + "/versions/" + v1Id + "/restore")
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build()));
        assertThat(restored.get("versionInfo").get("id").asString()).isEqualTo(v1Id);
        assertThat(details(id).get("width").asInt()).isEqualTo(v1.get("width").asInt());
        long blobs = server.blobCount();
        assertThat(http.delete("/v1/files/" + id + "/versions/" + v2Id).statusCode()).isEqualTo(204);
        assertThat(server.blobCount()).isEqualTo(blobs - 1);
        assertThat(json(http.getAuthed("/v1/files/" + id + "/versions")).size()).isEqualTo(1);
        assertError(http.delete("/v1/files/" + id + "/versions/" + v2Id), 404, "version does not exist");
        assertError(http.getAuthed("/v1/files/" + "0".repeat(24) + "/versions"), 404, "does not exist");
    }
}
