package dev.pixkit.server.cleanup;

import dev.pixkit.server.catalog.BlobReferences.ContentUnreferenced;
import dev.pixkit.server.catalog.FileCatalog.ContentReleased;
import dev.pixkit.server.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the bytes of content nothing references any more: the outbox ({@code blob_deletions}) rows written by the
 * transactions that released the last reference. Each is swept as soon as its transaction commits, and again every
 * few seconds and at start while rows remain (a crash in between, or a failed delete, retried with backoff).
 *
 * <p>One sweep is one transaction: it takes the {@code blobs} row's lock with a no-op update that matches only when
 * the count is zero, deletes the bytes while holding it, then the rows. A concurrent upload of the same content
 * either takes its reference first (the sweep then finds a count above zero and only drops the outbox row) or waits
 * for the lock and then finds the bytes gone and publishes them again (see {@code FileCatalog.save}).
 */
@Component
public class BlobSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);
    private static final int BATCH = 200;
    private static final long PERIOD_SECONDS = 5;
    private static final long MAX_BACKOFF_MILLIS = 10 * 60 * 1000;

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Periodic timer = new Periodic("sweeper", Duration.ofSeconds(PERIOD_SECONDS), this::sweepAndLog);

    BlobSweeper(JdbcClient jdbc, BlobStore blobs, PlatformTransactionManager transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.tx = new TransactionTemplate(transactions);
        // sweeps run from other transactions' after-completion callbacks: always in a transaction of their own
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sweeps on the sweeper's thread, not in the committing thread: that one still holds its connection (and, on
     * SQLite, the write lock the driver takes again right after a commit) until its transaction is cleaned up.
     */
    @EventListener
    void unreferenced(ContentUnreferenced event) {
        ScheduledExecutorService t = timer.executor();
        if (t == null) {
            return; // not started (or stopping): the periodic sweep at the next start picks the rows up
        }
        try {
            t.execute(() -> event.sha256s().forEach(this::sweep));
        } catch (RejectedExecutionException stopping) {
            // the outbox rows stay for the next start
        }
    }

    /**
     * Waits for the sweeps already handed to the sweeper's thread (and what they publish) to finish, then sweeps
     * whatever is still due. For tests and fsck, which need "every released content is gone" to be true now.
     */
    public void drain() {
        ScheduledExecutorService t = timer.executor();
        if (t != null) {
            try {
                t.submit(() -> { }).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                log.warn("Waiting for the sweeper failed: {}", e.toString());
            }
        }
        sweepDue();
    }

    /** Sweeps every outbox row that is due; returns how many contents were removed. */
    public int sweepDue() {
        List<String> due = jdbc.sql("SELECT sha256 FROM blob_deletions WHERE due_at <= :now ORDER BY due_at")
                .param("now", clock.millis()).query(String.class).list();
        int removed = 0;
        for (int i = 0; i < due.size(); i += BATCH) {
            for (String sha : due.subList(i, Math.min(due.size(), i + BATCH))) {
                removed += sweep(sha) ? 1 : 0;
            }
        }
        return removed;
    }

    /** Removes the content if nothing references it; true when its bytes went. Failures are kept for a retry. */
    public boolean sweep(String sha256) {
        try {
            Boolean removed = tx.execute(status -> {
                jdbc.sql("UPDATE blobs SET refs = 0 WHERE sha256 = :sha AND refs = 0").param("sha", sha256).update();
                int refs = jdbc.sql("SELECT refs FROM blobs WHERE sha256 = :sha").param("sha", sha256)
                        .query(Integer.class).optional().orElse(0);
                if (refs > 0) {
                    jdbc.sql("DELETE FROM blob_deletions WHERE sha256 = :sha").param("sha", sha256).update();
                    return false;
                }
                try {
                    blobs.delete(sha256);
                } catch (IOException e) {
                    throw new SweepFailed(e);
                }
                jdbc.sql("DELETE FROM blobs WHERE sha256 = :sha AND refs = 0").param("sha", sha256).update();
                jdbc.sql("DELETE FROM blob_deletions WHERE sha256 = :sha").param("sha", sha256).update();
                return true;
            });
            if (Boolean.TRUE.equals(removed)) {
                events.publishEvent(new ContentReleased(sha256));
                return true;
            }
            return false;
        } catch (SweepFailed e) {
            retryLater(sha256, e.getCause());
            return false;
        }
    }

    private void retryLater(String sha256, Throwable cause) {
        log.warn("Could not remove unreferenced content {} from storage; will retry: {}", sha256, cause.toString());
        int attempts = jdbc.sql("SELECT attempts FROM blob_deletions WHERE sha256 = :sha").param("sha", sha256)
                .query(Integer.class).optional().orElse(0);
        long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(attempts, 20));
        jdbc.sql("UPDATE blob_deletions SET attempts = attempts + 1, due_at = :due, last_error = :err"
                        + " WHERE sha256 = :sha")
                .param("due", clock.millis() + backoff).param("err", cause.toString()).param("sha", sha256).update();
    }

    @Override
    public void start() {
        timer.start();
    }

    private void sweepAndLog() {
        int n = sweepDue();
        if (n > 0) {
            log.info("Removed {} unreferenced content(s) from storage", n);
        }
    }

    @Override
    public void stop() {
        timer.stop();
    }

    @Override
    public boolean isRunning() {
        return timer.isRunning();
    }

    private static final class SweepFailed extends RuntimeException {
        SweepFailed(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
