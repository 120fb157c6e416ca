package dev.pixkit.server.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A typed value on the right of a comparison, as the field it is compared with reads it: {@code "7d"} is a
 * {@link RelativeTime} for createdAt but {@link Text} for name.
 */
sealed interface Value {

    record Text(String text) implements Value {}

    record Numeric(BigDecimal number) implements Value {}

    record Bool(boolean value) implements Value {}

    /** A point in time: {@code 2020-01-01} (midnight UTC) or {@code "2020-01-01T12:12:12"} (UTC unless it says). */
    record AbsoluteTime(Instant instant) implements Value {}

    /**
     * {@code amount} units before now: {@code 1h}, {@code 2d}, {@code 3w}, {@code 4m} (months), {@code 1y}, as
     * ImageKit defines them. Resolved against a clock when the query is compiled.
     */
    record RelativeTime(long amount, ChronoUnit unit) implements Value {
        Instant before(Instant now) {
            return switch (unit) {
                case MONTHS, YEARS -> now.atZone(ZoneOffset.UTC).minus(amount, unit).toInstant();
                case WEEKS -> now.minus(amount * 7, ChronoUnit.DAYS);
                default -> now.minus(amount, unit);
            };
        }
    }

    /** A file size in bytes: {@code 1024}, {@code "10kb"}, {@code "1.5mb"} (units are powers of 1024). */
    record Size(long bytes) implements Value {}

    /** The {@code [a, b]} of IN and NOT IN; never empty, never nested. */
    record Values(List<Value> values) implements Value {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** What EXISTS and NOT EXISTS compare with. */
    record None() implements Value {}
}
