package dev.pixkit.server.cache;

import dev.pixkit.server.system.PixkitSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Where renders run: {@code PIXKIT_RENDER_THREADS} platform threads (default one per core — libvips parallelises
 * each render itself, and a native call would pin a virtual thread anyway) and a queue of
 * {@code PIXKIT_RENDER_QUEUE}. When both are full the render is refused at once with {@link OverloadedException},
 * which the delivery answers with 503 and Retry-After: overload costs a fast refusal, not memory or latency.
 */
@Component
public class RenderPool {
    private final ThreadPoolExecutor executor;

    RenderPool(PixkitSettings settings, MeterRegistry meters) {
        int threads = settings.delivery().renderThreads();
        int queue = settings.delivery().renderQueue();
        BlockingQueue<Runnable> work = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, work, r -> {
            Thread t = new Thread(r, "pixkit-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        Gauge.builder("pixkit.render.queue", executor, e -> e.getQueue().size())
                .description("renders waiting for a thread").register(meters);
        Gauge.builder("pixkit.render.active", executor, ThreadPoolExecutor::getActiveCount).register(meters);
    }

    /** Runs {@code work} on the pool; throws OverloadedException (nothing queued) when the pool is full. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            throw new OverloadedException();
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /** The render pool and its queue are full. */
    public static final class OverloadedException extends RuntimeException {
        OverloadedException() {
            super("The server is busy rendering other images; retry in a moment.", null, false, false);
        }
    }

}
