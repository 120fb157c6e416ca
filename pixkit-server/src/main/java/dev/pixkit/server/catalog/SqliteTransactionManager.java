package dev.pixkit.server.catalog;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Transactions on SQLite, which has one writer at a time: every transaction is IMMEDIATE (takes the write lock at
 * BEGIN), so concurrent ones queue — and here they queue on a fair Java lock before BEGIN instead of inside SQLite.
 *
 * <p>Why: SQLite waits for its lock in native code (the busy handler sleeps inside {@code sqlite3_step}), and a
 * virtual thread in native code pins its carrier. Requests run on virtual threads, and there are only as many
 * carriers as cores. With that many uploads waiting at BEGIN, every carrier is pinned; the transaction that holds the
 * lock cannot be scheduled again once it parks (a contended monitor such as {@code SecureRandom} in {@link Ids}, I/O),
 * so nothing moves until the 30 s busy timeout fails the waiters (bench/storage: 16 concurrent uploads on 2 cores
 * stalled for 30 s and answered 500 in every run). Parked on a Java lock, waiters free their carriers.
 *
 * <p>Writes outside transactions (single autocommit statements) still wait in SQLite; they hold the lock only for
 * one native call, during which their thread stays mounted.
 */
final class SqliteTransactionManager extends JdbcTransactionManager {
    private final ReentrantLock writer = new ReentrantLock(true);

    SqliteTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        writer.lock();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            writer.unlock();
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Drops a pooled connection that reported SQLITE_BUSY or SQLITE_LOCKED. sqlite-jdbc records
     * {@code setAutoCommit(false)} before it runs BEGIN, so a BEGIN that times out leaves a connection that claims to
     * be in a transaction while SQLite is in autocommit mode. Back in the pool, it would make every later transaction
     * on it commit statement by statement (and fail at COMMIT after its writes are stored). Closing it costs a
     * reconnect.
     */
    static final SQLExceptionOverride EVICT_WHEN_BUSY = new SQLExceptionOverride() {
        @java.lang.Override // (Override alone is SQLExceptionOverride.Override here)
        public Override adjudicate(SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.sqlite.SQLiteException s) {
                    int primary = s.getResultCode().code & 0xFF;
                    if (primary == 5 || primary == 6) { // SQLITE_BUSY, SQLITE_LOCKED
                        return Override.MUST_EVICT;
                    }
                }
            }
            return Override.CONTINUE_EVICT;
        }
    };
}
