package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentThumbnailTest {

    private static final int THREADS = 64;
    private static final int PER_THREAD = 15;

    @Test
    void manyVirtualThreadsThumbnailConcurrently() throws Exception {
        byte[] jpeg;
        byte[] png;
        try (VipsImage image = TestImages.rgb(800, 600); VipsImage alpha = TestImages.rgba(300, 200)) {
            jpeg = TestImages.jpeg(image);
            png = TestImages.png(alpha);
        }
        byte[] corrupt = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3};
        long objectsBefore = VipsRuntime.get().liveObjects();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();

        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        int width = 40 + ((thread * PER_THREAD + i) % 200);
                        try (VipsImage thumb = Thumbnails.thumbnail(jpeg, ThumbnailOptions.width(width))) {
                            assertThat(thumb.width()).isEqualTo(width);
                            assertThat(thumb.height()).isCloseTo(Math.round(width * 0.75f), within(1));
                            byte[] out = ImageEncoder.encode(thumb, i % 2 == 0 ? ImageFormat.WEBP : ImageFormat.JPEG);
                            assertThat(ImageProbe.probe(out).width()).isEqualTo(width);
                        }
                        try (VipsImage thumb = Thumbnails.thumbnail(png, ThumbnailOptions.box(60, 60)
                                .withCrop(ThumbnailOptions.Crop.CENTRE))) {
                            assertThat(thumb.width()).isEqualTo(60);
                            assertThat(thumb.hasAlpha()).isTrue();
                        }
                        if (i % 5 == 0) {
                            try {
                                ImageProbe.probe(corrupt);
                            } catch (UnsupportedImageException expected) {
                                rejected.incrementAndGet();
                            }
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(); // rethrows any assertion failure
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[pixkit-imaging] %d virtual threads x %d thumbnails: %d ms on %s%n", THREADS, PER_THREAD,
                millis, VipsRuntime.get().describe());

        assertThat(done.get()).isEqualTo(THREADS * PER_THREAD);
        assertThat(rejected.get()).isEqualTo(THREADS * 3);
        assertThat(VipsRuntime.get().liveObjects()).isEqualTo(objectsBefore);
    }
}
