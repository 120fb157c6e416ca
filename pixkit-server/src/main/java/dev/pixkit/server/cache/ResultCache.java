package dev.pixkit.server.cache;

import dev.pixkit.server.system.AtomicWrite;
import dev.pixkit.server.system.PixkitSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renditions on disk under {@code <dataDir>/cache/<sha[0:2]>/<content sha256>/<variant>}, bounded by
 * {@code PIXKIT_CACHE_MAX_BYTES} with least-recently-used eviction.
 *
 * <p>Each entry is one file: an 8-byte magic, a 4-byte header length, a UTF-8 header (MIME type, extension, body
 * length, CRC-32C of the body) and the body. Entries are written to a temp file, fsynced and renamed into place, so
 * a crash leaves whole entries or none; the index is rebuilt from the directory at start (recency from the files'
 * modification times). A read checks the size and the checksum (through a memory map, not the heap); a truncated or
 * corrupt entry is deleted and reported as a miss, so the caller renders again.
 */
@Component
public class ResultCache {
    private static final Logger log = LoggerFactory.getLogger(ResultCache.class);
    private static final byte[] MAGIC = "PXKC0001".getBytes(StandardCharsets.US_ASCII);
    /** Entries up to this size are read whole into memory; larger ones are sent from the file. */
    static final int SMALL_ENTRY_BYTES = 64 * 1024;
    /** Direct buffers for checking large entries; pooled because request threads are short-lived virtual threads. */
    private static final java.util.Queue<ByteBuffer> CHECK_BUFFERS = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Recency is written back to the file's mtime at most this often per entry, to keep hits cheap. */
    private static final long TOUCH_EVERY_MILLIS = 60_000;

    private final Path root;
    private final long maxBytes;
    private final Map<Path, Entry> index = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final ReentrantLock evicting = new ReentrantLock();
    private final Counter hits;
    private final Counter misses;
    private final Counter corrupt;
    private final Counter evictions;

    private static final class Entry {
        final long size;
        volatile long lastAccess;

        Entry(long size, long lastAccess) {
            this.size = size;
            this.lastAccess = lastAccess;
        }
    }

    ResultCache(PixkitSettings settings, MeterRegistry meters) throws IOException {
        this.root = settings.dataDir().resolve("cache");
        this.maxBytes = settings.delivery().cacheMaxBytes();
        this.hits = Counter.builder("pixkit.cache.requests").tag("result", "hit").register(meters);
        this.misses = Counter.builder("pixkit.cache.requests").tag("result", "miss").register(meters);
        this.corrupt = Counter.builder("pixkit.cache.corrupt").description("entries found damaged and re-rendered")
                .register(meters);
        this.evictions = Counter.builder("pixkit.cache.evictions").register(meters);
        Gauge.builder("pixkit.cache.size", totalBytes, AtomicLong::get).baseUnit("bytes").register(meters);
        Gauge.builder("pixkit.cache.entries", index, Map::size).register(meters);
        if (enabled()) {
            Files.createDirectories(root);
            rebuildIndex();
        }
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    /** The entry, if present and intact: in memory when small, else as a file region to send. */
    public Optional<Rendition> get(RenditionKey key) {
        if (!enabled()) {
            return Optional.empty();
        }
        Path file = pathOf(key);
        Entry entry = index.get(file);
        if (entry == null) {
            misses.increment();
            return Optional.empty();
        }
        Optional<Rendition> read = read(file);
        if (read.isEmpty()) {
            misses.increment();
            return read;
        }
        hits.increment();
        long now = System.currentTimeMillis();
        if (now - entry.lastAccess > TOUCH_EVERY_MILLIS) {
            entry.lastAccess = now;
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            } catch (IOException ignored) {
                // recency is best effort
            }
        } else {
            entry.lastAccess = now;
        }
        return read;
    }

    /**
     * Stores a rendition (atomically) and returns it: in memory when small, else as the stored file region. Evicts old
     * entries beyond the budget.
     */
    public Rendition put(RenditionKey key, byte[] body, String mime, String extension) {
        Path file = pathOf(key);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] header = (mime + "\n" + extension + "\n" + body.length + "\n" + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4 + header.length).put(MAGIC).putInt(header.length)
                .put(header);
        byte[] content = new byte[head.capacity() + body.length];
        System.arraycopy(head.array(), 0, content, 0, head.capacity());
        System.arraycopy(body, 0, content, head.capacity(), body.length);
        try {
            Files.createDirectories(file.getParent());
            AtomicWrite.write(file, content, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write cache entry " + file, e);
        }
        Entry previous = index.put(file, new Entry(content.length, System.currentTimeMillis()));
        totalBytes.addAndGet(content.length - (previous == null ? 0 : previous.size));
        evictIfNeeded();
        return content.length <= SMALL_ENTRY_BYTES ? new Rendition.InMemory(body, mime, extension)
                : new Rendition.OnDisk(file, head.capacity(), body.length, mime, extension);
    }

