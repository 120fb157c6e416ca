package dev.pixkit.server.search;

import dev.pixkit.server.system.PixkitSettings;

/**
 * The SQL that differs between SQLite and PostgreSQL: reading the JSON text columns (tags, AI tags, custom
 * metadata), case-sensitive prefix matching, and byte-order sorting. Everything else the compiler writes is
 * portable. Every method returns SQL built from column names and placeholders only.
 */
sealed interface SqlDialect permits SqlDialect.Sqlite, SqlDialect.Postgres {

    static SqlDialect of(PixkitSettings settings) {
        return settings.usesPostgres() ? new Postgres() : new Sqlite();
    }

    /** A FROM item listing one row per string of a JSON array column, and the expression of that string. */
    record Rows(String from, String text) {}

    /**
     * A FROM item listing the value at a key of a JSON object column: one row per element when it is an array, one
     * row for a scalar, and expressions that are the element as text, number or boolean when it is of that JSON type
     * (NULL otherwise), and whether it is present and not JSON null.
     */
    record MetadataRows(String from, String text, String number, String bool, String present) {}

    Rows tags(String column);

    /** The {@code name} of each AI tag object. */
    Rows aiTagNames(String column);

    MetadataRows metadata(String column, String keyPlaceholder);

    /** What to bind for a custom metadata key in {@link #metadata}. */
    String metadataKey(String key);

    /** {@code expression} starts with a prefix, case-sensitively; bind {@link #prefixPattern} to the placeholder. */
    String startsWith(String expression, String placeholder);

    String prefixPattern(String prefix);

    /** The column for ORDER BY in code-point (byte) order, whatever the database's collation. */
    String binarySort(String column);

    /**
     * SQLite: JSON through {@code json_each}/{@code json_type}; prefixes through {@code GLOB}, which is
     * case-sensitive where SQLite's LIKE is not (and, unlike {@code substr}, can use an index).
     */
    final class Sqlite implements SqlDialect {
        @Override
        public Rows tags(String column) {
            return new Rows("json_each(" + column + ") AS je", "je.value");
        }

        @Override
        public Rows aiTagNames(String column) {
            return new Rows("json_each(" + column + ") AS je", "json_extract(je.value, '$.name')");
        }

        @Override
        public MetadataRows metadata(String column, String key) {
            return new MetadataRows("json_each(" + column + ", " + key + ") AS je",
                    "(CASE WHEN je.type = 'text' THEN je.value END)",
                    "(CASE WHEN je.type IN ('integer', 'real') THEN je.value END)",
                    "(CASE je.type WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)",
                    "je.type <> 'null'");
        }

        @Override
        public String metadataKey(String key) {
            return "$.\"" + key + "\"";
        }

        @Override
        public String startsWith(String expression, String placeholder) {
            return expression + " GLOB " + placeholder;
        }

        @Override
        public String prefixPattern(String prefix) {
            StringBuilder sb = new StringBuilder();
            for (char c : prefix.toCharArray()) {
                switch (c) {
                    case '*', '?', '[' -> sb.append('[').append(c).append(']');
                    default -> sb.append(c);
                }
            }
            return sb.append('*').toString();
        }

        @Override
        public String binarySort(String column) {
            return column;
        }
    }

    /**
     * PostgreSQL: the TEXT columns cast to {@code jsonb}; prefixes through LIKE (case-sensitive there) with
     * {@code \} escaping; sorting with {@code COLLATE "C"} so the order matches SQLite's.
     */
    final class Postgres implements SqlDialect {
        @Override
        public Rows tags(String column) {
            return new Rows("jsonb_array_elements_text(" + column + "::jsonb) AS je(v)", "je.v");
        }

        @Override
        public Rows aiTagNames(String column) {
            return new Rows("jsonb_array_elements(" + column + "::jsonb) AS je(v)", "(je.v ->> 'name')");
        }

        @Override
        public MetadataRows metadata(String column, String key) {
            String value = "(" + column + "::jsonb -> CAST(" + key + " AS text))";
            return new MetadataRows("jsonb_array_elements(CASE WHEN jsonb_typeof(" + value + ") = 'array' THEN "
                    + value + " ELSE jsonb_build_array(" + value + ") END) AS je(v)",
                    "(CASE WHEN jsonb_typeof(je.v) = 'string' THEN je.v #>> '{}' END)",
                    "(CASE WHEN jsonb_typeof(je.v) = 'number' THEN (je.v)::numeric END)",
                    "(CASE WHEN jsonb_typeof(je.v) = 'boolean' THEN (je.v)::boolean END)",
                    "jsonb_typeof(je.v) <> 'null'");
        }

        @Override
        public String metadataKey(String key) {
            return key;
        }

        @Override
        public String startsWith(String expression, String placeholder) {
            return expression + " LIKE " + placeholder + " ESCAPE '\\'";
        }

        @Override
        public String prefixPattern(String prefix) {
            return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }

        @Override
        public String binarySort(String column) {
            return column + " COLLATE \"C\"";
        }
    }
}
