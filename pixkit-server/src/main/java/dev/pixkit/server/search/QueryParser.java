package dev.pixkit.server.search;

import dev.pixkit.server.search.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recursive-descent parser for ImageKit's searchQuery:
 *
 * <pre>
 * query      = or END
 * or         = and { OR and }
 * and        = primary { AND primary }
 * primary    = "(" or ")" | comparison
 * comparison = field operator [ value ]
 * field      = word | quoted string                e.g. name, "tags", "customMetadata.brand"
 * operator   = "=" | "!=" | NOT "=" | ":" | "<" | "<=" | ">" | ">=" | IN | NOT IN | HAS | EXISTS | NOT EXISTS
 * value      = scalar | "[" scalar { "," scalar } "]"     (a list for IN and NOT IN only)
 * </pre>
 *
 * AND binds tighter than OR. Keywords are case-insensitive ({@code and} works); field names are not. Each field
 * checks its operator and reads its value ({@link ValueReader}), so every error is found here, with its position,
 * before any SQL is built. Length and parenthesis depth are bounded.
 */
final class QueryParser {
    static final int MAX_LENGTH = 4096;
    static final int MAX_DEPTH = 16;
    static final int MAX_LIST = 500;
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "HAS", "EXISTS");

    private final List<Token> tokens;
    private int next;
    private int depth;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSearchQuery("it is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        QueryParser p = new QueryParser(Tokenizer.tokenize(text));
        if (p.peek().is(Type.END)) {
            throw new InvalidSearchQuery(1, "the query is empty; expected a comparison such as name = \"a.jpg\"");
        }
        Query q = p.or();
        Token t = p.peek();
        if (t.is(Type.CLOSE_PAREN)) {
            throw new InvalidSearchQuery(t.position(), "')' has no matching '('");
        }
        if (!t.is(Type.END)) {
            throw new InvalidSearchQuery(t.position(), "expected AND, OR or the end of the query, found " + t.describe());
        }
        return q;
    }

    private Query or() {
        List<Query> operands = new ArrayList<>();
        operands.add(and());
        while (peek().isKeyword("OR")) {
            next++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.getFirst() : new Query.Or(operands);
    }

    private Query and() {
        List<Query> operands = new ArrayList<>();
        operands.add(primary());
        while (peek().isKeyword("AND")) {
            next++;
            operands.add(primary());
        }
        return operands.size() == 1 ? operands.getFirst() : new Query.And(operands);
    }

    private Query primary() {
        Token t = peek();
        if (t.is(Type.OPEN_PAREN)) {
            if (++depth > MAX_DEPTH) {
                throw new InvalidSearchQuery(t.position(), "parentheses are nested more than " + MAX_DEPTH + " deep");
            }
            next++;
            Query inner = or();
            Token close = peek();
            if (!close.is(Type.CLOSE_PAREN)) {
                throw new InvalidSearchQuery(close.position(), "expected AND, OR or ')' to close the '(' at position "
                        + t.position() + ", found " + close.describe());
            }
            next++;
            depth--;
            return inner;
        }
        return comparison();
    }

    private Query comparison() {
        Token start = advance();
        Field field = field(start);
        Token opToken = peek();
        Operator op = operator(field, start);
        if (!field.operators().contains(op)) {
            throw new InvalidSearchQuery(opToken.position(), "operator '" + op.symbol() + "' is not supported for "
                    + field.label() + "; use one of " + symbols(field.operators()));
        }
        Value value = op.takesValue() ? value(field, op) : new Value.None();
        return new Query.Comparison(field, op, value, start.position());
    }

    private Field field(Token t) {
        boolean word = t.is(Type.WORD) && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT));
        if (!word && !t.is(Type.STRING)) {
            throw new InvalidSearchQuery(t.position(), "expected a field name (" + BuiltInField.allNames()
                    + ") or '(', found " + t.describe());
        }
        String name = t.text();
        if (name.startsWith(Field.CustomMetadata.PREFIX)) {
            String key = name.substring(Field.CustomMetadata.PREFIX.length());
            if (key.isEmpty() || key.length() > 100 || key.chars().anyMatch(c -> c == '"' || c == '\\' || c < ' ')) {
                throw new InvalidSearchQuery(t.position(), "a custom metadata field name must be 1 to 100 characters"
                        + " without quotes, backslashes or control characters, found " + t.describe());
            }
            return new Field.CustomMetadata(key);
        }
        if (name.startsWith("embeddedMetadata.")) {
            throw new InvalidSearchQuery(t.position(), "embeddedMetadata fields are not supported by Pixkit");
        }
        var builtIn = BuiltInField.named(name);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        var reason = BuiltInField.unsupportedReason(name);
        if (reason.isPresent()) {
            throw new InvalidSearchQuery(t.position(), "the field " + name + " is not supported (" + reason.get() + ")");
        }
        String hint = BuiltInField.caseInsensitiveMatch(name).map(n -> "; did you mean " + n + "?")
                .orElse("; supported fields are " + BuiltInField.allNames());
        throw new InvalidSearchQuery(t.position(), "unknown field " + t.describe() + hint);
    }

    private Operator operator(Field field, Token fieldToken) {
        Token t = advance();
        if (t.is(Type.SYMBOL)) {
            return switch (t.text()) {
                case "=" -> Operator.EQUALS;
                case "!=" -> Operator.NOT_EQUALS;
                case ":" -> Operator.PREFIX;
                case "<" -> Operator.LESS;
                case "<=" -> Operator.LESS_OR_EQUAL;
                case ">" -> Operator.GREATER;
                default -> Operator.GREATER_OR_EQUAL;
            };
        }
        if (t.isKeyword("IN")) {
            return Operator.IN;
        }
        if (t.isKeyword("HAS")) {
            return Operator.HAS;
        }
        if (t.isKeyword("EXISTS")) {
            return Operator.EXISTS;
        }
        if (t.isKeyword("NOT")) {
            Token n = advance();
            if (n.isSymbol("=")) {
                return Operator.NOT_EQUALS;
            }
            if (n.isKeyword("IN")) {
                return Operator.NOT_IN;
            }
            if (n.isKeyword("EXISTS")) {
                return Operator.NOT_EXISTS;
            }
            throw new InvalidSearchQuery(n.position(), "expected =, IN or EXISTS after NOT, found " + n.describe());
        }
        throw new InvalidSearchQuery(t.position(), "expected an operator after " + fieldToken.describe() + " ("
                + symbols(field.operators()) + "), found " + t.describe());
    }

    private Value value(Field field, Operator op) {
        if (!op.takesList()) {
            if (peek().is(Type.OPEN_BRACKET)) {
                throw new InvalidSearchQuery(peek().position(), "a list [...] is only allowed after IN and NOT IN;"
                        + " expected a single value after '" + op.symbol() + "'");
            }
            return ValueReader.read(field, op, scalar("after '" + op.symbol() + "'"));
        }
        Token open = advance();
        if (!open.is(Type.OPEN_BRACKET)) {
            throw new InvalidSearchQuery(open.position(), "expected a list such as [\"a\", \"b\"] after "
                    + op.symbol() + ", found " + open.describe());
        }
        if (peek().is(Type.CLOSE_BRACKET)) {
            throw new InvalidSearchQuery(peek().position(), "expected at least one value in the list");
        }
        List<Value> values = new ArrayList<>();
        while (true) {
            values.add(ValueReader.read(field, op, scalar(values.isEmpty() ? "after '['" : "after ','")));
            if (values.size() > MAX_LIST) {
                throw new InvalidSearchQuery(open.position(), "the list has more than " + MAX_LIST + " values");
            }
            Token t = advance();
            if (t.is(Type.CLOSE_BRACKET)) {
                return new Value.Values(values);
            }
            if (!t.is(Type.COMMA)) {
                throw new InvalidSearchQuery(t.position(), "expected ',' or ']' in the list that starts at position "
                        + open.position() + ", found " + t.describe());
            }
        }
    }

    /** A quoted string or a word that is not a keyword. */
    private Token scalar(String where) {
        Token t = advance();
        boolean word = t.is(Type.WORD) && !t.isKeyword("AND") && !t.isKeyword("OR");
        if (!word && !t.is(Type.STRING)) {
            throw new InvalidSearchQuery(t.position(), "expected a value " + where + ", found " + t.describe());
        }
        return t;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        Token t = tokens.get(next);
        if (!t.is(Type.END)) {
            next++;
        }
        return t;
    }

    private static String symbols(Set<Operator> ops) {
        return ops.stream().map(Operator::symbol).collect(Collectors.joining(", "));
    }
}
