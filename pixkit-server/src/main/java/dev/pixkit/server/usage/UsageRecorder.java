package dev.pixkit.server.usage;

import dev.pixkit.server.catalog.FileCatalog;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Usage per UTC day in {@code usage_daily}: delivered bytes, counted in memory on the delivery path and added to
 * the day's row every few seconds and at shutdown; and media-library storage (the sizes of all files and file
 * versions), recomputed after the catalog's stored sizes changed — at most once per flush — and at least once a day
 * while the server runs. A day whose storage was never recorded holds {@code -1} there.
 */
@Component
public class UsageRecorder {
    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);
    static final long FLUSH_SECONDS = 5;
    private static final String ADD_BANDWIDTH = """
            INSERT INTO usage_daily (day, bandwidth_bytes, storage_bytes) VALUES (:day, :bytes, -1)
            ON CONFLICT (day) DO UPDATE SET bandwidth_bytes = usage_daily.bandwidth_bytes + excluded.bandwidth_bytes""";
    private static final String SET_STORAGE = """
            INSERT INTO usage_daily (day, bandwidth_bytes, storage_bytes) VALUES (:day, 0, :bytes)
            ON CONFLICT (day) DO UPDATE SET storage_bytes = excluded.storage_bytes""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<LocalDate, LongAdder> delivered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pixkit-usage-flush").daemon().factory());
    private volatile boolean storageChanged = true;
    private LocalDate storageDay;

    UsageRecorder(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    /** Counts {@code bytes} of a response body as delivered today. Cheap: one map lookup and an add. */
    public void delivered(long bytes) {
        if (bytes > 0) {
            delivered.computeIfAbsent(today(), d -> new LongAdder()).add(bytes);
        }
    }

    /** Runs once the change is committed (at once outside a transaction), so the next flush sees it. */
    @TransactionalEventListener(fallbackExecution = true)
    void storageChanged(FileCatalog.StorageChanged event) {
        storageChanged = true;
    }

    /** Writes the counted bytes and, when it changed or the day turned, today's storage. */
    public synchronized void flush() {
        for (var entry : delivered.entrySet()) {
            long bytes = entry.getValue().sumThenReset();
            if (bytes == 0) {
                continue;
            }
            try {
                jdbc.sql(ADD_BANDWIDTH).param("day", entry.getKey().toString()).param("bytes", bytes).update();
            } catch (RuntimeException e) {
                entry.getValue().add(bytes); // counted again at the next flush
                throw e;
            }
        }
        delivered.entrySet().removeIf(e -> e.getValue().sum() == 0 && e.getKey().isBefore(today()));
        LocalDate today = today();
        if (storageChanged || !today.equals(storageDay)) {
            storageChanged = false;
            try {
                long bytes = jdbc.sql("SELECT (SELECT COALESCE(SUM(size), 0) FROM files)"
                        + " + (SELECT COALESCE(SUM(size), 0) FROM file_versions)").query(Long.class).single();
                jdbc.sql(SET_STORAGE).param("day", today.toString()).param("bytes", bytes).update();
                storageDay = today;
            } catch (RuntimeException e) {
                storageChanged = true;
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not record usage; retrying at the next flush: {}", e.getMessage());
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
