package dev.pixkit.server.search;

import java.util.EnumSet;
import java.util.Set;

/** What a comparison looks at: one of the built-in fields, or a custom metadata field. */
sealed interface Field permits BuiltInField, Field.CustomMetadata {

    /** As written in queries and error messages. */
    String label();

    /** The operators this field accepts. */
    Set<Operator> operators();

    /**
     * {@code "customMetadata.<key>"}. Which operators make sense depends on the field's schema type (Text, Number,
     * Date, Boolean, SingleSelect, MultiSelect); Pixkit does not consult the schema but reads the value by its form
     * (quoted text, number, {@code true}/{@code false}, a date with a range operator) and compares values of that
     * JSON type only.
     */
    record CustomMetadata(String key) implements Field {
        static final String PREFIX = "customMetadata.";

        @Override
        public String label() {
            return PREFIX + key;
        }

        @Override
        public Set<Operator> operators() {
            return EnumSet.allOf(Operator.class);
        }
    }
}
