package dev.pixkit.server.search;

import dev.pixkit.server.search.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a searchQuery into {@link Token}s. Strings may be double- or single-quoted (ImageKit's own SDK examples use
 * both) with {@code \} escaping the quote or a backslash. Unquoted words run until whitespace or a character that
 * has a meaning of its own ({@code ( ) [ ] , = ! < > :} and quotes), so {@code 2020-01-01}, {@code 7d},
 * {@code 1.5mb} and {@code -3} are single words; {@code :} ends a word, so a time must be quoted.
 */
final class Tokenizer {
    private final String text;
    private int i;

    private Tokenizer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String query) {
        return new Tokenizer(query).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                tokens.add(new Token(Type.END, "", text.length() + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = i;
        char c = text.charAt(i);
        switch (c) {
            case '(' -> { i++; return new Token(Type.OPEN_PAREN, "(", start + 1); }
            case ')' -> { i++; return new Token(Type.CLOSE_PAREN, ")", start + 1); }
            case '[' -> { i++; return new Token(Type.OPEN_BRACKET, "[", start + 1); }
            case ']' -> { i++; return new Token(Type.CLOSE_BRACKET, "]", start + 1); }
            case ',' -> { i++; return new Token(Type.COMMA, ",", start + 1); }
            case '=', ':' -> { i++; return new Token(Type.SYMBOL, String.valueOf(c), start + 1); }
            case '<', '>' -> {
                i++;
                if (i < text.length() && text.charAt(i) == '=') {
                    i++;
                    return new Token(Type.SYMBOL, c + "=", start + 1);
                }
                return new Token(Type.SYMBOL, String.valueOf(c), start + 1);
            }
            case '!' -> {
                if (i + 1 < text.length() && text.charAt(i + 1) == '=') {
                    i += 2;
                    return new Token(Type.SYMBOL, "!=", start + 1);
                }
                throw new InvalidSearchQuery(start + 1, "'!' must be followed by '=' (the operator is != or NOT =)");
            }
            case '"', '\'' -> { return string(c); }
            default -> {
                return word();
            }
        }
    }

    private Token string(char quote) {
        int start = i;
        i++;
        StringBuilder sb = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()
                    && (text.charAt(i + 1) == quote || text.charAt(i + 1) == '\\')) {
                sb.append(text.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                i++;
                return new Token(Type.STRING, sb.toString(), start + 1);
            } else {
                sb.append(c);
                i++;
            }
        }
        throw new InvalidSearchQuery(start + 1, "the string that starts here is not closed with " + quote);
    }

    private Token word() {
        int start = i;
        while (i < text.length() && isWordChar(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            char c = text.charAt(i);
            throw new InvalidSearchQuery(start + 1, Character.isISOControl(c)
                    ? String.format("unexpected control character U+%04X", (int) c)
                    : "unexpected character '" + c + "'");
        }
        return new Token(Type.WORD, text.substring(start, i), start + 1);
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && "()[],=!<>:\"'".indexOf(c) < 0 && !Character.isISOControl(c);
    }
}
