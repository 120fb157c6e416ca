package dev.pixkit.server.search;

import dev.pixkit.server.search.BuiltInField.ValueKind;
import dev.pixkit.server.search.Token.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the literal right of an operator as the value its field takes, or fails saying what the field expected.
 * Quotes are optional where the meaning is unambiguous ({@code width > "500"}, {@code private = "true"},
 * {@code createdAt < 2020-01-01}); for custom metadata they decide the type, as in ImageKit: {@code "500"} is text,
 * {@code 500} a number.
 */
final class ValueReader {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,7})([hdwmy])");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private ValueReader() {}

    static Value read(Field field, Operator operator, Token literal) {
        if (operator == Operator.HAS && literal.text().codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw expected(literal, "at least one word (letters or digits) after HAS");
        }
        if (field instanceof BuiltInField builtIn) {
            return read(builtIn.kind(), field, operator, literal);
        }
        return read(ValueKind.METADATA, field, operator, literal);
    }

    private static Value read(ValueKind kind, Field field, Operator operator, Token t) {
        String s = t.text();
        return switch (kind) {
            case TEXT -> new Value.Text(s);
            case FOLDER_PATH -> new Value.Text(FolderPaths.normalize(s));
            case ASSET_TYPE -> oneOf(field, t, "file", "file-version", "folder");
            case FILE_TYPE -> oneOf(field, t, "image", "non-image");
            case FORMAT -> new Value.Text(s.toLowerCase(Locale.ROOT));
            case SHA256 -> {
                String hex = s.toLowerCase(Locale.ROOT);
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw expected(t, "a SHA-256 for " + field.label() + " (64 hexadecimal digits)");
                }
                yield new Value.Text(hex);
            }
            case NUMBER -> number(s).orElseThrow(() -> expected(t, "a number for " + field.label()));
            case SIZE -> size(s).orElseThrow(() -> expected(t,
                    "a size for " + field.label() + " (bytes like 1024, or \"10kb\", \"1.5mb\", \"2gb\")"));
            case TIME -> time(s).orElseThrow(() -> expected(t, "a date for " + field.label()
                    + " (\"2020-01-01\", \"2020-01-01T12:12:12\") or a relative time (\"1h\", \"2d\", \"3w\", \"4m\", \"1y\")"));
            case BOOLEAN -> bool(s).orElseThrow(() -> expected(t, "true or false for " + field.label()));
            case METADATA -> metadata(field, operator, t);
        };
    }

    /** Custom metadata: the literal's form says the type; range operators need a number or a date. */
    private static Value metadata(Field field, Operator operator, Token t) {
        boolean quoted = t.is(Type.STRING);
        String s = t.text();
        if (!quoted) {
            var b = bool(s);
            if (b.isPresent()) {
                return requireTextOperator(field, operator, t, b.get());
            }
            var n = number(s);
            if (n.isPresent()) {
                return requireTextOperator(field, operator, t, n.get());
            }
        }
        if (operator.isRange()) {
            return time(s).orElseThrow(() -> expected(t, "a number, a date (\"2020-01-01\") or a relative time"
                    + " (\"7d\") for " + operator.symbol() + " on " + field.label()));
        }
        return new Value.Text(s);
    }

    /** {@code :} and HAS only make sense on text; a range operator takes a number but not a boolean. */
    private static Value requireTextOperator(Field field, Operator operator, Token t, Value v) {
        if (operator == Operator.PREFIX || operator == Operator.HAS) {
            throw expected(t, "a quoted string for " + operator.symbol() + " on " + field.label());
        }
        if (v instanceof Value.Bool && operator.isRange()) {
            throw expected(t, "a number or a date for " + operator.symbol() + " on " + field.label());
        }
        return v;
    }

    private static Value oneOf(Field field, Token t, String... allowed) {
        for (String a : allowed) {
            if (a.equals(t.text())) {
                return new Value.Text(a);
            }
        }
        throw expected(t, "one of \"" + String.join("\", \"", allowed) + "\" for " + field.label());
    }

    static Optional<Value> number(String s) {
        if (!NUMBER.matcher(s).matches() || s.length() > 40) {
            return Optional.empty();
        }
        return Optional.of(new Value.Numeric(new BigDecimal(s)));
    }

    static Optional<Value> size(String s) {
        Matcher m = SIZE.matcher(s.strip());
        if (m.matches() && s.length() <= 40) {
            int power = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "b" -> 0;
                case "kb" -> 1;
                case "mb" -> 2;
                case "gb" -> 3;
                default -> 4;
            };
            BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power))
                    .setScale(0, RoundingMode.HALF_UP);
            if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return Optional.empty();
            }
            return Optional.of(new Value.Size(bytes.longValueExact()));
        }
        return number(s).map(n -> ((Value.Numeric) n).number())
                .filter(n -> n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0)
                .map(n -> new Value.Size(n.setScale(0, RoundingMode.HALF_UP).longValueExact()));
    }

    static Optional<Value> time(String s) {
        Matcher r = RELATIVE.matcher(s);
        if (r.matches()) {
            ChronoUnit unit = switch (r.group(2)) {
                case "h" -> ChronoUnit.HOURS;
                case "d" -> ChronoUnit.DAYS;
                case "w" -> ChronoUnit.WEEKS;
                case "m" -> ChronoUnit.MONTHS;
                default -> ChronoUnit.YEARS;
            };
            return Optional.of(new Value.RelativeTime(Long.parseLong(r.group(1)), unit));
        }
        try {
            if (DATE.matcher(s).matches()) {
                return absolute(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (s.length() > 10 && s.length() <= 35 && s.charAt(10) == 'T') {
                char last = s.charAt(s.length() - 1);
                boolean zoned = last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
                return absolute(zoned ? OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant()
                        : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Value> absolute(Instant instant) {
        return Optional.of(new Value.AbsoluteTime(instant));
    }

    static Optional<Value> bool(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Optional.of(new Value.Bool(true));
        }
        if (s.equalsIgnoreCase("false")) {
            return Optional.of(new Value.Bool(false));
        }
        return Optional.empty();
    }

    private static InvalidSearchQuery expected(Token t, String what) {
        return new InvalidSearchQuery(t.position(), "expected " + what + ", found " + t.describe());
    }
}
