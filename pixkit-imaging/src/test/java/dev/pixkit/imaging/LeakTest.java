package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import dev.pixkit.imaging.vips.VipsScope;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * 10,000 facade operations (thumbnail + encode, probes, scoped pipelines and failing inputs) must
 * leave libvips' object count and tracked memory exactly where they were, and the process' native
 * memory roughly flat.
 */
class LeakTest {

    private static final int OPERATIONS = 10_000;
    private static final int WARM_UP = 1_000;
    private static final long MAX_NATIVE_GROWTH = 64L << 20;

    private byte[] jpeg;
    private byte[] png;
    private byte[] corrupt;

    @Test
    void tenThousandOperationsLeaveNothingBehind() {
        VipsRuntime runtime = VipsRuntime.get();
        try (VipsImage small = TestImages.rgb(96, 64); VipsImage alpha = TestImages.rgba(64, 64)) {
            jpeg = TestImages.jpeg(small);
            png = TestImages.png(alpha);
        }
        corrupt = Arrays.copyOf(png, 60);

        for (int i = 0; i < WARM_UP; i++) {
            operation(i);
        }
        settle();
        VipsRuntime.Stats base = runtime.stats();
        long rssBase = rssBytes();
        long heapBase = committedHeapBytes();

        long start = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            operation(i);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        settle();
        VipsRuntime.Stats after = runtime.stats();
        long rssGrowth = rssBytes() - rssBase;
        long heapGrowth = committedHeapBytes() - heapBase;
        long nativeGrowth = rssGrowth - Math.max(0, heapGrowth);

        System.out.printf("[pixkit-imaging] leak test on %s: %d operations in %d ms%n", runtime.describe(),
                OPERATIONS, millis);
        System.out.printf("[pixkit-imaging]   libvips before: %s%n", base);
        System.out.printf("[pixkit-imaging]   libvips after:  %s (tracked highwater %d bytes)%n", after,
                runtime.trackedMemoryHighwater());
        System.out.printf("[pixkit-imaging]   RSS growth %.1f MB, committed heap growth %.1f MB, native growth %.1f MB%n",
                mb(rssGrowth), mb(heapGrowth), mb(nativeGrowth));

        assertThat(after.liveObjects()).as("live VipsObjects").isEqualTo(base.liveObjects());
        assertThat(after.trackedMemory()).as("tracked memory").isEqualTo(base.trackedMemory());
        assertThat(after.trackedAllocations()).as("tracked allocations").isEqualTo(base.trackedAllocations());
        assertThat(after.trackedFiles()).as("tracked files").isEqualTo(base.trackedFiles());
        assertThat(nativeGrowth).as("native RSS growth after warm-up").isLessThan(MAX_NATIVE_GROWTH);
    }

    /** One of several libvips round trips, chosen by {@code i}. */
    private void operation(int i) {
        switch (i % 5) {
            case 0 -> {
                try (VipsImage thumb = Thumbnails.thumbnail(jpeg, ThumbnailOptions.box(48, 48))) {
                    ImageEncoder.encode(thumb, EncodeOptions.of(ImageFormat.WEBP).withQuality(70));
                }
            }
            case 1 -> ImageProbe.probe(jpeg);
            case 2 -> {
                try (VipsImage thumb = Thumbnails.thumbnail(png, ThumbnailOptions.width(32))) {
                    ImageEncoder.encode(thumb, ImageFormat.PNG);
                }
            }
            case 3 -> {
                try (VipsScope scope = new VipsScope()) {
                    VipsImage thumb = scope.track(Thumbnails.thumbnail(png, ThumbnailOptions.box(40, 40)
                            .withCrop(ThumbnailOptions.Crop.CENTRE)));
                    VipsImage flipped = scope.image(Vips.op("flip").in("in", thumb).in("direction", "horizontal"), "out");
                    VipsImage framed = scope.image(Vips.op("embed").in("in", flipped).in("x", 2).in("y", 2)
                            .in("width", 44).in("height", 44).in("extend", "background").in("background", 255, 0, 0, 255), "out");
                    ImageEncoder.encode(framed, EncodeOptions.of(ImageFormat.JPEG).withStrip(true));
                }
            }
            default -> {
                try {
                    ImageProbe.probe(corrupt);
                    throw new AssertionError("corrupt input probed fine");
                } catch (UnsupportedImageException expected) {
                    // failure paths must not leak either
                }
            }
        }
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static long committedHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
