package dev.pixkit.server.search;

/**
 * One lexical unit of a searchQuery. {@code position} is 1-based (the first character is position 1), which is how
 * errors report it.
 */
record Token(Type type, String text, int position) {

    enum Type {
        /** {@code (} */ OPEN_PAREN,
        /** {@code )} */ CLOSE_PAREN,
        /** {@code [} */ OPEN_BRACKET,
        /** {@code ]} */ CLOSE_BRACKET,
        /** {@code ,} */ COMMA,
        /** {@code = != : < <= > >=}; the text is the symbol. */ SYMBOL,
        /** A single- or double-quoted string; the text is its content with escapes resolved. */ STRING,
        /** A run of unquoted characters: a field, a keyword (AND, IN, …), a number, a date, {@code true}. */ WORD,
        /** After the last token. */ END
    }

    boolean is(Type t) {
        return type == t;
    }

    /** An unquoted word equal to {@code keyword}, ignoring case ({@code and} is {@code AND}). */
    boolean isKeyword(String keyword) {
        return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** How an error message names this token. */
    String describe() {
        return switch (type) {
            case END -> "the end of the query";
            case STRING -> "\"" + abbreviated(text) + "\"";
            default -> "'" + abbreviated(text) + "'";
        };
    }

    private static String abbreviated(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
