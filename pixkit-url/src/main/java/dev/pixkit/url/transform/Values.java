package dev.pixkit.url.transform;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Scalar values shared by the parameter groups: numbers, flags, keywords, paths, text and base64; parse and format. */
final class Values {
    /** Names of named transformations ({@code n-}), as the server accepts them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private Values() {}

    // ---------------------------------------------------------------- presence

    /** The parameter's value; INVALID when it has none or it is empty. */
    static String required(Param p) {
        if (p.value() == null || p.value().isEmpty()) {
            throw Errors.invalid(p, "\"" + p.key() + "\" needs a value");
        }
        return p.value();
    }

    /** For flags such as {@code e-grayscale}: INVALID when a value is given. */
    static void none(Param p) {
        if (p.value() != null) {
            throw Errors.invalid(p, "\"" + p.key() + "\" takes no value");
        }
    }

    // ---------------------------------------------------------------- numbers

    /** Whether {@code s} is {@code digits[.digits]}, optionally after {@code N}. */
    static boolean isNumber(String s, boolean allowNegative) {
        int i = allowNegative && s.startsWith("N") ? 1 : 0;
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i == s.length()) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int fraction = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            fraction++;
        }
        return fraction > 0 && i == s.length();
    }

    /**
     * A finite decimal number, {@code N} for negatives when allowed. {@code N0} is -0.0, which matters for layer
     * offsets: {@code ly-N0} is flush with the bottom edge, {@code ly-0} with the top.
     */
    static double number(Param p, String s, String what, boolean allowNegative) {
        if (!isNumber(s, allowNegative)) {
            throw Errors.invalid(p, what + " must be a number" + (allowNegative ? " (N for negatives)" : "")
                    + ", got \"" + Errors.show(s) + "\"");
        }
        double v = parseNumber(s);
        if (!Double.isFinite(v)) {
            throw Errors.invalid(p, what + " is too large");
        }
        return v;
    }

    /** A decimal number in [min, max]; {@code N} negatives are allowed when min &lt; 0. */
    static double number(Param p, String s, String what, double min, double max) {
        double v = number(p, s, what, min < 0);
        if (!(v >= min && v <= max)) {
            throw Errors.invalid(p, what + " must be between " + format(min) + " and " + format(max));
        }
        return v;
    }

    /** Parses text accepted by {@link #isNumber}; may be infinite for absurd literals (callers range-check). */
    static double parseNumber(String s) {
        boolean negative = s.startsWith("N");
        double v = Double.parseDouble(negative ? s.substring(1) : s);
        return negative ? -v : v;
    }

    /** An integer in [min, max]: digits, with {@code N} for negatives when min &lt; 0. */
    static int integer(Param p, String s, String what, int min, int max) {
        boolean negative = min < 0 && s.startsWith("N");
        String digits = negative ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(Values::isDigit)) {
            throw Errors.invalid(p, what + " must be a whole number" + (min < 0 ? " (N for negatives)" : "")
                    + ", got \"" + Errors.show(s) + "\"");
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        String significant = digits.substring(first);
        long v = significant.length() > 10 ? Long.MAX_VALUE : Long.parseLong(significant);
        if (negative) {
            v = -v;
        }
        if (v < min || v > max) {
            throw Errors.invalid(p, what + " must be between " + range(min) + " and " + range(max));
        }
        return (int) v;
    }

    private static String range(int v) {
        return v < 0 ? "N" + -(long) v : Integer.toString(v);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A number as written in a transformation: integers without a fraction, others in plain decimal (never
     * exponent notation), negatives with an {@code N} prefix. Shortest text that parses back to the same double.
     */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        String sign = Double.compare(v, 0.0) < 0 ? "N" : ""; // -0.0 too: it is written N0
        double abs = Math.abs(v);
        if (abs == Math.rint(abs) && abs < 1e15) {
            return sign + (long) abs;
        }
        return sign + new BigDecimal(Double.toString(abs)).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- keywords, flags

    /** A keyword, compared case-insensitively. */
    static <T> T keyword(Param p, String s, Map<String, T> choices, String what) {
        T t = choices.get(s.toLowerCase(Locale.ROOT));
        if (t == null) {
            String shown = Errors.show(s);
            throw Errors.invalid(p, choices.size() > 12
                    ? "\"" + shown + "\" is not a valid " + what
                    : what + " must be one of " + String.join(", ", choices.keySet().stream().sorted().toList()));
        }
        return t;
    }

    /** {@code true} or {@code false}. */
    static Boolean bool(Param p, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Errors.invalid(p, "\"" + p.key() + "\" must be true or false");
        };
    }

    // ---------------------------------------------------------------- names, paths, text

    /** A named-transformation name: letters, digits, {@code _ . -}, at most 100. */
    static String name(Param p, String s) {
        if (!NAME.matcher(s).matches()) {
            throw Errors.invalid(p, "a name has 1 to 100 letters, digits, _ . or -");
        }
        return s;
    }

    /**
     * A media-library path written with {@code @@} for {@code /} ({@code i-}, {@code di-}, {@code ff-}). Rejects an
     * {@code @} right before a {@code /}, which no {@code @@} spelling could write back.
     */
    static String path(Param p, String s) {
        String path = s.replace("@@", "/");
        if (path.contains("@/")) {
            throw Errors.invalid(p, "ambiguous '@' next to '@@' in a path");
        }
        return text(p, path);
    }

    /** The path as written after {@code i-}/{@code di-}/{@code ff-}: {@code /} becomes {@code @@}. */
    static String formatPath(String path) {
        return path.replace("/", "@@");
    }

    /** Whether {@link #formatPath} output parses back to {@code path}. */
    static boolean isPlainPath(String path) {
        return !path.isEmpty() && !path.contains("@@") && !path.contains("@/")
                && path.chars().allMatch(c -> isSafe(c) || c == '/' || c == '@');
    }

    /** Whether {@code text} may be written as {@code i-<text>}: the SDKs' "simple text" alphabet. */
    static boolean isPlainText(String text) {
        return !text.isEmpty() && text.chars().allMatch(Values::isSafe);
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '.' || c == '_'
                || c == ' ';
    }

    /** Non-empty text that is valid Unicode (no unpaired surrogates, so it survives UTF-8 and base64). */
    static String text(Param p, String s) {
        if (s.isEmpty()) {
            throw Errors.invalid(p, "\"" + p.key() + "\" needs a value");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Errors.invalid(p, "not valid Unicode text");
            }
        }
        return s;
    }

    /**
     * Base64 of UTF-8 text ({@code ie-}). Accepts the standard and the URL-safe alphabets, with or without padding,
     * and a space for {@code +} (a {@code +} decoded from a query string).
     */
    static String base64(Param p, String s) {
        String normal = s.replace(' ', '+').replace('-', '+').replace('_', '/');
        int end = normal.length();
        while (end > 0 && normal.charAt(end - 1) == '=') {
            end--;
        }
        normal = normal.substring(0, end);
        boolean alphabet = normal.chars().allMatch(c -> isSafe(c) && c != ' ' && c != '.' && c != '-' && c != '_'
                || c == '+' || c == '/');
        if (normal.isEmpty() || !alphabet || normal.length() % 4 == 1) {
            throw Errors.invalid(p, "\"" + p.key() + "\" must be base64");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(normal);
        } catch (IllegalArgumentException e) {
            throw Errors.invalid(p, "\"" + p.key() + "\" must be base64");
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text(p, decoded);
        } catch (CharacterCodingException e) {
            throw Errors.invalid(p, "\"" + p.key() + "\" must be base64 of UTF-8 text");
        }
    }

    static String formatBase64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
