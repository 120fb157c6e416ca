package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/customMetadataFields}: create, list, update (label, description, schema — never name or type) and
 * delete (a mark: the field stops accepting values and leaves lists unless {@code includeDeleted=true}, and its
 * name stays taken). Bodies are read as plain JSON maps so that every type mistake in a schema is reported in the
 * error's {@code errors} object rather than failing the whole body.
 */
@RestController
class CustomMetadataFieldsController {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 500;

    private final CustomMetadataFieldRepository fields;
    private final Clock clock;

    CustomMetadataFieldsController(CustomMetadataFieldRepository fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    @PostMapping("/v1/customMetadataFields")
    ResponseEntity<CustomMetadataField> create(@RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        String name = text(b.get("name"), "name", MAX_NAME);
        String label = text(b.get("label"), "label", MAX_NAME);
        String description = description(b.get("description"));
        if (b.get("schema") == null) {
            throw ApiException.badRequest("Missing schema parameter.");
        }
        CustomMetadataSchema schema = CustomMetadataSchema.parse(b.get("schema"), null);
        checkNameFree(name);
        checkLabelFree(label, null);
        CustomMetadataField field = new CustomMetadataField(Ids.next(), name, label, description, schema, false);
        try {
            fields.insert(field, clock.millis());
        } catch (DataIntegrityViolationException e) { // a concurrent create won the race
            checkNameFree(name);
            checkLabelFree(label, null);
            throw e;
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(field);
    }

    /** {@code folderPath} is accepted and ignored: without path policies every field applies everywhere. */
    @GetMapping("/v1/customMetadataFields")
    List<CustomMetadataField> list(@RequestParam(required = false) String includeDeleted,
            @RequestParam(required = false) String folderPath) {
        boolean withDeleted;
        if (includeDeleted == null || includeDeleted.isEmpty() || includeDeleted.equals("false")) {
            withDeleted = false;
        } else if (includeDeleted.equals("true")) {
            withDeleted = true;
        } else {
            throw ApiException.badRequest("Invalid includeDeleted parameter: expected true or false.");
        }
        return fields.list(withDeleted);
    }

    @PatchMapping("/v1/customMetadataFields/{id}")
    CustomMetadataField update(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        checkId(id);
        if (b.containsKey("name")) {
            throw ApiException.badRequest("Name cannot be updated.");
        }
        if (b.get("label") == null && b.get("schema") == null && b.get("description") == null) {
            throw ApiException.badRequest("Either label or schema should be provided.");
        }
        CustomMetadataField field = fields.find(id).orElseThrow(CustomMetadataFieldsController::notFound);
        if (field.deleted()) {
            throw ApiException.badRequest("Cannot update a deleted custom metadata fields.");
        }
        String label = b.get("label") == null ? field.label() : text(b.get("label"), "label", MAX_NAME);
        String description = b.containsKey("description") ? description(b.get("description")) : field.description();
        CustomMetadataSchema schema = b.get("schema") == null ? field.schema()
                : CustomMetadataSchema.parse(b.get("schema"), field.schema().type());
        checkLabelFree(label, id);
        CustomMetadataField updated = new CustomMetadataField(id, field.name(), label, description, schema, false);
        try {
            fields.update(updated, clock.millis());
        } catch (DataIntegrityViolationException e) {
            checkLabelFree(label, id);
            throw e;
        }
        return updated;
    }

    @DeleteMapping("/v1/customMetadataFields/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        checkId(id);
        CustomMetadataField field = fields.find(id).filter(f -> !f.deleted())
                .orElseThrow(CustomMetadataFieldsController::notFound);
        fields.update(new CustomMetadataField(id, field.name(), field.label(), field.description(), field.schema(),
                true), clock.millis());
        return ResponseEntity.noContent().build();
    }

    private void checkNameFree(String name) {
        if (fields.nameTaken(name)) {
            throw ApiException.badRequest("A custom metadata field with this name already exists.");
        }
    }

    private void checkLabelFree(String label, String exceptId) {
        if (fields.labelTaken(label, exceptId)) {
            throw ApiException.badRequest("A custom metadata field with this label already exists.");
        }
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("Your request contains invalid ID parameter.");
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such custom metadata field exists.");
    }

    private static String text(Object raw, String field, int max) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            throw ApiException.badRequest("Missing " + field + " parameter.");
        }
        if (!(raw instanceof String s)) {
            throw ApiException.badRequest("Invalid " + field + " parameter: expected a string.");
        }
        if (s.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("Invalid " + field + " parameter: control characters are not allowed.");
        }
        if (s.codePointCount(0, s.length()) > max) {
            throw ApiException.badRequest("Invalid " + field + " parameter: longer than " + max + " characters.");
        }
        return s;
    }

    /** Optional, at most 500 characters; an empty string clears it. */
    private static String description(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String s)) {
            throw ApiException.badRequest("Invalid description parameter: expected a string.");
        }
        if (s.codePointCount(0, s.length()) > MAX_DESCRIPTION) {
            throw ApiException.badRequest("Invalid description parameter: longer than " + MAX_DESCRIPTION
                    + " characters.");
        }
        return s.isEmpty() ? null : s;
    }
}
