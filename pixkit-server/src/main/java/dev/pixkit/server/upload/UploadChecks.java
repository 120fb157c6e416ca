package dev.pixkit.server.upload;

import dev.pixkit.server.catalog.Names;
import dev.pixkit.server.system.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * ImageKit's upload {@code checks}: conditions on the request fields and on the uploaded file, evaluated after the
 * bytes are staged and inspected and before anything is stored, e.g.
 * {@code "file.size" < "1mb" AND ("request.folder" : "marketing/" OR "file.mime" IN ["image/png"])}.
 *
 * <p>Syntax, as documented: a comparison is a quoted field name (double or single quotes; unquoted is a syntax
 * error), an operator ({@code =}, {@code NOT =}, {@code :} (starts with), {@code IN}, {@code NOT IN}, {@code HAS},
 * {@code NOT HAS}, {@code <}, {@code <=}, {@code >}, {@code >=}) and a value: quoted or bare, a list
 * {@code ["a", "b"]} for {@code IN}. Comparisons combine with {@code AND} (binding tighter) and {@code OR}, grouped
 * by parentheses; keywords are case-insensitive. Each field takes the operators ImageKit lists for it; an unknown
 * field, an operator a field does not take or a malformed value is a syntax error.
 *
 * <p>A field without a value (no {@code customCoordinates}, {@code mediaMetadata.width} of a non-image) fails every
 * positive comparison and passes every negated one. Sizes take {@code b}, {@code kb}, {@code mb}, {@code gb}
 * (powers of 1024).
 */
final class UploadChecks {
    static final String INVALID_SYNTAX = "Your request contains invalid syntax for the checks parameter.";
    static final String FAILED = "Your request failed 'checks' validation.";
    static final int MAX_LENGTH = 10_000;
    static final int MAX_DEPTH = 32;
    /** No checks: everything passes. */
    static final UploadChecks NONE = new UploadChecks(null);

    private final Node root;

    private UploadChecks(Node root) {
        this.root = root;
    }

    /** What the checks look at: the parsed request and what the staged bytes turned out to be. */
    record Subject(UploadForm form, long size, String mime, Integer width, Integer height) {}

