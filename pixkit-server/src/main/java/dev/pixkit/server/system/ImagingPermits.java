package dev.pixkit.server.system;

import dev.pixkit.imaging.vips.VipsRuntime;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server's gateway to libvips. At start it loads libvips (a missing or broken library stops the server with
 * libvips' own explanation) and applies {@code PIXKIT_VIPS_CONCURRENCY}. It then caps the upload path's header probes
 * at one per core: a downcall pins its virtual thread to a carrier thread, so more would only starve request threads.
 * Renders do not pass through here; they run on the bounded render pool ({@code cache.RenderPool}).
 */
@Component
public class ImagingPermits {
    private static final Logger log = LoggerFactory.getLogger(ImagingPermits.class);

    private final Semaphore permits = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    ImagingPermits(PixkitSettings settings) {
        VipsRuntime vips = VipsRuntime.get();
        if (settings.vipsConcurrency() > 0) {
            vips.setConcurrency(settings.vipsConcurrency());
        }
        log.info("{}", vips.describe());
    }

    public <T> T run(Supplier<T> work) {
        permits.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
