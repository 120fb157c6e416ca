package dev.pixkit.server.search;

import dev.pixkit.server.catalog.FileDetails;
import dev.pixkit.server.search.Query.Comparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link Query} into a WHERE expression over one {@link Target}'s tables. User text only ever reaches the
 * SQL as a bound parameter (LIKE and GLOB patterns escaped by the dialect); relative times ("7d") are resolved
 * against {@code now}, which the caller takes from the application's clock.
 *
 * <p>Semantics, following ImageKit's documentation: {@code =} is exact and case-sensitive, {@code :} begins-with
 * (for {@code path}: the folder and everything below it), {@code tags} matches tags and AI tags, HAS matches every
 * word of the value case-insensitively anywhere in the text, and a comparison on a value a row does not have is
 * false (so its negation is true).
 */
final class QueryCompiler {
    private final SqlDialect dialect;
    private final Instant now;
    private final SqlParams params;

    QueryCompiler(SqlDialect dialect, Instant now, SqlParams params) {
        this.dialect = dialect;
        this.now = now;
        this.params = params;
    }

    Sql compile(Query query, Target target) {
        return switch (query) {
            case Query.And a -> Sql.and(a.operands().stream().map(q -> compile(q, target)).toList());
            case Query.Or o -> Sql.or(o.operands().stream().map(q -> compile(q, target)).toList());
            case Comparison c -> {
                Sql positive = positive(c.field(), c.operator().positive(), c.value(), target);
                yield c.operator().negated() ? positive.negate() : positive;
            }
        };
    }

    private Sql positive(Field field, Operator op, Value value, Target target) {
        if (field instanceof Field.CustomMetadata m) {
            return metadata(m.key(), op, value, target);
        }
        BuiltInField f = (BuiltInField) field;
        return switch (f) {
            case TYPE -> Sql.constant(values(value).stream().anyMatch(v -> text(v).equals(target.wire())));
            case PATH -> path(op, value, target);
            case TAGS, AI_TAGS -> tags(f, op, value, target);
            default -> column(target.column(f), op, value);
        };
    }

    /** A plain column: {@code =}, IN, ranges, {@code :} and HAS. */
    private Sql column(String column, Operator op, Value value) {
        if (column == null) {
            return Sql.FALSE;
        }
        return switch (op) {
            case EQUALS -> Sql.of(column + " = " + bind(value));
            case IN -> Sql.of(column + " IN (" + String.join(", ", values(value).stream().map(this::bind).toList())
                    + ")");
            case PREFIX -> Sql.of(dialect.startsWith(column, params.bind(dialect.prefixPattern(text(value)))));
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> Sql.of(column + " " + op.symbol() + " "
                    + bind(value));
            case HAS -> Sql.and(words(value).stream().map(w -> containsWord(column, w)).toList());
            default -> throw new IllegalStateException(op.name());
        };
    }