    /** Parses {@code text}; blank or absent means {@link #NONE}. A syntax error is a 400. */
    static UploadChecks parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        if (text.length() > MAX_LENGTH) {
            throw syntax("It is longer than " + MAX_LENGTH + " characters.");
        }
        return new UploadChecks(new Parser(text).parseAll());
    }

    /** Throws the 400 ImageKit sends when the checks do not hold for this upload. */
    void verify(UploadForm form, long size, String mime, Optional<ImageInspector.ImageInfo> image) {
        Subject s = new Subject(form, size, mime, image.map(ImageInspector.ImageInfo::width).orElse(null),
                image.map(ImageInspector.ImageInfo::height).orElse(null));
        if (!test(s)) {
            throw ApiException.badRequest(FAILED);
        }
    }

    boolean test(Subject subject) {
        return root == null || root.test(subject);
    }

    private static ApiException syntax(String detail) {
        return ApiException.badRequest(INVALID_SYNTAX + " " + detail);
    }

    // ---- fields ------------------------------------------------------------------------------------------------

    private enum Kind {
        TEXT(EnumSet.of(Op.EQ, Op.NOT_EQ, Op.PREFIX, Op.IN, Op.NOT_IN)),
        FOLDER(EnumSet.of(Op.EQ, Op.NOT_EQ, Op.PREFIX, Op.IN, Op.NOT_IN)),
        BOOLEAN(EnumSet.of(Op.EQ, Op.NOT_EQ)),
        TAGS(EnumSet.of(Op.HAS, Op.NOT_HAS)),
        NUMBER(EnumSet.of(Op.EQ, Op.LT, Op.LE, Op.GT, Op.GE)),
        SIZE(EnumSet.of(Op.EQ, Op.LT, Op.LE, Op.GT, Op.GE)),
        /** Custom metadata: operators by the value's JSON type, decided when evaluating. */
        CUSTOM(EnumSet.allOf(Op.class));

        final Set<Op> ops;

        Kind(Set<Op> ops) {
            this.ops = ops;
        }
    }

    private record Field(String name, Kind kind, Function<Subject, Object> value) {}

    private static final String CUSTOM_METADATA = "request.customMetadata.";
    private static final Map<String, Field> FIELDS = fields(
            new Field("request.fileName", Kind.TEXT, s -> s.form().fileName()),
            new Field("request.useUniqueFileName", Kind.BOOLEAN, s -> s.form().useUniqueFileName()),
            new Field("request.tags", Kind.TAGS, s -> s.form().tags()),
            new Field("request.folder", Kind.FOLDER, s -> s.form().folder()),
            new Field("request.isPrivateFile", Kind.BOOLEAN, s -> s.form().isPrivateFile()),
            new Field("request.isPublished", Kind.BOOLEAN, s -> s.form().isPublished()),
            new Field("request.customCoordinates", Kind.TEXT, s -> s.form().customCoordinates()),
            new Field("request.webhookUrl", Kind.TEXT, s -> null), // refused as unsupported before checks run
            new Field("request.overwriteFile", Kind.BOOLEAN, s -> s.form().overwriteFile()),
            new Field("request.overwriteAITags", Kind.BOOLEAN, s -> s.form().overwriteAITags()),
            new Field("request.overwriteTags", Kind.BOOLEAN, s -> s.form().overwriteTags()),
            new Field("request.overwriteCustomMetadata", Kind.BOOLEAN, s -> s.form().overwriteCustomMetadata()),
            new Field("file.size", Kind.SIZE, Subject::size),
            new Field("file.mime", Kind.TEXT, Subject::mime),
            new Field("mediaMetadata.width", Kind.NUMBER, Subject::width),
            new Field("mediaMetadata.height", Kind.NUMBER, Subject::height),
            // Pixkit does not analyse audio or video: these never have a value.
            new Field("mediaMetadata.duration", Kind.NUMBER, s -> null),
            new Field("mediaMetadata.bitRate", Kind.NUMBER, s -> null),
            new Field("mediaMetadata.videoCodec", Kind.TEXT, s -> null),
            new Field("mediaMetadata.audioCodec", Kind.TEXT, s -> null));

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> m = new HashMap<>();
        for (Field f : fields) {
            m.put(f.name(), f);
        }
        return Map.copyOf(m);
    }

    private static Field field(String name) {
        Field f = FIELDS.get(name);
        if (f != null) {
            return f;
        }
        if (name.startsWith(CUSTOM_METADATA) && name.length() > CUSTOM_METADATA.length()) {
            String key = name.substring(CUSTOM_METADATA.length());
            return new Field(name, Kind.CUSTOM,
                    s -> s.form().customMetadata() == null ? null : s.form().customMetadata().get(key));
        }
        return null;
    }

    // ---- expression tree ---------------------------------------------------------------------------------------

    private enum Op {
        EQ("=", false), NOT_EQ("NOT =", true), PREFIX(":", false), IN("IN", false), NOT_IN("NOT IN", true),
        HAS("HAS", false), NOT_HAS("NOT HAS", true), LT("<", false), LE("<=", false), GT(">", false),
        GE(">=", false);

        final String text;
        final boolean negated;

        Op(String text, boolean negated) {
            this.text = text;
            this.negated = negated;
        }
    }

    private sealed interface Node permits All, Any, Comparison {
        boolean test(Subject s);
    }

    private record All(List<Node> nodes) implements Node {
        public boolean test(Subject s) {
            return nodes.stream().allMatch(n -> n.test(s));
        }
    }

    private record Any(List<Node> nodes) implements Node {
        public boolean test(Subject s) {
            return nodes.stream().anyMatch(n -> n.test(s));
        }
    }

    /** {@code operand}: String, BigDecimal or Boolean, or a List of them for IN / NOT IN. */
    private record Comparison(Field field, Op op, Object operand) implements Node {
        public boolean test(Subject s) {
            Object actual = field.value().apply(s);
            if (actual == null) {
                return op.negated;
            }
            return switch (field.kind()) {
                case TEXT -> text(actual.toString(), op, operand);
                case FOLDER -> folder(actual.toString(), op, operand);
                case BOOLEAN -> (op == Op.EQ) == actual.equals(operand);
                case TAGS -> (op == Op.HAS) == ((List<?>) actual).contains(operand);
                case NUMBER, SIZE -> number(new BigDecimal(actual.toString()), op, (BigDecimal) operand);
                case CUSTOM -> custom(actual, op, operand);
            };
        }

        private static boolean text(String actual, Op op, Object operand) {
            return switch (op) {
                case EQ -> actual.equals(operand);
                case NOT_EQ -> !actual.equals(operand);
                case PREFIX -> actual.startsWith((String) operand);
                case IN -> ((List<?>) operand).contains(actual);
                case NOT_IN -> !((List<?>) operand).contains(actual);
                case LT, LE, GT, GE -> compare(actual.compareTo((String) operand), op);
                case HAS, NOT_HAS -> false;
            };
        }

        /** {@code :} matches by path prefix with a trailing slash, so {@code "marketing/"} covers the folder itself. */
        private static boolean folder(String actual, Op op, Object operand) {
            if (op == Op.PREFIX) {
                return (actual.equals("/") ? "/" : actual + "/").startsWith((String) operand);
            }
            return text(actual, op, operand);
        }

        private static boolean number(BigDecimal actual, Op op, BigDecimal operand) {
            int c = actual.compareTo(operand);
            return op == Op.EQ ? c == 0 : op == Op.NOT_EQ ? c != 0 : compare(c, op);
        }

        private static boolean compare(int c, Op op) {
            return switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                default -> false;
            };
        }

        /** Custom metadata values by JSON type; an operator the type does not take fails the check. */
        private static boolean custom(Object actual, Op op, Object operand) {
            if (actual instanceof String s) {
                return text(s, op, operand);
            }
            if (actual instanceof Boolean b) {
                return (op == Op.EQ || op == Op.NOT_EQ)
                        && (op == Op.EQ) == b.toString().equalsIgnoreCase(String.valueOf(operand));
            }
            if (actual instanceof Number n) {
                BigDecimal value = new BigDecimal(n.toString());
                if (op == Op.IN || op == Op.NOT_IN) {
                    boolean in = ((List<?>) operand).stream().anyMatch(o -> sameNumber(value, o));
                    return (op == Op.IN) == in;
                }
                if (op == Op.PREFIX || op == Op.HAS || op == Op.NOT_HAS) {
                    return false;
                }
                BigDecimal other = decimal((String) operand);
                return other == null ? op == Op.NOT_EQ : number(value, op, other);
            }
            if (actual instanceof List<?> list && (op == Op.HAS || op == Op.NOT_HAS)) {
                boolean has = list.stream().anyMatch(e -> e instanceof Number
                        ? sameNumber(new BigDecimal(e.toString()), operand) : String.valueOf(e).equals(operand));
                return (op == Op.HAS) == has;
            }
            return false;
        }

        private static boolean sameNumber(BigDecimal value, Object operand) {
            BigDecimal other = decimal(String.valueOf(operand));
            return other != null && other.compareTo(value) == 0;
        }
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- parser ------------------------------------------------------------------------------------------------

    private enum Type { LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, OP, QUOTED, WORD, END }

    private record Token(Type type, String text, int at) {
        boolean isKeyword(String keyword) {
            return type == Type.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isAnyKeyword() {
            return type == Type.WORD && Set.of("AND", "OR", "NOT", "IN", "HAS").contains(text.toUpperCase(Locale.ROOT));
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int next;

        Parser(String text) {
            this.tokens = tokenize(text);
        }

        Node parseAll() {
            Node n = or(0);
            Token t = peek();
            if (t.type() != Type.END) {
                throw syntax("Unexpected '" + t.text() + "' at character " + (t.at() + 1) + ".");
            }
            return n;
        }

        private Node or(int depth) {
            List<Node> nodes = new ArrayList<>(List.of(and(depth)));
            while (peek().isKeyword("OR")) {
                next++;
                nodes.add(and(depth));
            }
            return nodes.size() == 1 ? nodes.getFirst() : new Any(nodes);
        }

        private Node and(int depth) {
            List<Node> nodes = new ArrayList<>(List.of(unary(depth)));
            while (peek().isKeyword("AND")) {
                next++;
                nodes.add(unary(depth));
            }
            return nodes.size() == 1 ? nodes.getFirst() : new All(nodes);
        }

        private Node unary(int depth) {
            Token t = take();
            if (t.type() == Type.LPAREN) {
                if (depth >= MAX_DEPTH) {
                    throw syntax("Parentheses are nested deeper than " + MAX_DEPTH + " levels.");
                }
                Node inner = or(depth + 1);
                expect(Type.RPAREN, "')'");
                return inner;
            }
            if (t.type() != Type.QUOTED) {
                throw syntax(t.type() == Type.END ? "A condition is missing at the end."
                        : "Expected a quoted field name such as \"file.size\" at character " + (t.at() + 1)
                                + ", got '" + t.text() + "'.");
            }
            Field field = field(t.text());
            if (field == null) {
                throw syntax("Unknown field '" + t.text() + "'.");
            }
            Op op = operator();
            if (!field.kind().ops.contains(op)) {
                throw syntax("The field '" + field.name() + "' does not take the " + op.text + " operator.");
            }
            return new Comparison(field, op, operand(field, op));
        }

        private Op operator() {
            Token t = take();
            boolean not = t.isKeyword("NOT");
            if (not) {
                t = take();
            }
            Op op = null;
            if (t.type() == Type.OP) {
                op = switch (t.text()) {
                    case "=" -> not ? Op.NOT_EQ : Op.EQ;
                    case ":" -> not ? null : Op.PREFIX;
                    case "<" -> not ? null : Op.LT;
                    case "<=" -> not ? null : Op.LE;
                    case ">" -> not ? null : Op.GT;
                    case ">=" -> not ? null : Op.GE;
                    default -> null;
                };
            } else if (t.isKeyword("IN")) {
                op = not ? Op.NOT_IN : Op.IN;
            } else if (t.isKeyword("HAS")) {
                op = not ? Op.NOT_HAS : Op.HAS;
            }
            if (op == null) {
                throw syntax("Expected an operator (=, NOT =, :, IN, NOT IN, HAS, NOT HAS, <, <=, >, >=) at"
                        + " character " + (t.at() + 1) + (t.type() == Type.END ? "." : ", got '" + t.text() + "'."));
            }
            return op;
        }

        private Object operand(Field field, Op op) {
            if (op == Op.IN || op == Op.NOT_IN) {
                List<Object> values = new ArrayList<>();
                if (peek().type() == Type.LBRACKET) {
                    next++;
                    do {
                        values.add(convert(field, op, scalar()));
                    } while (accept(Type.COMMA));
                    expect(Type.RBRACKET, "']'");
                } else {
                    values.add(convert(field, op, scalar()));
                }
                return List.copyOf(values);
            }
            return convert(field, op, scalar());
        }

        private Token scalar() {
            Token t = take();
            if (t.type() == Type.QUOTED || (t.type() == Type.WORD && !t.isAnyKeyword())) {
                return t;
            }
            throw syntax("Expected a value at character " + (t.at() + 1)
                    + (t.type() == Type.END ? "." : ", got '" + t.text() + "'."));
        }

        private static Object convert(Field field, Op op, Token value) {
            String v = value.text();
            return switch (field.kind()) {
                case TEXT, CUSTOM -> v;
                case FOLDER -> op == Op.PREFIX ? "/" + v.replaceFirst("^/+", "") : folder(v);
                case TAGS -> v;
                case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw syntax("The field '" + field.name() + "' takes true or false, not '" + v
                            + "'.");
                };
                case NUMBER -> {
                    BigDecimal d = decimal(v);
                    if (d == null) {
                        throw syntax("The field '" + field.name() + "' takes a number, not '" + v + "'.");
                    }
                    yield d;
                }
                case SIZE -> size(field, v);
            };
        }

        private static String folder(String v) {
            try {
                return Names.folder(v, "checks");
            } catch (ApiException e) {
                throw syntax("'" + v + "' is not a folder path.");
            }
        }

        private static BigDecimal size(Field field, String v) {
            String s = v.strip().toLowerCase(Locale.ROOT);
            long unit = 1;
            for (var suffix : List.of(Map.entry("gb", 1L << 30), Map.entry("mb", 1L << 20), Map.entry("kb", 1L << 10),
                    Map.entry("b", 1L))) {
                if (s.endsWith(suffix.getKey())) {
                    unit = suffix.getValue();
                    s = s.substring(0, s.length() - suffix.getKey().length()).strip();
                    break;
                }
            }
            BigDecimal d = decimal(s);
            if (d == null || d.signum() < 0) {
                throw syntax("The field '" + field.name() + "' takes a size such as 500kb or 1mb, not '" + v + "'.");
            }
            return d.multiply(BigDecimal.valueOf(unit));
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token take() {
            Token t = tokens.get(next);
            if (t.type() != Type.END) {
                next++;
            }
            return t;
        }

        private boolean accept(Type type) {
            if (peek().type() == type) {
                next++;
                return true;
            }
            return false;
        }

        private void expect(Type type, String what) {
            Token t = take();
            if (t.type() != type) {
                throw syntax("Expected " + what + " at character " + (t.at() + 1)
                        + (t.type() == Type.END ? "." : ", got '" + t.text() + "'."));
            }
        }

        private static List<Token> tokenize(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if ("()[],".indexOf(c) >= 0) {
                    Type type = switch (c) {
                        case '(' -> Type.LPAREN;
                        case ')' -> Type.RPAREN;
                        case '[' -> Type.LBRACKET;
                        case ']' -> Type.RBRACKET;
                        default -> Type.COMMA;
                    };
                    out.add(new Token(type, String.valueOf(c), i++));
                } else if (c == '=' || c == ':') {
                    out.add(new Token(Type.OP, String.valueOf(c), i++));
                } else if (c == '<' || c == '>') {
                    boolean eq = i + 1 < s.length() && s.charAt(i + 1) == '=';
                    out.add(new Token(Type.OP, eq ? c + "=" : String.valueOf(c), i));
                    i += eq ? 2 : 1;
                } else if (c == '"' || c == '\'') {
                    StringBuilder text = new StringBuilder();
                    int start = i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw syntax("The quote at character " + (start + 1) + " is not closed.");
                        }
                        char d = s.charAt(i++);
                        if (d == c) {
                            break;
                        }
                        if (d == '\\' && i < s.length()) {
                            d = s.charAt(i++);
                        }
                        text.append(d);
                    }
                    out.add(new Token(Type.QUOTED, text.toString(), start));
                } else {
                    int start = i;
                    while (i < s.length() && !Character.isWhitespace(s.charAt(i))
                            && "()[],=:<>\"'".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    out.add(new Token(Type.WORD, s.substring(start, i), start));
                }
            }
            out.add(new Token(Type.END, "", s.length()));
            return out;
        }
    }
}
