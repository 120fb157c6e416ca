package dev.pixkit.server.catalog;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code blobs} table: how many file and version rows reference each content. The repositories call
 * {@link #acquire} and {@link #release} for every row they add or remove, inside the same transaction, so the count
 * is exact by construction. The last release writes an outbox row ({@code blob_deletions}); once the transaction
 * commits, {@link ContentUnreferenced} tells the sweeper to remove the bytes at once — the outbox row is what makes
 * that survive a crash.
 */
@Repository
public class BlobReferences {
    private static final Object PENDING_KEY = new Object();

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    BlobReferences(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** One more row references {@code sha256} (created with {@code size} bytes if new). Returns the new count. */
    public int acquire(String sha256, long size, long nowMillis) {
        int refs = jdbc.sql("""
                INSERT INTO blobs (sha256, size, refs, created_at) VALUES (:sha, :size, 1, :now)
                ON CONFLICT (sha256) DO UPDATE SET refs = blobs.refs + 1 RETURNING refs""")
                .param("sha", sha256).param("size", size).param("now", nowMillis).query(Integer.class).single();
        if (refs == 1) {
            // referenced again before the sweeper got to it: it must stay
            jdbc.sql("DELETE FROM blob_deletions WHERE sha256 = :sha").param("sha", sha256).update();
        }
        return refs;
    }

    /** One row fewer references {@code sha256}; the last one queues the content for deletion. */
    public void release(String sha256, long nowMillis) {
        Integer refs = jdbc.sql("UPDATE blobs SET refs = refs - 1 WHERE sha256 = :sha RETURNING refs")
                .param("sha", sha256).query(Integer.class).optional().orElse(null);
        if (refs == null || refs > 0) {
            return;
        }
        jdbc.sql("""
                INSERT INTO blob_deletions (sha256, due_at, attempts) VALUES (:sha, :now, 0)
                ON CONFLICT (sha256) DO NOTHING""").param("sha", sha256).param("now", nowMillis).update();
        afterCommit(sha256);
    }

    /** How many rows reference the content (0 when unknown). */
    public int count(String sha256) {
        return jdbc.sql("SELECT refs FROM blobs WHERE sha256 = :sha").param("sha", sha256).query(Integer.class)
                .optional().orElse(0);
    }

    private void afterCommit(String sha256) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            events.publishEvent(new ContentUnreferenced(Set.of(sha256)));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(PENDING_KEY);
        if (pending == null) {
            Set<String> shas = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(PENDING_KEY, shas);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
                    if (status == STATUS_COMMITTED) {
                        events.publishEvent(new ContentUnreferenced(Set.copyOf(shas)));
                    }
                }
            });
            pending = shas;
        }
        pending.add(sha256);
    }

    /** Content whose last reference went in a transaction that has committed: its bytes can be removed now. */
    public record ContentUnreferenced(Set<String> sha256s) {}
}
