package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with ImageKit's wording for what is wrong ("fileIds parameter is missing.",
 * "fileIds should be an Array.", …), so that every endpoint answers bad bodies alike.
 */
final class JsonFields {
    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    static JsonFields of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("Your request is missing a JSON body.");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("Your request body must be a JSON object.");
        }
        return new JsonFields(body);
    }

    boolean has(String name) {
        return body.has(name);
    }

    JsonNode node(String name) {
        return body.get(name);
    }

    /** A non-empty array of strings. */
    List<String> strings(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            throw ApiException.badRequest(name + " parameter is missing.");
        }
        if (!n.isArray()) {
            throw ApiException.badRequest(name + " should be an Array.");
        }
        if (n.isEmpty()) {
            throw ApiException.badRequest(name + " is empty.");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isString()) {
                throw ApiException.badRequest("Your request contains invalid value for " + name
                        + ". Please provide an array of strings.");
            }
            out.add(item.asString());
        }
        return out;
    }

    /** A required, non-blank string. */
    String string(String name) {
        String v = optionalString(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("Your request is missing parameters / contains invalid parameters: " + name
                    + " is required.").reason("MISSING_PARAMETER");
        }
        return v;
    }

    /** A string, or null when absent or JSON null. */
    String optionalString(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw ApiException.badRequest("Your request contains invalid " + name + " parameter: expected a string.")
                    .reason("INVALID_PARAMETER");
        }
        return n.asString();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest("Your request contains invalid " + name + " parameter: expected true or"
                    + " false.").reason("INVALID_PARAMETER");
        }
        return n.asBoolean();
    }
}
