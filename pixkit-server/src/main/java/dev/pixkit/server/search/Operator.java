package dev.pixkit.server.search;

/**
 * The comparison operators of ImageKit's searchQuery. The negated ones ({@code NOT =}, {@code NOT IN},
 * {@code NOT EXISTS}) are exactly "not" of their positive form, with a missing value (a folder's size, a
 * non-image's width, a file without tags) counting as not matching the positive form: {@code tags NOT IN ["a"]}
 * returns untagged files, as a search index would.
 */
enum Operator {
    EQUALS("="),
    NOT_EQUALS("NOT ="),
    /** {@code :} — begins with (name, text metadata); for {@code path}, the folder and its subfolders. */
    PREFIX(":"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    IN("IN"),
    NOT_IN("NOT IN"),
    /** Case-insensitive word search: every word of the value must occur. */
    HAS("HAS"),
    EXISTS("EXISTS"),
    NOT_EXISTS("NOT EXISTS");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** As written in a query (and in error messages). */
    String symbol() {
        return symbol;
    }

    boolean negated() {
        return this == NOT_EQUALS || this == NOT_IN || this == NOT_EXISTS;
    }

    /** The operator this one negates; itself when it is positive. */
    Operator positive() {
        return switch (this) {
            case NOT_EQUALS -> EQUALS;
            case NOT_IN -> IN;
            case NOT_EXISTS -> EXISTS;
            default -> this;
        };
    }

    /** IN and NOT IN take a list {@code [a, b]}. */
    boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    /** EXISTS and NOT EXISTS take no value. */
    boolean takesValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }

    boolean isRange() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }
}
