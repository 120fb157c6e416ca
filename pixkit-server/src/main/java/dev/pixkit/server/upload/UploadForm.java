package dev.pixkit.server.upload;

import dev.pixkit.server.catalog.FileAttributes;
import dev.pixkit.server.catalog.Names;
import dev.pixkit.server.system.ApiException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upload fields other than {@code file}, parsed and validated as ImageKit's SDKs send them, plus Pixkit's
 * {@code pendingTtl} (null when absent): seconds until the file is deleted unless committed.
 */
record UploadForm(
        String fileName,
        String folder,
        boolean useUniqueFileName,
        List<String> tags,
        boolean isPrivateFile,
        boolean isPublished,
        String customCoordinates,
        Map<String, Object> customMetadata,
        String description,
        boolean overwriteFile,
        boolean overwriteAITags,
        boolean overwriteTags,
        boolean overwriteCustomMetadata,
        Set<ResponseField> responseFields,
        UploadChecks checks,
        Duration pendingTtl) {

    /** The longest {@code pendingTtl}: an app's follow-up step should not take longer than a week. */
    static final Duration MAX_PENDING_TTL = Duration.ofDays(7);

    /** Fields accepted by ImageKit that this version does not act on yet; sending them is an error, not a no-op. */
    private static final List<String> NOT_YET_SUPPORTED = List.of("extensions", "transformation", "webhookUrl");

    enum ResponseField {
        TAGS("tags"), CUSTOM_COORDINATES("customCoordinates"), IS_PRIVATE_FILE("isPrivateFile"),
        EMBEDDED_METADATA("embeddedMetadata"), IS_PUBLISHED("isPublished"), CUSTOM_METADATA("customMetadata"),
        METADATA("metadata"), SELECTED_FIELDS_SCHEMA("selectedFieldsSchema");

        final String wire;

        ResponseField(String wire) {
            this.wire = wire;
        }
    }

    /** Reads every field from {@code field} (a request parameter lookup), failing on the first invalid one. */
    static UploadForm parse(Function<String, String> field, JsonMapper json) {
        for (String unsupported : NOT_YET_SUPPORTED) {
            String v = field.apply(unsupported);
            if (v != null && !v.isBlank() && !v.strip().equals("[]") && !v.strip().equals("{}")) {
                throw ApiException.badRequest("The " + unsupported + " parameter is not supported by this Pixkit"
                        + " version yet.");
            }
        }
        String description = field.apply("description");
        return new UploadForm(
                Names.fileName(field.apply("fileName"), "fileName"),
                Names.folder(field.apply("folder"), "folder"),
                bool(field, "useUniqueFileName", true),
                tags(field.apply("tags"), json),
                bool(field, "isPrivateFile", false),
                bool(field, "isPublished", true),
                FileAttributes.coordinates(field.apply("customCoordinates"), "customCoordinates"),
                customMetadata(field.apply("customMetadata"), json),
                description == null || description.isEmpty() ? null : description,
                bool(field, "overwriteFile", true),
                bool(field, "overwriteAITags", true),
                bool(field, "overwriteTags", true),
                bool(field, "overwriteCustomMetadata", true),
                responseFields(field.apply("responseFields")),
                UploadChecks.parse(field.apply("checks")),
                pendingTtl(field.apply("pendingTtl")));
    }

    /** Whole seconds from 1 to 7 days; null when absent or empty. */
    private static Duration pendingTtl(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(v.strip());
            if (seconds >= 1 && seconds <= MAX_PENDING_TTL.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("Invalid pendingTtl parameter: expected a whole number of seconds from 1 to "
                + MAX_PENDING_TTL.toSeconds() + " (7 days), got '" + v + "'.");
    }

    private static boolean bool(Function<String, String> field, String name, boolean fallback) {
        String v = field.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Invalid " + name + " parameter: expected true or false, got '"
                    + v + "'.");
        };
    }

    /** Comma-joined ({@code "a,b"}, as the SDKs send) or a JSON array; null when absent or empty. */
    private static List<String> tags(String v, JsonMapper json) {
        if (v == null || v.isBlank()) {
            return null;
        }
        List<String> raw;
        if (v.strip().startsWith("[")) {
            try {
                raw = json.readValue(v, new TypeReference<List<String>>() {});
            } catch (JacksonException e) {
                throw ApiException.badRequest("Invalid tags parameter: expected a comma-separated list or a JSON array"
                        + " of strings.");
            }
        } else {
            raw = List.of(v.split(","));
        }
        return FileAttributes.tags(raw, "tags");
    }

    private static Map<String, Object> customMetadata(String v, JsonMapper json) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> m = json.readValue(v, new TypeReference<Map<String, Object>>() {});
            if (m == null) {
                throw ApiException.badRequest("Invalid customMetadata parameter: expected a JSON object.");
            }
            return FileAttributes.checkMetadataShape(m, "customMetadata");
        } catch (JacksonException e) {
            throw ApiException.badRequest("Invalid customMetadata parameter: expected a JSON object.");
        }
    }

    private static Set<ResponseField> responseFields(String v) {
        Set<ResponseField> fields = EnumSet.noneOf(ResponseField.class);
        if (v == null || v.isBlank()) {
            return fields;
        }
        String list = v.strip();
        if (list.startsWith("[")) {
            list = list.substring(1, list.length() - 1).replace("\"", "");
        }
        outer:
        for (String name : list.split(",")) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            for (ResponseField f : ResponseField.values()) {
                if (f.wire.equals(n)) {
                    fields.add(f);
                    continue outer;
                }
            }
            throw ApiException.badRequest("Invalid responseFields parameter: unknown field '" + n + "'.");
        }
        return fields;
    }

}
