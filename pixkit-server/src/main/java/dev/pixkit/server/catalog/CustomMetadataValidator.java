package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Checks a file's {@code customMetadata} against the live custom metadata fields, as ImageKit does on upload and
 * on PATCH details: every key must be a field that exists and is not deleted, every value must satisfy the field's
 * schema, and a required field without a value gets its {@code defaultValue}. Any problem is a 400
 * {@code "Invalid custom metadata."} whose {@code errors} object names each offending field.
 */
@Service
public class CustomMetadataValidator {
    public static final String INVALID = "Invalid custom metadata.";

    private final CustomMetadataFieldRepository fields;

    CustomMetadataValidator(CustomMetadataFieldRepository fields) {
        this.fields = fields;
    }

    /**
     * ImageKit's {@code selectedFieldsSchema}: the schema of each field that applies to a file, by name. ImageKit
     * selects fields per path with its path policies; Pixkit has none, so every live field applies everywhere.
     */
    public Map<String, CustomMetadataSchema> selectedFieldsSchema() {
        Map<String, CustomMetadataSchema> out = new LinkedHashMap<>();
        fields.list(false).forEach(f -> out.put(f.name(), f.schema()));
        return out;
    }

    /**
     * The metadata to store for a new upload (or an overwrite that replaces the metadata): {@code values} checked,
     * null values dropped (no value), and the defaults of required fields added. {@code values} may be null.
     */
    public Map<String, Object> validate(Map<String, Object> values) {
        return validatePatch(Map.of(), values);
    }

    /**
     * The metadata to store after a PATCH: {@code existing} with {@code patch} applied — a null value removes the
     * key — then the defaults of required fields still without a value. Only the patch's keys are checked: existing
     * values stay as they are, even of fields deleted or tightened since, so that an unrelated change does not fail.
     * Removing a required field's value gives it its default again.
     */
    public Map<String, Object> validatePatch(Map<String, Object> existing, Map<String, Object> patch) {
        Map<String, CustomMetadataField> live = fields.list(false).stream()
                .collect(Collectors.toMap(CustomMetadataField::name, Function.identity(), (a, b) -> a,
                        LinkedHashMap::new));
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>(existing == null ? Map.of() : existing);
        if (patch != null) {
            patch.forEach((key, value) -> {
                CustomMetadataField field = live.get(key);
                if (field == null) {
                    errors.put(key, "is not a custom metadata field: create it with POST /v1/customMetadataFields"
                            + " first");
                } else if (value == null) {
                    result.remove(key);
                } else {
                    String problem = field.schema().problemWith(value);
                    if (problem != null) {
                        errors.put(key, problem);
                    } else {
                        result.put(key, value);
                    }
                }
            });
        }
        for (CustomMetadataField field : live.values()) {
            if (field.schema().required() && result.get(field.name()) == null) {
                if (field.schema().defaultValue() == null) {
                    errors.put(field.name(), "is required");
                } else {
                    result.put(field.name(), field.schema().defaultValue());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(INVALID, errors);
        }
        return result;
    }
}
