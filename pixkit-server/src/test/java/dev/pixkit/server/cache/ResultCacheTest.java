package dev.pixkit.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.system.PixkitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk result cache with real files: round trip, damage detection, restart, LRU eviction, purge. */
class ResultCacheTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private static ResultCache cache(Path dir, String maxBytes) throws Exception {
        return new ResultCache(PixkitSettings.fromMap(Map.of("PIXKIT_DATA_DIR", dir.toString(),
                "PIXKIT_CACHE_MAX_BYTES", maxBytes)), new SimpleMeterRegistry());
    }

    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(Rendition r) throws Exception {
        return switch (r) {
            case Rendition.InMemory m -> m.bytes();
            case Rendition.OnDisk d -> java.util.Arrays.copyOfRange(Files.readAllBytes(d.file()), (int) d.offset(),
                    (int) (d.offset() + d.length()));
        };
    }

    @Test
    void small_and_large_entries_round_trip_and_survive_a_restart(@TempDir Path dir) throws Exception {
        byte[] small = body(50_000, 1);
        byte[] large = body(300_000, 9);
        ResultCache c = cache(dir, "10MB");
        RenditionKey smallKey = new RenditionKey(SHA_A, "0123abcd");
        RenditionKey largeKey = new RenditionKey(SHA_A, "4567abcd");
        assertThat(c.get(smallKey)).isEmpty();
        assertThat(read(c.put(smallKey, small, "image/webp", "webp"))).isEqualTo(small);
        assertThat(c.put(largeKey, large, "image/png", "png")).isInstanceOf(Rendition.OnDisk.class);

        ResultCache restarted = cache(dir, "10MB");
        Rendition hit = restarted.get(smallKey).orElseThrow();
        assertThat(hit).isInstanceOf(Rendition.InMemory.class);
        assertThat(hit.mime()).isEqualTo("image/webp");
        assertThat(hit.extension()).isEqualTo("webp");
        assertThat(read(hit)).isEqualTo(small);
        Rendition big = restarted.get(largeKey).orElseThrow();
        assertThat(big).isInstanceOf(Rendition.OnDisk.class); // sent from the file, not the heap
        assertThat(read(big)).isEqualTo(large);
        assertThat(restarted.sizeBytes())
                .isEqualTo(Files.size(c.pathOf(smallKey)) + Files.size(c.pathOf(largeKey)));
    }

    @Test
    void a_flipped_byte_or_a_truncated_entry_is_a_miss_and_is_removed(@TempDir Path dir) throws Exception {
        ResultCache c = cache(dir, "10MB");
        RenditionKey flipped = new RenditionKey(SHA_A, "01");
        RenditionKey cut = new RenditionKey(SHA_A, "02");
        c.put(flipped, body(4000, 2), "image/png", "png");
        c.put(cut, body(200_000, 3), "image/png", "png");
        Path f1 = c.pathOf(flipped);
        Path f2 = c.pathOf(cut);
        try (RandomAccessFile raf = new RandomAccessFile(f1.toFile(), "rw")) {
            raf.seek(raf.length() - 10);
            int b = raf.read();
            raf.seek(raf.length() - 10);
            raf.write(b ^ 0xff);
        }
        try (RandomAccessFile raf = new RandomAccessFile(f2.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        assertThat(c.get(flipped)).isEmpty();
        assertThat(c.get(cut)).isEmpty();
        assertThat(f1).doesNotExist();
        assertThat(f2).doesNotExist();
        assertThat(c.sizeBytes()).isZero();
    }

    @Test
    void temp_files_left_by_a_crash_are_removed_at_start(@TempDir Path dir) throws Exception {
        ResultCache c = cache(dir, "10MB");
        RenditionKey key = new RenditionKey(SHA_A, "0a");
        c.put(key, body(100, 4), "image/jpeg", "jpg");
        Path entry = c.pathOf(key);
        Path leftover = entry.resolveSibling(".0b.123.tmp");
        Files.write(leftover, body(50, 5));
        cache(dir, "10MB");
        assertThat(leftover).doesNotExist();
        assertThat(entry).exists();
    }

    @Test
    void the_least_recently_used_entries_go_first_when_over_budget(@TempDir Path dir) throws Exception {
        ResultCache c = cache(dir, "100KB");
        RenditionKey first = new RenditionKey(SHA_A, "01");
        RenditionKey second = new RenditionKey(SHA_A, "02");
        RenditionKey third = new RenditionKey(SHA_B, "03");
        c.put(first, body(40_000, 6), "image/png", "png");
        Thread.sleep(5);
        c.put(second, body(40_000, 7), "image/png", "png");
        Thread.sleep(5);
        assertThat(c.get(first)).isPresent(); // now first is more recent than second
        Thread.sleep(5);
        c.put(third, body(40_000, 8), "image/png", "png"); // 120 KB > 100 KB: evict down to 90 KB
        assertThat(c.get(second)).isEmpty();
        assertThat(c.get(first)).isPresent();
        assertThat(c.get(third)).isPresent();
        assertThat(c.sizeBytes()).isLessThanOrEqualTo(100 * 1024);
    }

    @Test
    void purging_content_removes_all_its_renditions_only(@TempDir Path dir) throws Exception {
        ResultCache c = cache(dir, "10MB");
        c.put(new RenditionKey(SHA_A, "01"), body(10, 1), "image/png", "png");
        c.put(new RenditionKey(SHA_A, "02"), body(10, 2), "image/png", "png");
        c.put(new RenditionKey(SHA_B, "01"), body(10, 3), "image/png", "png");
        assertThat(c.purgeContent(List.of(SHA_A))).isEqualTo(2);
        assertThat(c.get(new RenditionKey(SHA_A, "01"))).isEmpty();
        assertThat(c.get(new RenditionKey(SHA_B, "01"))).isPresent();
        assertThat(dir.resolve("cache").resolve("aa").resolve(SHA_A)).doesNotExist();
    }

    @Test
    void a_zero_budget_disables_the_cache(@TempDir Path dir) throws Exception {
        ResultCache c = cache(dir, "0");
        assertThat(c.enabled()).isFalse();
        assertThat(c.get(new RenditionKey(SHA_A, "01"))).isEmpty();
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
