package dev.pixkit.server.cleanup;

import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.system.PixkitSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes pending uploads whose deadline ({@code files.pending_until}) has passed without a commit: the app's own
 * step after the upload failed, and nothing points at the file. Runs at start (rows left by a stopped or crashed
 * server are due then) and every {@code PIXKIT_PENDING_REAPER_PERIOD_MS} (5 s by default).
 *
 * <p>Every file is deleted in a transaction of its own through {@link FileCatalog#deleteExpired}, which re-checks
 * the deadline while holding the row: a crash part-way leaves the rest for the next run, and a file committed after
 * it was picked here (its commit wins the row first) survives. Bytes and cached renditions follow through the
 * deletion outbox like every delete.
 */
@Component
public class PendingReaper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PendingReaper.class);
    private static final int BATCH = 200;

    private final FileCatalog catalog;
    private final Clock clock;
    private final Periodic timer;

    PendingReaper(FileCatalog catalog, Clock clock, PixkitSettings settings) {
        this.catalog = catalog;
        this.clock = clock;
        this.timer = new Periodic("pending-reaper", settings.pendingReaperPeriod(), this::reapAndLog);
    }

    /** Ids of the pending files that are due now, earliest deadline first (at most one batch). */
    public List<String> due() {
        return catalog.expiredPending(clock.instant(), BATCH);
    }

    /** Deletes {@code fileId} if it is still pending and due; true when it was deleted. */
    public boolean reap(String fileId) {
        return catalog.deleteExpired(fileId, clock.instant());
    }

    /** Deletes every pending file that is due now; returns how many were deleted. */
    public int reapDue() {
        int deleted = 0;
        Instant start = clock.instant();
        List<String> batch;
        do {
            batch = catalog.expiredPending(start, BATCH);
            int before = deleted;
            for (String id : batch) {
                deleted += reap(id) ? 1 : 0;
            }
            if (deleted == before) {
                break; // all committed meanwhile: the next run looks again
            }
        } while (batch.size() == BATCH);
        return deleted;
    }

    private void reapAndLog() {
        int n = reapDue();
        if (n > 0) {
            log.info("Deleted {} pending upload(s) that were not committed in time", n);
        }
    }

    @Override
    public void start() {
        timer.start();
    }

    @Override
    public void stop() {
        timer.stop();
    }

    @Override
    public boolean isRunning() {
        return timer.isRunning();
    }
}
