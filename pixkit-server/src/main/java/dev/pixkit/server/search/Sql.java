package dev.pixkit.server.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A boolean SQL expression, folded where it is a constant: a comparison on a field a table does not have (a
 * folder's size) is {@link #FALSE}, so {@code type = "folder"} compiles to FALSE for files and a target whose whole
 * filter is FALSE is never queried. The text never contains user input, only named parameters.
 */
record Sql(String text) {
    static final Sql TRUE = new Sql("TRUE");
    static final Sql FALSE = new Sql("FALSE");

    static Sql of(String text) {
        return new Sql(text);
    }

    static Sql constant(boolean value) {
        return value ? TRUE : FALSE;
    }

    boolean isTrue() {
        return this.equals(TRUE);
    }

    boolean isFalse() {
        return this.equals(FALSE);
    }

    static Sql and(List<Sql> operands) {
        List<Sql> kept = new ArrayList<>();
        for (Sql s : operands) {
            if (s.isFalse()) {
                return FALSE;
            }
            if (!s.isTrue()) {
                kept.add(s);
            }
        }
        return join(kept, " AND ", TRUE);
    }

    static Sql or(List<Sql> operands) {
        List<Sql> kept = new ArrayList<>();
        for (Sql s : operands) {
            if (s.isTrue()) {
                return TRUE;
            }
            if (!s.isFalse()) {
                kept.add(s);
            }
        }
        return join(kept, " OR ", FALSE);
    }

    /**
     * NOT, with NULL ("unknown", e.g. a comparison with a missing width) counting as false before negation, so
     * that {@code width NOT = 100} includes files that have no width.
     */
    Sql negate() {
        if (isTrue()) {
            return FALSE;
        }
        if (isFalse()) {
            return TRUE;
        }
        return of("NOT COALESCE(" + text + ", FALSE)");
    }

    private static Sql join(List<Sql> kept, String separator, Sql empty) {
        if (kept.isEmpty()) {
            return empty;
        }
        if (kept.size() == 1) {
            return kept.getFirst();
        }
        return of("(" + String.join(separator, kept.stream().map(Sql::text).toList()) + ")");
    }
}
