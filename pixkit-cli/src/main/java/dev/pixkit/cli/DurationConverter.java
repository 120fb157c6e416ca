package dev.pixkit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code 1h30m}, plain seconds, or ISO-8601 ({@code PT1H}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a positive duration such as 90s, 15m, 1h, 7d or PT1H");
        }
        return d;
    }

    static Duration parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        return end == v.length() && end > 0 ? total : null;
    }
}
