package dev.pixkit.server.support;

import java.util.Map;

/**
 * Custom metadata fields for tests that upload {@code customMetadata}: uploads refuse keys that are not defined
 * fields, as ImageKit does. Fields live in the shared server for the whole run, so this creates a field only when
 * no field of that name exists yet.
 */
public final class MetadataFields {
    private MetadataFields() {}

    /** Ensures a field {@code name} (label = name) with the given schema, e.g. {@code Map.of("type", "Text")}. */
    public static void ensure(Http http, String name, Map<String, Object> schema) {
        var response = http.json("POST", "/v1/customMetadataFields",
                Map.of("name", name, "label", name, "schema", schema));
        boolean exists = response.statusCode() == 400
                && Http.json(response).get("message").asString().contains("already exists");
        if (response.statusCode() != 201 && !exists) {
            throw new IllegalStateException("Could not create custom metadata field " + name + ": "
                    + response.statusCode() + " " + new String(response.body()));
        }
    }
}
