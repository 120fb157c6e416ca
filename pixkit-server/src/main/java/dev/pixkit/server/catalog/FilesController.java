package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/files/{fileId}}: details, update and delete. Authentication is checked by the API interceptor. */
@RestController
class FilesController {
    /** Update fields ImageKit accepts that belong to later features; sending them is an error, not a no-op. */
    private static final List<String> NOT_YET_SUPPORTED = List.of("extensions", "webhookUrl");

    private final FileCatalog catalog;
    private final FileUrls urls;
    private final JsonMapper json;
    private final Clock clock;
    private final CustomMetadataValidator metadataFields;

    FilesController(FileCatalog catalog, FileUrls urls, JsonMapper json, Clock clock,
            CustomMetadataValidator metadataFields) {
        this.metadataFields = metadataFields;
        this.catalog = catalog;
        this.urls = urls;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/v1/files/{fileId}/details")
    FileDetails details(@PathVariable String fileId) {
        return catalog.find(fileId).map(f -> FileDetails.of(f, urls)).orElseThrow(ApiException::fileNotFound);
    }

    /**
     * Either edits attributes of the current version ({@code tags}, {@code customCoordinates}, {@code customMetadata}
     * merged key by key with {@code null} removing a key, {@code description}, {@code removeAITags}) or changes the
     * publication status ({@code publish}); a field left out keeps its value.
     */
    @PatchMapping("/v1/files/{fileId}/details")
    FileDetails update(@PathVariable String fileId, @RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        FileRecord f = catalog.find(fileId).orElseThrow(ApiException::fileNotFound);
        for (String unsupported : NOT_YET_SUPPORTED) {
            JsonNode v = fields.node(unsupported);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                throw ApiException.badRequest("The " + unsupported + " parameter is not supported by this Pixkit"
                        + " version yet.");
            }
        }
        if (fields.has("publish")) {
            return FileDetails.of(publish(f, fields), urls);
        }
        var tags = fields.has("tags") ? tags(fields.node("tags")) : f.tags();
        String coordinates = fields.has("customCoordinates")
                ? FileAttributes.coordinates(fields.optionalString("customCoordinates"), "customCoordinates")
                : f.customCoordinates();
        Map<String, Object> metadata = fields.has("customMetadata")
                ? mergeMetadata(f.customMetadata(), fields.node("customMetadata")) : f.customMetadata();
        String description = fields.has("description") ? fields.optionalString("description") : f.description();
        var aiTags = fields.has("removeAITags") ? removeAiTags(f, fields.node("removeAITags")) : f.aiTags();
        return FileDetails.of(catalog.update(f.withAttributes(tags, aiTags, coordinates, metadata, description,
                f.isPublished(), clock.instant())), urls);
    }

    @DeleteMapping("/v1/files/{fileId}")
    ResponseEntity<Void> delete(@PathVariable String fileId) {
        if (!catalog.delete(fileId)) {
            throw ApiException.fileNotFound();
        }
        return ResponseEntity.noContent().build();
    }

    private FileRecord publish(FileRecord f, JsonFields fields) {
        JsonNode publish = fields.node("publish");
        if (publish == null || !publish.isObject() || !publish.has("isPublished")
                || !publish.get("isPublished").isBoolean()) {
            throw ApiException.badRequest("Your request contains invalid publish parameter: publish.isPublished"
                    + " (true or false) is required.");
        }
        boolean published = publish.get("isPublished").asBoolean();
        boolean versions = publish.has("includeFileVersions") && publish.get("includeFileVersions").asBoolean();
        return catalog.publish(f, published, versions);
    }

    private static List<String> tags(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest("Invalid tags parameter: expected an array of strings or null.");
        }
        List<String> raw = new ArrayList<>();
        for (JsonNode t : n) {
            if (!t.isString()) {
                throw ApiException.badRequest("Invalid tags parameter: expected an array of strings or null.");
            }
            raw.add(t.asString());
        }
        return FileAttributes.tags(raw, "tags");
    }

    /** The patch applied key by key ({@code null} removes a key), checked against the custom metadata fields. */
    private Map<String, Object> mergeMetadata(Map<String, Object> current, JsonNode n) {
        if (!n.isObject()) {
            throw ApiException.badRequest(CustomMetadataValidator.INVALID);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = json.treeToValue(n, Map.class);
        return metadataFields.validatePatch(current, FileAttributes.checkMetadataShape(changes, "customMetadata"));
    }

    private static List<FileRecord.AiTag> removeAiTags(FileRecord f, JsonNode n) {
        if (n.isString() && n.asString().equals("all")) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest("Invalid removeAITags parameter: expected \"all\" or an array of strings.");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode t : n) {
            if (!t.isString()) {
                throw ApiException.badRequest("Invalid removeAITags parameter: expected \"all\" or an array of"
                        + " strings.");
            }
            names.add(t.asString());
        }
        return AiTags.without(f.aiTags(), names);
    }
}