    /** Removes every rendition of these contents (after a delete, overwrite or purge). */
    public int purgeContent(Collection<String> sha256s) {
        if (!enabled()) {
            return 0;
        }
        int removed = 0;
        for (String sha : sha256s) {
            Path dir = root.resolve(sha.substring(0, 2)).resolve(sha);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + dir, e);
            }
            for (Path p : files) {
                removed += remove(p) ? 1 : 0;
            }
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not empty (a concurrent put) or already gone
            }
        }
        return removed;
    }

    /**
     * Calls {@code each} with the content hash of every content that has renditions on disk (for fsck: renditions
     * whose source no file uses any more). Reads the directory, not the index, so it also sees what another process
     * wrote.
     */
    public void forEachContent(Consumer<String> each) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> shards = Files.list(root)) {
            for (Path shard : (Iterable<Path>) shards::iterator) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (Stream<Path> contents = Files.list(shard)) {
                    contents.filter(Files::isDirectory).forEach(dir -> each.accept(dir.getFileName().toString()));
                }
            }
        }
    }

    /** Bytes the index accounts for. */
    public long sizeBytes() {
        return totalBytes.get();
    }

    Path pathOf(RenditionKey key) {
        String sha = key.contentSha256();
        return root.resolve(sha.substring(0, 2)).resolve(sha).resolve(key.variant());
    }

    private Optional<Rendition> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC.length + 4) {
                return damaged(file, "shorter than its header");
            }
            // Small entries (most renditions) are read whole in one call and checked in memory; larger ones are
            // checked through a reusable direct buffer and then sent by sendfile, never passing through the heap.
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, SMALL_ENTRY_BYTES));
            readFully(ch, start, 0);
            start.flip();
            byte[] magic = new byte[MAGIC.length];
            start.get(magic);
            int headerLength = start.getInt();
            if (!java.util.Arrays.equals(magic, MAGIC) || headerLength <= 0 || headerLength > 1024
                    || start.remaining() < headerLength) {
                return damaged(file, "bad header");
            }
            byte[] headerBytes = new byte[headerLength];
            start.get(headerBytes);
            String[] header = new String(headerBytes, StandardCharsets.UTF_8).split("\n");
            if (header.length < 4) {
                return damaged(file, "bad header");
            }
            long offset = MAGIC.length + 4L + headerLength;
            long length = Long.parseLong(header[2]);
            long expectedCrc = Long.parseUnsignedLong(header[3], 16);
            if (size != offset + length) {
                return damaged(file, "truncated (" + size + " bytes, expected " + (offset + length) + ")");
            }
            CRC32C crc = new CRC32C();
            if (size <= SMALL_ENTRY_BYTES) {
                byte[] body = new byte[(int) length];
                start.get(body);
                crc.update(body);
                if (crc.getValue() != expectedCrc) {
                    return damaged(file, "checksum mismatch");
                }
                return Optional.of(new Rendition.InMemory(body, header[0], header[1]));
            }
            ByteBuffer buf = CHECK_BUFFERS.poll();
            if (buf == null) {
                buf = ByteBuffer.allocateDirect(64 * 1024);
            }
            try {
                for (long pos = offset; pos < size; ) {
                    buf.clear();
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        return damaged(file, "shorter than its size");
                    }
                    buf.flip();
                    crc.update(buf);
                    pos += n;
                }
            } finally {
                CHECK_BUFFERS.offer(buf);
            }
            if (crc.getValue() != expectedCrc) {
                return damaged(file, "checksum mismatch");
            }
            return Optional.of(new Rendition.OnDisk(file, offset, length, header[0], header[1]));
        } catch (NoSuchFileException e) {
            forget(file);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return damaged(file, e.toString());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private Optional<Rendition> damaged(Path file, String why) {
        log.warn("Cache entry {} is damaged ({}); it will be rendered again", file, why);
        corrupt.increment();
        remove(file);
        return Optional.empty();
    }

    /** Forgets and deletes the entry; true when it was indexed or on disk (another process may have written it). */
    private boolean remove(Path file) {
        boolean existed = forget(file);
        try {
            existed |= Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete cache entry {}", file, e);
        }
        return existed;
    }

    private boolean forget(Path file) {
        Entry e = index.remove(file);
        if (e != null) {
            totalBytes.addAndGet(-e.size);
            return true;
        }
        return false;
    }

    /** Evicts least-recently-used entries down to 90 % of the budget; one thread at a time, others skip. */
    private void evictIfNeeded() {
        if (totalBytes.get() <= maxBytes || !evicting.tryLock()) {
            return;
        }
        try {
            long target = maxBytes - maxBytes / 10;
            List<Map.Entry<Path, Entry>> byAge = new ArrayList<>(index.entrySet());
            byAge.sort(Comparator.comparingLong(e -> e.getValue().lastAccess));
            for (var e : byAge) {
                if (totalBytes.get() <= target) {
                    break;
                }
                if (remove(e.getKey())) {
                    evictions.increment();
                }
            }
        } finally {
            evicting.unlock();
        }
    }

    private void rebuildIndex() throws IOException {
        long start = System.nanoTime();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                try {
                    if (p.getFileName().toString().startsWith(".")) {
                        Files.deleteIfExists(p); // a temp file left by a crash mid-write
                        return;
                    }
                    index.put(p, new Entry(Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                    totalBytes.addAndGet(Files.size(p));
                } catch (IOException e) {
                    log.warn("Skipping unreadable cache file {}", p, e);
                }
            });
        }
        log.info("Result cache: {} entries, {} bytes of {} in {} ms", index.size(), totalBytes.get(), maxBytes,
                (System.nanoTime() - start) / 1_000_000);
        evictIfNeeded();
    }
}
