package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.system.PixkitSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Write transactions on SQLite under contention, with the pool and transaction manager the server uses
 * ({@link DatabaseConfig}), on virtual threads as requests run.
 */
class SqliteTransactionsTest {
    @TempDir
    Path dir;

    private HikariDataSource open(int poolSize, int busyTimeoutMillis) throws Exception {
        Files.createDirectories(dir);
        HikariConfig c = DatabaseConfig.hikari(PixkitSettings.fromMap(Map.of("PIXKIT_DATA_DIR", dir.toString())));
        c.setMaximumPoolSize(poolSize);
        c.addDataSourceProperty("busy_timeout", Integer.toString(busyTimeoutMillis));
        HikariDataSource ds = new HikariDataSource(c);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/sqlite").load()
                .migrate();
        return ds;
    }

    private static void insertDay(JdbcClient jdbc, String day) {
        jdbc.sql("INSERT INTO usage_daily (day, bandwidth_bytes, storage_bytes) VALUES (:d, 0, 0)").param("d", day)
                .update();
    }

    private static int days(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM usage_daily").query(Integer.class).single();
    }

    /**
     * A transaction holds the write lock and parks (as a request does on a contended monitor or on I/O) while more
     * transactions than there are carrier threads wait to begin. They must queue without pinning every carrier, so
     * the holder gets to run again and all of them commit well within the busy timeout. (Waiting inside SQLite
     * instead stalled until the busy timeout failed the waiters; on a machine with more cores than the pool has
     * connections the old behaviour would pass too.)
     */
    @Test
    void transactions_waiting_for_the_write_lock_leave_the_holder_a_carrier() throws Exception {
        try (HikariDataSource ds = open(8, 10_000)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            TransactionTemplate tx = new TransactionTemplate(new SqliteTransactionManager(ds));
            int waiters = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
            Queue errors = new Queue();
            CountDownLatch holding = new CountDownLatch(1);
            long start = System.nanoTime();
            Thread holder = Thread.ofVirtual().start(() -> errors.run(() -> tx.executeWithoutResult(s -> {
                insertDay(jdbc, "holder");
                holding.countDown();
                sleep(500); // parks: the waiters start meanwhile and queue for the lock
                insertDay(jdbc, "holder-2");
            })));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                String day = "w" + i;
                threads.add(Thread.ofVirtual().start(() -> errors.run(() -> tx.executeWithoutResult(
                        s -> insertDay(jdbc, day)))));
            }
            holder.join();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors.all).isEmpty();
            assertThat(days(jdbc)).isEqualTo(waiters + 2);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(8));
        }
    }

    /**
     * BEGIN that times out (another process holds the write lock) fails the transaction and must not leave the
     * pooled connection half in a transaction: later transactions on the pool roll back and commit as a whole.
     */
    @Test
    void a_begin_that_times_out_does_not_spoil_the_pooled_connection() throws Exception {
        try (HikariDataSource ds = open(1, 200)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            TransactionTemplate tx = new TransactionTemplate(new SqliteTransactionManager(ds));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pixkit.db"));
                    Statement st = other.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> tx.executeWithoutResult(s -> insertDay(jdbc, "blocked")))
                        .isInstanceOf(CannotCreateTransactionException.class);
                st.execute("ROLLBACK");
            }
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                insertDay(jdbc, "rolled-back");
                throw new IllegalStateException("fails after its first write");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(days(jdbc)).isZero();
            tx.executeWithoutResult(s -> {
                insertDay(jdbc, "a");
                insertDay(jdbc, "b");
            });
            assertThat(days(jdbc)).isEqualTo(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Queue {
        final ConcurrentLinkedQueue<Throwable> all = new ConcurrentLinkedQueue<>();

        void run(Runnable r) {
            try {
                r.run();
            } catch (Throwable t) {
                all.add(t);
            }
        }
    }
}
