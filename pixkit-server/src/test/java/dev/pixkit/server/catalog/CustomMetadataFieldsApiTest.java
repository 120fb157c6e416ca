package dev.pixkit.server.catalog;

import static dev.pixkit.server.catalog.FoldersApiTest.assertError;
import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/customMetadataFields} over HTTP, and uploads checked against the fields. */
class CustomMetadataFieldsApiTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    private static String unique(String prefix) {
        return CatalogFixtures.unique(prefix).substring(1).replace('-', '_');
    }

    private JsonNode create(Map<String, Object> body) {
        var r = http.json("POST", "/v1/customMetadataFields", body);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
        return json(r);
    }

    private List<JsonNode> list(String query) {
        var r = http.getAuthed("/v1/customMetadataFields" + query);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        List<JsonNode> all = new java.util.ArrayList<>();
        json(r).forEach(all::add);
        return all;
    }

    @Test
    void create_list_update_and_delete_a_field() {
        String name = unique("price");
        JsonNode created = create(Map.of("name", name, "label", name + " label", "schema",
                Map.of("type", "Number", "minValue", 1000, "maxValue", 3000)));
        String id = created.get("id").asString();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("label").asString()).isEqualTo(name + " label");
        assertThat(created.has("description")).isFalse();
        OpenApiSpec.assertConforms(created, "CustomMetadataField");
        assertThat(created.get("schema").toString()).isEqualTo("{\"type\":\"Number\",\"minValue\":1000,\"maxValue\":3000}");
        assertThat(list("")).anySatisfy(f -> assertThat(f).isEqualTo(created));
        assertThat(list("?folderPath=/any/where")).anySatisfy(f -> assertThat(f).isEqualTo(created));

        var patched = http.json("PATCH", "/v1/customMetadataFields/" + id, Map.of("label", name + " (EUR)",
                "description", "Price in euros", "schema", Map.of("type", "Text", "minValue", 10,
                        "isValueRequired", true, "defaultValue", 15)));
        assertThat(patched.statusCode()).as(new String(patched.body())).isEqualTo(200);
        JsonNode p = json(patched);
        assertThat(p.get("id").asString()).isEqualTo(id);
        assertThat(p.get("name").asString()).isEqualTo(name);
        assertThat(p.get("label").asString()).isEqualTo(name + " (EUR)");
        assertThat(p.get("description").asString()).isEqualTo("Price in euros");
        assertThat(p.get("schema").toString())
                .isEqualTo("{\"type\":\"Number\",\"defaultValue\":15,\"isValueRequired\":true,\"minValue\":10}");
        assertThat(list("")).anySatisfy(f -> assertThat(f).isEqualTo(p));

        var cleared = http.json("PATCH", "/v1/customMetadataFields/" + id, Map.of("description", "",
                "schema", Map.of("maxValue", 99)));
        assertThat(json(cleared).has("description")).isFalse();
        assertThat(json(cleared).get("schema").toString()).isEqualTo("{\"type\":\"Number\",\"maxValue\":99}");

        var deleted = http.delete("/v1/customMetadataFields/" + id);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(list("")).noneSatisfy(f -> assertThat(f.get("id").asString()).isEqualTo(id));
        assertThat(list("?includeDeleted=true")).anySatisfy(f -> assertThat(f.get("id").asString()).isEqualTo(id));
        assertError(http.delete("/v1/customMetadataFields/" + id), 404, "No such custom metadata field exists.",
                null);
        assertError(http.json("PATCH", "/v1/customMetadataFields/" + id, Map.of("label", "x")), 400,
                "Cannot update a deleted custom metadata fields.", null);
        // The name stays taken; the label is free again.
        assertError(http.json("POST", "/v1/customMetadataFields", Map.of("name", name, "label", "other",
                "schema", Map.of("type", "Text"))), 400, "A custom metadata field with this name already exists.",
                null);
        create(Map.of("name", name + "_2", "label", name + " (EUR)", "schema", Map.of("type", "Text")));
    }

    @Test
    void invalid_requests_are_refused_with_the_spec_messages() {
        String name = unique("f");
        create(Map.of("name", name, "label", name, "schema", Map.of("type", "Text"),
                "description", "d"));
        long fields = server.jdbc().sql("SELECT COUNT(*) FROM custom_metadata_fields").query(Long.class).single();
        var invalid = http.json("POST", "/v1/customMetadataFields", Map.of("name", name + "x", "label", name + "x",
                "schema", Map.of("type", "Number", "minValue", "low", "maxLength", 3)));
        assertError(invalid, 400, "Invalid schema object.", null);
        assertThat(json(invalid).get("errors").get("minValue").asString()).isEqualTo("should be of type number");
        assertThat(json(invalid).get("errors").get("maxLength").asString()).isEqualTo("not allowed for this type");
        assertError(http.json("POST", "/v1/customMetadataFields", Map.of("name", name + "y", "label", name,
                "schema", Map.of("type", "Text"))), 400, "A custom metadata field with this label already exists.",
                null);
        assertError(http.json("POST", "/v1/customMetadataFields", Map.of("label", "l", "schema",
                Map.of("type", "Text"))), 400, "Missing name parameter.", null);
        assertError(http.json("POST", "/v1/customMetadataFields", Map.of("name", name + "z", "label", name + "z")),
                400, "Missing schema parameter.", null);
        assertError(http.json("POST", "/v1/customMetadataFields", Map.of("name", name + "z", "label", name + "z",
                "schema", Map.of("type", "Text"), "description", "x".repeat(501))), 400,
                "Invalid description parameter: longer than 500 characters.", null);
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM custom_metadata_fields").query(Long.class).single())
                .isEqualTo(fields);

        String id = list("").stream().filter(f -> f.get("name").asString().equals(name)).findFirst().orElseThrow()
                .get("id").asString();
        assertError(http.json("PATCH", "/v1/customMetadataFields/" + id, Map.of("name", "renamed")), 400,
                "Name cannot be updated.", null);
        assertError(http.json("PATCH", "/v1/customMetadataFields/" + id, new HashMap<>()), 400,
                "Either label or schema should be provided.", null);
        assertError(http.json("PATCH", "/v1/customMetadataFields/" + id, Map.of("schema",
                Map.of("minValue", 1))), 400, "Invalid schema object.", null);
        assertError(http.json("PATCH", "/v1/customMetadataFields/0123456789abcdef01234567", Map.of("label", "x")),
                404, "No such custom metadata field exists.", null);
        assertError(http.json("PATCH", "/v1/customMetadataFields/nope", Map.of("label", "x")), 400,
                "Your request contains invalid ID parameter.", null);
        assertError(http.delete("/v1/customMetadataFields/nope"), 400, "Your request contains invalid ID parameter.",
                null);
        assertError(http.getAuthed("/v1/customMetadataFields?includeDeleted=maybe"), 400,
                "Invalid includeDeleted parameter: expected true or false.", null);
    }

    @Test
    void uploads_are_checked_against_the_fields_and_get_required_defaults() {
        String size = unique("size");
        String brand = unique("brand");
        String tags = unique("colors");
        OpenApiSpec.assertConforms(create(Map.of("name", size, "label", size, "schema", Map.of("type",
                "SingleSelect", "selectOptions", List.of("XS", "S", "M", "L"), "isValueRequired", true,
                "defaultValue", "M"))), "CustomMetadataField");
        create(Map.of("name", brand, "label", brand, "schema", Map.of("type", "Text", "maxLength", 5)));
        create(Map.of("name", tags, "label", tags, "schema", Map.of("type", "MultiSelect", "selectOptions",
                List.of("red", "green"))));
        long files = server.fileRows();

        var bad = upload("{\"" + brand + "\":\"Lacoste\",\"" + tags + "\":[\"red\",\"blue\"],\"undefined_"
                + brand + "\":1}");
        assertError(bad, 400, "Invalid custom metadata.", null);
        JsonNode errors = json(bad).get("errors");
        assertThat(errors.get(brand).asString()).isEqualTo("should be at most 5 characters long");
        assertThat(errors.get(tags).asString()).isEqualTo("should only contain values from the selectOptions [red,"
                + " green]");
        assertThat(errors.get("undefined_" + brand).asString())
                .isEqualTo("is not a custom metadata field: create it with POST /v1/customMetadataFields first");
        assertThat(server.fileRows()).isEqualTo(files);

        var ok = upload("{\"" + brand + "\":\"Nike\",\"" + tags + "\":[\"green\"]}");
        assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
        JsonNode metadata = json(http.getAuthed("/v1/files/" + json(ok).get("fileId").asString() + "/details"))
                .get("customMetadata");
        assertThat(metadata.get(brand).asString()).isEqualTo("Nike");
        assertThat(metadata.get(tags).get(0).asString()).isEqualTo("green");
        assertThat(metadata.get(size).asString()).isEqualTo("M"); // the required field's default

        var none = upload(null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(http.getAuthed("/v1/files/" + json(none).get("fileId").asString() + "/details"))
                .get("customMetadata").get(size).asString()).isEqualTo("M");

        var chosen = upload("{\"" + size + "\":\"XS\"}");
        assertThat(json(http.getAuthed("/v1/files/" + json(chosen).get("fileId").asString() + "/details"))
                .get("customMetadata").get(size).asString()).isEqualTo("XS");

        // A deleted field accepts no values any more, and its default no longer applies.
        String sizeId = list("").stream().filter(f -> f.get("name").asString().equals(size)).findFirst()
                .orElseThrow().get("id").asString();
        assertThat(http.delete("/v1/customMetadataFields/" + sizeId).statusCode()).isEqualTo(204);
        assertError(upload("{\"" + size + "\":\"XS\"}"), 400, "Invalid custom metadata.", null);
        assertThat(json(http.getAuthed("/v1/files/" + json(upload(null)).get("fileId").asString() + "/details"))
                .get("customMetadata").has(size)).isFalse();
    }

    @Test
    void the_validator_applies_a_patch_over_existing_values() {
        String size = unique("psize");
        String note = unique("note");
        String sizeId = create(Map.of("name", size, "label", size, "schema", Map.of("type", "SingleSelect",
                "selectOptions", List.of("S", "M"), "isValueRequired", true, "defaultValue", "M"))).get("id").asString();
        create(Map.of("name", note, "label", note, "schema", Map.of("type", "Textarea")));
        try {
            checkPatches(size, note);
        } finally { // a live required field would add its default to every later upload of the shared server
            http.delete("/v1/customMetadataFields/" + sizeId);
        }
    }

    private void checkPatches(String size, String note) {
        CustomMetadataValidator validator = server.bean(CustomMetadataValidator.class);
        Map<String, Object> existing = Map.of(size, "S", note, "old", "retired_field", 1);
        Map<String, Object> patch = new HashMap<>();
        patch.put(note, null);
        patch.put(size, null);
        assertThat(validator.validatePatch(existing, patch)).containsEntry(size, "M").containsEntry("retired_field", 1)
                .doesNotContainKey(note);
        assertThat(validator.validatePatch(existing, Map.of(note, "new"))).containsEntry(note, "new")
                .containsEntry(size, "S");
        try {
            validator.validatePatch(existing, Map.of(size, "XL"));
            throw new AssertionError("accepted");
        } catch (dev.pixkit.server.system.ApiException e) {
            assertThat(e.body().errors()).containsOnlyKeys(size);
        }
    }

    private java.net.http.HttpResponse<byte[]> upload(String customMetadata) {
        Multipart form = new Multipart().file("file", "m.bin", CatalogFixtures.content()).field("fileName", "m.bin")
                .field("folder", "/metadata-fields");
        if (customMetadata != null) {
            form.field("customMetadata", customMetadata);
        }
        return http.upload(form);
    }
}
