package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a file's editable attributes, shared by upload and the management API: tags, custom coordinates and
 * the shape of custom metadata values. Each check names the request field it reads in its error.
 */
public final class FileAttributes {
    private static final Pattern COORDINATES = Pattern.compile("\\d{1,6},\\d{1,6},\\d{1,6},\\d{1,6}");
    private static final int MAX_TAG_LENGTH = 500;

    private FileAttributes() {}

    /** Stripped, de-duplicated tags in order; empty entries dropped; null when none remain. */
    public static List<String> tags(Collection<String> raw, String field) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            String tag = t == null ? "" : t.strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG_LENGTH || tag.codePoints().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest("Invalid " + field + " parameter: tag '" + tag + "' is too long or"
                        + " contains control characters.");
            }
            tags.add(tag);
        }
        return tags.isEmpty() ? null : new ArrayList<>(tags);
    }

    /** {@code x,y,width,height} as non-negative integers (spaces ignored); null or blank means none. */
    public static String coordinates(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String c = raw.replace(" ", "");
        if (!COORDINATES.matcher(c).matches()) {
            throw ApiException.badRequest("Invalid " + field + " parameter: expected x,y,width,height as"
                    + " non-negative integers, got '" + raw + "'.");
        }
        return c;
    }

    /** Custom metadata values are strings, numbers, booleans (or null), or lists of those. */
    public static Map<String, Object> checkMetadataShape(Map<String, Object> values, String field) {
        for (var e : values.entrySet()) {
            Object value = e.getValue();
            boolean list = value instanceof List<?> l && l.stream().allMatch(FileAttributes::scalar);
            if (!(value == null || scalar(value)) && !list) {
                throw ApiException.badRequest("Invalid " + field + " parameter: value of '" + e.getKey()
                        + "' must be a string, number, boolean or a list of them.");
            }
        }
        return values;
    }

    private static boolean scalar(Object x) {
        return x instanceof String || x instanceof Number || x instanceof Boolean;
    }
}
