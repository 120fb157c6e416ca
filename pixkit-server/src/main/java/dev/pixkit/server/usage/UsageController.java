package dev.pixkit.server.usage;

import dev.pixkit.server.system.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/accounts/usage?startDate&endDate}: usage from {@code startDate} up to, not including,
 * {@code endDate} (UTC days), as the spec defines the range. {@code bandwidthBytes} is the sum of the days' delivered
 * bytes; {@code mediaLibraryStorageBytes} is the storage last recorded within the range (0 when none was). Pixkit
 * has no video processing, extensions or origin cache, so those counts are 0.
 */
@RestController
class UsageController {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final long MAX_DAYS = 90;

    private final UsageRecorder recorder;
    private final JdbcClient jdbc;

    UsageController(UsageRecorder recorder, JdbcClient jdbc) {
        this.recorder = recorder;
        this.jdbc = jdbc;
    }

    record Usage(long bandwidthBytes, long mediaLibraryStorageBytes, long videoProcessingUnitsCount,
            long extensionUnitsCount, long originalCacheStorageBytes) {}

    @GetMapping("/v1/accounts/usage")
    Usage usage(@RequestParam(required = false) String startDate, @RequestParam(required = false) String endDate) {
        if (startDate == null || startDate.isBlank() || endDate == null || endDate.isBlank()) {
            throw ApiException.badRequest("startDate and endDate are required in query parameters.");
        }
        LocalDate start = date(startDate);
        LocalDate end = date(endDate);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("startDate should be before endDate.");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.badRequest("startDate and endDate should be within 90 days.");
        }
        recorder.flush(); // include what was delivered since the last periodic flush
        long bandwidth = jdbc.sql("SELECT COALESCE(SUM(bandwidth_bytes), 0) FROM usage_daily"
                        + " WHERE day >= :start AND day < :end")
                .param("start", start.toString()).param("end", end.toString()).query(Long.class).single();
        long storage = jdbc.sql("SELECT storage_bytes FROM usage_daily WHERE day >= :start AND day < :end"
                        + " AND storage_bytes >= 0 ORDER BY day DESC LIMIT 1")
                .param("start", start.toString()).param("end", end.toString()).query(Long.class).optional()
                .orElse(0L);
        return new Usage(bandwidth, storage, 0, 0, 0);
    }

    private static LocalDate date(String s) {
        if (!DATE.matcher(s).matches()) {
            throw formatError();
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw formatError();
        }
    }

    private static ApiException formatError() {
        return ApiException.badRequest("startDate and endDate should be in format YYYY-MM-DD.");
    }
}
