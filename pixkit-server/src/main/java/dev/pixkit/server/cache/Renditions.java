package dev.pixkit.server.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Gets a rendition: from the result cache, or by rendering it once on the {@link RenderPool} — concurrent requests
 * for the same missing rendition wait for that one render (request coalescing) instead of starting their own.
 */
@Service
public class Renditions {
    private final ResultCache cache;
    private final RenderPool pool;
    private final Map<RenditionKey, CompletableFuture<Rendition>> inFlight = new ConcurrentHashMap<>();
    private final Counter renders;
    private final Timer renderTime;

    Renditions(ResultCache cache, RenderPool pool, MeterRegistry meters) {
        this.cache = cache;
        this.pool = pool;
        this.renders = Counter.builder("pixkit.renders").description("renders actually performed").register(meters);
        this.renderTime = Timer.builder("pixkit.render.duration").description("time to render one rendition")
                .publishPercentileHistogram().register(meters);
    }

    /** What a render produced. */
    public record Rendered(byte[] bytes, String mime, String extension) {}

    /**
     * The rendition for {@code key}; {@code render} runs at most once for all concurrent callers of a missing key.
     * Exceptions of the render reach every waiting caller unchanged.
     *
     * @throws RenderPool.OverloadedException when a render is needed and the pool is full
     */
    public Rendition get(RenditionKey key, Supplier<Rendered> render) {
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<Rendition> mine = new CompletableFuture<>();
        CompletableFuture<Rendition> future = inFlight.putIfAbsent(key, mine);
        if (future == null) {
            future = mine;
            try {
                pool.submit(() -> renderAndStore(key, render)).whenComplete((r, e) -> {
                    inFlight.remove(key, mine);
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                inFlight.remove(key, mine);
                mine.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Renders performed since start (for tests and metrics). */
    public long renderCount() {
        return (long) renders.count();
    }

    private Rendition renderAndStore(RenditionKey key, Supplier<Rendered> render) {
        var cached = cache.get(key); // rendered by a caller that finished just before this one started
        if (cached.isPresent()) {
            return cached.get();
        }
        Rendered r = renderTime.record(render);
        renders.increment();
        if (cache.enabled()) {
            return cache.put(key, r.bytes(), r.mime(), r.extension());
        }
        return new Rendition.InMemory(r.bytes(), r.mime(), r.extension());
    }
}
