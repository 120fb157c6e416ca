package dev.pixkit.server.search;

import static dev.pixkit.server.search.Operator.EQUALS;
import static dev.pixkit.server.search.Operator.EXISTS;
import static dev.pixkit.server.search.Operator.GREATER;
import static dev.pixkit.server.search.Operator.GREATER_OR_EQUAL;
import static dev.pixkit.server.search.Operator.HAS;
import static dev.pixkit.server.search.Operator.IN;
import static dev.pixkit.server.search.Operator.LESS;
import static dev.pixkit.server.search.Operator.LESS_OR_EQUAL;
import static dev.pixkit.server.search.Operator.NOT_EQUALS;
import static dev.pixkit.server.search.Operator.NOT_EXISTS;
import static dev.pixkit.server.search.Operator.NOT_IN;
import static dev.pixkit.server.search.Operator.PREFIX;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of ImageKit's searchQuery, each with the operators ImageKit documents for it and the kind of value it
 * takes. {@code AITags}, {@code fileType}, {@code sha256} and {@code pending} are Pixkit additions; {@code isPrivateFile}, {@code isPublished} and
 * {@code hasAlpha} are accepted as the File object's names for {@code private}, {@code published} and
 * {@code transparency}.
 */
enum BuiltInField implements Field {
    NAME(ValueKind.TEXT, List.of("name"), EQUALS, PREFIX, IN, NOT_EQUALS, NOT_IN, HAS),
    /** The folder a file is in: {@code =} that folder only, {@code :} that folder and its subfolders. */
    PATH(ValueKind.FOLDER_PATH, List.of("path"), EQUALS, PREFIX, IN, NOT_EQUALS, NOT_IN),
    ID(ValueKind.TEXT, List.of("id"), EQUALS, IN, NOT_EQUALS, NOT_IN),
    TYPE(ValueKind.ASSET_TYPE, List.of("type"), EQUALS, IN, NOT_EQUALS, NOT_IN),
    /** Matches a file's tags and its AI tags alike. */
    TAGS(ValueKind.TEXT, List.of("tags"), IN, NOT_IN, HAS, EXISTS, NOT_EXISTS),
    AI_TAGS(ValueKind.TEXT, List.of("AITags"), IN, NOT_IN, HAS, EXISTS, NOT_EXISTS),
    FILE_TYPE(ValueKind.FILE_TYPE, List.of("fileType"), EQUALS, IN, NOT_EQUALS, NOT_IN),
    FORMAT(ValueKind.FORMAT, List.of("format"), EQUALS, IN),
    /** The content's SHA-256 (a Pixkit addition): find files with these bytes before uploading them again. */
    SHA256(ValueKind.SHA256, List.of("sha256"), EQUALS, IN, NOT_EQUALS, NOT_IN),
    WIDTH(ValueKind.NUMBER, List.of("width"), Ranges.ALL),
    HEIGHT(ValueKind.NUMBER, List.of("height"), Ranges.ALL),
    SIZE(ValueKind.SIZE, List.of("size"), Ranges.ALL),
    CREATED_AT(ValueKind.TIME, List.of("createdAt"), Ranges.ALL),
    UPDATED_AT(ValueKind.TIME, List.of("updatedAt"), Ranges.ALL),
    PRIVATE(ValueKind.BOOLEAN, List.of("private", "isPrivateFile"), EQUALS),
    PUBLISHED(ValueKind.BOOLEAN, List.of("published", "isPublished"), EQUALS),
    /** Images with an alpha channel. */
    TRANSPARENCY(ValueKind.BOOLEAN, List.of("transparency", "hasAlpha"), EQUALS),
    /** Pending uploads, not committed yet (a Pixkit addition); earlier versions are never pending themselves. */
    PENDING(ValueKind.BOOLEAN, List.of("pending"), EQUALS);

    /** How a field reads the literal on the right of its operator. */
    enum ValueKind { TEXT, FOLDER_PATH, ASSET_TYPE, FILE_TYPE, FORMAT, SHA256, NUMBER, SIZE, TIME, BOOLEAN, METADATA }

    private static final class Ranges {
        static final Operator[] ALL = {EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, IN, NOT_EQUALS, NOT_IN};
    }

    /** ImageKit fields Pixkit knows of but cannot search, with the reason. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "createdBy", "Pixkit has no user accounts",
            "videoDuration", "Pixkit does not read video metadata");

    private final ValueKind kind;
    private final List<String> names;
    private final Set<Operator> operators;

    BuiltInField(ValueKind kind, List<String> names, Operator... operators) {
        this.kind = kind;
        this.names = names;
        this.operators = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(operators)));
    }

    @Override
    public String label() {
        return names.getFirst();
    }

    @Override
    public Set<Operator> operators() {
        return operators;
    }

    ValueKind kind() {
        return kind;
    }

    /** The field called exactly {@code name} (field names are case-sensitive, as in ImageKit). */
    static Optional<BuiltInField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.names.contains(name)).findFirst();
    }

    /** A field whose name differs from {@code name} only in case: the likely meaning of a typo. */
    static Optional<String> caseInsensitiveMatch(String name) {
        return Arrays.stream(values()).flatMap(f -> f.names.stream()).filter(n -> n.equalsIgnoreCase(name))
                .findFirst();
    }

    static Optional<String> unsupportedReason(String name) {
        return Optional.ofNullable(UNSUPPORTED.get(name));
    }

    /** Every accepted name, for error messages. */
    static String allNames() {
        return String.join(", ", Arrays.stream(values()).flatMap(f -> f.names.stream()).toList())
                + ", \"customMetadata.<field>\"";
    }
}
