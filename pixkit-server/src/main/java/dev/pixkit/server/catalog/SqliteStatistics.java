package dev.pixkit.server.catalog;

import dev.pixkit.server.system.PixkitSettings;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps SQLite's query-planner statistics current, as SQLite recommends for long-running applications: when the
 * server is ready and then every hour, {@code PRAGMA optimize} (checking every table) names the tables that need it
 * — never analysed, or grown or shrunk a lot since — and each is analysed in full ({@code ANALYZE}, with STAT4
 * samples; about 150 ms for 100,000 files, nothing when no table needs it). PostgreSQL's autovacuum does the same on
 * its own.
 *
 * <p>Why: without statistics SQLite guesses that a range on an indexed column is selective. {@code size > "1mb"}
 * (80 % of the files) went through the size index and sorted 80,000 rows, 230 ms at 100,000 files (bench/storage),
 * instead of reading the files in created order and stopping after one page (under 1 ms). The STAT4 samples tell
 * it how much of a table a bound range covers, and SQLite re-plans a statement when a bound value could change its
 * plan, so a narrow range still uses the index. {@code PRAGMA optimize} itself would analyse with a row limit and
 * without those samples, which leaves the bad plan in place; so it only lists the tables here (flag 0x01).
 */
@Component
class SqliteStatistics {
    private static final Logger log = LoggerFactory.getLogger(SqliteStatistics.class);
    static final long INTERVAL_MINUTES = 60;

    private final JdbcTemplate jdbc;
    private final boolean sqlite;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pixkit-sqlite-statistics").daemon().factory());

    SqliteStatistics(DataSource dataSource, PixkitSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sqlite = !settings.usesPostgres();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (sqlite) {
            timer.scheduleWithFixedDelay(this::optimizeNow, 0, INTERVAL_MINUTES, TimeUnit.MINUTES);
        }
    }

    /** Analyses the tables that need it, now, on this thread. */
    void optimizeNow() {
        try {
            // 0x10000: check every table, not only those this connection used; 0x02: consider ANALYZE;
            // 0x01: only list the ANALYZE statements (run below, in full)
            for (String analyze : jdbc.queryForList("PRAGMA optimize=0x10003", String.class)) {
                long t0 = System.nanoTime();
                jdbc.execute(analyze);
                log.debug("{} in {} ms", analyze, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Could not update the SQLite planner statistics; next try in {} minutes: {}", INTERVAL_MINUTES,
                    e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
