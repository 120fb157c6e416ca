package dev.pixkit.server.search;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named parameters of one SQL statement ({@code :q0}, {@code :q1}, …). Numbers are bound as long or double,
 * never as BigDecimal: SQLite's driver binds BigDecimal as text, which would then compare as text with numbers
 * pulled out of JSON.
 */
final class SqlParams {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Binds {@code value} and returns its placeholder, e.g. {@code :q3}. */
    String bind(Object value) {
        String name = "q" + values.size();
        values.put(name, value instanceof BigDecimal d ? number(d) : value);
        return ":" + name;
    }

    /** Binds a value under a fixed name ({@code limit}, {@code skip}). */
    void bindNamed(String name, Object value) {
        values.put(name, value);
    }

    Map<String, Object> values() {
        return values;
    }

    static Object number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return d.doubleValue();
    }
}
