package dev.pixkit.url.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key-value_key-value} values of {@code e-shadow} and {@code e-gradient}. A part that starts with a known
 * key and {@code -} opens an entry; any other part continues the previous entry's value, so values may contain
 * {@code _} themselves ({@code ld-top_left}).
 */
final class SubParams {
    private SubParams() {}

    static Map<String, String> split(Param p, String value, Set<String> keys) {
        Map<String, String> entries = new LinkedHashMap<>();
        String current = null;
        for (String part : value.split("_", -1)) {
            int dash = part.indexOf('-');
            String key = dash > 0 ? part.substring(0, dash) : null;
            if (key != null && keys.contains(key)) {
                if (entries.containsKey(key)) {
                    throw Errors.invalid(p, "\"" + key + "\" is given twice");
                }
                entries.put(key, part.substring(dash + 1));
                current = key;
            } else if (current != null) {
                entries.put(current, entries.get(current) + "_" + part);
            } else {
                throw Errors.invalid(p, "expected one of " + String.join(", ", keys.stream().sorted().toList())
                        + " followed by -value, got \"" + Errors.show(part) + "\"");
            }
        }
        entries.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw Errors.invalid(p, "\"" + k + "\" needs a value");
            }
        });
        return entries;
    }
}