    /**
     * {@code path}: for files, the folder they are in; for folders, the folder that contains them. {@code =} means
     * directly in that folder, {@code :} in it or any folder below it.
     */
    private Sql path(Operator op, Value value, Target target) {
        String column = target.column(BuiltInField.PATH);
        return switch (op) {
            case EQUALS -> target == Target.FOLDER ? folderDirectlyIn(column, text(value))
                    : Sql.of(column + " = " + bind(value));
            case IN -> Sql.or(values(value).stream().map(v -> path(Operator.EQUALS, v, target)).toList());
            case PREFIX -> {
                String folder = text(value);
                if (folder.equals("/")) {
                    yield Sql.TRUE;
                }
                Sql below = Sql.of(dialect.startsWith(column, params.bind(dialect.prefixPattern(folder + "/"))));
                yield target == Target.FOLDER ? below : Sql.or(List.of(Sql.of(column + " = " + bind(value)), below));
            }
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** A folder whose parent is {@code parent}: below it, with exactly one more {@code /}. */
    private Sql folderDirectlyIn(String column, String parent) {
        String slashes = "(length(" + column + ") - length(replace(" + column + ", '/', '')))";
        Sql depth = Sql.of(slashes + " = " + params.bind(FolderPaths.depth(parent) + 1));
        if (parent.equals("/")) {
            return depth;
        }
        return Sql.and(List.of(Sql.of(dialect.startsWith(column, params.bind(dialect.prefixPattern(parent + "/")))),
                depth));
    }

    /** {@code tags} looks at tags and AI tag names; {@code AITags} at AI tag names only. */
    private Sql tags(BuiltInField field, Operator op, Value value, Target target) {
        String aiColumn = target.column(BuiltInField.AI_TAGS);
        if (aiColumn == null) {
            return Sql.FALSE;
        }
        if (target == Target.FILE && (op == Operator.IN || op == Operator.EXISTS)) {
            return fileTags(field == BuiltInField.AI_TAGS, op, value, target);
        }
        List<SqlDialect.Rows> sources = new ArrayList<>();
        if (field == BuiltInField.TAGS) {
            sources.add(dialect.tags(target.column(BuiltInField.TAGS)));
        }
        sources.add(dialect.aiTagNames(aiColumn));
        return switch (op) {
            case IN -> Sql.or(sources.stream().map(r -> exists(r.from(), r.text() + " IN ("
                    + String.join(", ", values(value).stream().map(this::bind).toList()) + ")")).toList());
            case EXISTS -> Sql.or(sources.stream().map(r -> exists(r.from(), null)).toList());
            case HAS -> Sql.and(words(value).stream().map(w -> Sql.or(sources.stream()
                    .map(r -> exists(r.from(), containsWord(r.text(), w).text())).toList())).toList());
            default -> throw new IllegalStateException(op.name());
        };
    }

    /**
     * {@code tags IN} and {@code tags EXISTS} on current files, through the {@code file_tags} table (one row per tag
     * and AI tag name, maintained with the file): an index lookup instead of reading every file's JSON. The same
     * rows match as through the JSON.
     */
    private Sql fileTags(boolean aiOnly, Operator op, Value value, Target target) {
        List<String> where = new ArrayList<>();
        if (aiOnly) {
            where.add("ft.ai = TRUE");
        }
        if (op == Operator.IN) {
            where.add("ft.tag IN (" + String.join(", ", values(value).stream().map(this::bind).toList()) + ")");
        }
        return Sql.of(target.column(BuiltInField.ID) + " IN (SELECT ft.file_id FROM file_tags ft"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ")");
    }

    /**
     * {@code "customMetadata.<key>"}: every comparison looks at the value, or at each element when the value is a
     * list (MultiSelect), and only at values of the literal's JSON type: {@code = 500} never matches the text
     * {@code "500"}. Dates are compared as ISO-8601 text, which orders like time when values are stored as ImageKit
     * writes them ({@code 2020-01-01T00:00:00.000Z}).
     */
    private Sql metadata(String key, Operator op, Value value, Target target) {
        String column = target.metadataColumn();
        if (column == null) {
            return Sql.FALSE;
        }
        SqlDialect.MetadataRows rows = dialect.metadata(column, params.bind(dialect.metadataKey(key)));
        return switch (op) {
            case EQUALS, IN -> exists(rows.from(), Sql.or(values(value).stream()
                    .map(v -> Sql.of(typed(rows, v) + " = " + bind(v))).toList()).text());
            case PREFIX -> exists(rows.from(),
                    dialect.startsWith(rows.text(), params.bind(dialect.prefixPattern(text(value)))));
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> exists(rows.from(),
                    typed(rows, value) + " " + op.symbol() + " " + bindMetadata(value));
            case HAS -> Sql.and(words(value).stream().map(w -> exists(rows.from(), containsWord(rows.text(), w)
                    .text())).toList());
            case EXISTS -> exists(rows.from(), rows.present());
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static String typed(SqlDialect.MetadataRows rows, Value v) {
        return switch (v) {
            case Value.Numeric n -> rows.number();
            case Value.Bool b -> rows.bool();
            default -> rows.text();
        };
    }

    /** Metadata times bind as ISO-8601 text, other values as themselves. */
    private String bindMetadata(Value v) {
        return switch (v) {
            case Value.AbsoluteTime t -> params.bind(iso(t.instant()));
            case Value.RelativeTime r -> params.bind(iso(r.before(now)));
            default -> bind(v);
        };
    }

    private static String iso(Instant t) {
        return FileDetails.iso(t);
    }

    private static Sql exists(String from, String where) {
        return Sql.of("EXISTS (SELECT 1 FROM " + from + (where == null ? "" : " WHERE " + where) + ")");
    }

    /** Case-insensitive "contains": {@code lower(x) LIKE '%word%'} with the word's LIKE characters escaped. */
    private Sql containsWord(String expression, String word) {
        String pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Sql.of("lower(" + expression + ") LIKE " + params.bind(pattern) + " ESCAPE '\\'");
    }

    /** HAS splits its value into words at anything that is not a letter or digit. */
    private static List<String> words(Value value) {
        List<String> words = new ArrayList<>();
        for (String w : text(value).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private String bind(Value v) {
        return params.bind(switch (v) {
            case Value.Text t -> t.text();
            case Value.Numeric n -> n.number();
            case Value.Bool b -> b.value();
            case Value.Size s -> s.bytes();
            case Value.AbsoluteTime t -> t.instant().toEpochMilli();
            case Value.RelativeTime r -> r.before(now).toEpochMilli();
            case Value.Values vs -> throw new IllegalStateException("list bound as a scalar");
            case Value.None n -> throw new IllegalStateException("no value to bind");
        });
    }

    private static List<Value> values(Value v) {
        return v instanceof Value.Values list ? list.values() : List.of(v);
    }

    private static String text(Value v) {
        return ((Value.Text) v).text();
    }
}
