package dev.pixkit.server.cleanup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task run at start and then every {@code period} on its own daemon thread, for the lifecycle beans of
 * this package. A failing run is logged and the next one tries again.
 */
final class Periodic {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration period;
    private final Runnable task;
    private volatile ScheduledExecutorService timer;

    Periodic(String name, Duration period, Runnable task) {
        this.name = name;
        this.period = period;
        this.task = task;
    }

    void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("pixkit-" + name).daemon().factory());
        t.scheduleWithFixedDelay(this::runQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        timer = t;
    }

    private void runQuietly() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; will retry", name, e);
        }
    }

    void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    boolean isRunning() {
        return timer != null;
    }

    /** The task's thread, to run more work on it in order; null when stopped. */
    ScheduledExecutorService executor() {
        return timer;
    }
}
