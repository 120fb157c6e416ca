package dev.pixkit.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded local copy of remote blobs, so that delivery (sendfile) and libvips can read a file. Layout
 * {@code <root>/ab/cd/<sha256>}, downloads in {@code <root>/tmp}: each is hashed while it is written, synced, and
 * renamed into place only when its SHA-256 is the one asked for, so a cached file is always whole and right. Blobs
 * are immutable, so a cached copy never goes stale; it goes when the store deletes the blob or when the cache is over
 * budget, least recently used first. Concurrent requests for the same missing blob share one download.
 */
final class BlobCache {
    private static final Logger log = LoggerFactory.getLogger(BlobCache.class);

    /** Reads a blob from its remote home; empty when the blob does not exist there. */
    @FunctionalInterface
    interface Source {
        Optional<InputStream> open(String sha256) throws IOException;
    }

    private record Entry(long size, AtomicLong lastUsed) {}

    private final Path root;
    private final Path tmp;
    private final long maxBytes;
    private final long graceMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<StoredBlob>>> loading = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    /**
     * @param grace a file used this recently is never evicted, so a caller that just got its path can still open it
     *              (an open file survives eviction: the unlink only drops the name)
     */
    BlobCache(Path root, long maxBytes, Duration grace) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.maxBytes = maxBytes;
        this.graceMillis = grace.toMillis();
        Files.createDirectories(tmp);
        try (var leftovers = Files.list(tmp)) { // downloads cut short by a crash
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
        try (var files = Files.walk(root, 3)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String sha = BlobPaths.shaOf(root.relativize(p).toString().replace('\\', '/'));
                if (sha != null && Files.isRegularFile(p)) {
                    // Across restarts, recency is the file's time (download or adoption); in memory it is the last use.
                    long size = Files.size(p);
                    entries.put(sha, new Entry(size, new AtomicLong(Files.getLastModifiedTime(p).toMillis())));
                    total.addAndGet(size);
                }
            }
        }
    }

    /** The cached copy, downloading it from {@code source} first when it is not here. */
    Optional<StoredBlob> find(String sha256, Source source) throws IOException {
        Optional<StoredBlob> hit = hit(sha256);
        if (hit.isPresent()) {
            return hit;
        }
        CompletableFuture<Optional<StoredBlob>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<StoredBlob>> running = loading.putIfAbsent(sha256, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Optional<StoredBlob> result = hit(sha256); // another download may have finished just before ours began
            if (result.isEmpty()) {
                result = download(sha256, source);
            }
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(sha256, mine);
        }
    }

    /**
     * Takes a just-committed staged file as the cached copy (an upload is usually read back soon, for its
     * thumbnails) by hard-linking it, so the staged file itself stays until the upload closes it (the catalog may
     * commit it again); false when it cannot (already cached, another file system).
     */
    boolean adopt(String sha256, Path file, long size) throws IOException {
        if (entries.containsKey(sha256)) {
            return false;
        }
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        try {
            Files.deleteIfExists(target);
            Files.createLink(target, file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            return false;
        }
        added(sha256, size);
        return true;
    }

    /** Forgets the cached copy, after any download of it in progress has finished. */
    void drop(String sha256) throws IOException {
        CompletableFuture<Optional<StoredBlob>> running = loading.get(sha256);
        if (running != null) {
            try {
                await(running);
            } catch (IOException | RuntimeException e) {
                // the download failed: nothing was cached
            }
        }
        Entry e = entries.remove(sha256);
        if (e != null) {
            total.addAndGet(-e.size());
        }
        Files.deleteIfExists(pathOf(sha256));
    }

    /** Bytes the cache holds now. */
    long size() {
        return total.get();
    }

    Path pathOf(String sha256) {
        return root.resolve(BlobPaths.relative(sha256));
    }

    private Optional<StoredBlob> hit(String sha256) {
        Entry e = entries.get(sha256);
        if (e == null) {
            return Optional.empty();
        }
        Path p = pathOf(sha256);
        if (!Files.isRegularFile(p)) { // removed behind the cache's back: forget it, download again
            if (entries.remove(sha256, e)) {
                total.addAndGet(-e.size());
            }
            return Optional.empty();
        }
        e.lastUsed().set(System.currentTimeMillis());
        return Optional.of(new StoredBlob(sha256, p, e.size()));
    }

    private Optional<StoredBlob> download(String sha256, Source source) throws IOException {
        Optional<InputStream> opened = source.open(sha256);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Path part = Files.createTempFile(tmp, sha256.substring(0, 8) + "-", ".download");
        try {
            long size = 0;
            try (InputStream in = opened.get();
                    FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                MessageDigest sha = BlobPaths.sha256();
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
                out.flush();
                String actual = BlobPaths.hex(sha.digest());
                if (!actual.equals(sha256)) {
                    throw new IOException("Blob " + sha256 + " is corrupt in the store: its " + size
                            + " bytes hash to " + actual);
                }
                ch.force(true); // a crash must not leave a cached file that is not whole
            }
            Path target = pathOf(sha256);
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            added(sha256, size);
            return Optional.of(new StoredBlob(sha256, target, size));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void added(String sha256, long size) {
        Entry previous = entries.put(sha256, new Entry(size, new AtomicLong(System.currentTimeMillis())));
        total.addAndGet(size - (previous == null ? 0 : previous.size()));
        if (total.get() > maxBytes) {
            evict(sha256);
        }
    }

    /**
     * Removes the least recently used copies until the cache is within budget, sparing those in their grace time and
     * {@code keep}, which is about to be handed out (even when it alone is larger than the budget).
     */
    private synchronized void evict(String keep) {
        long now = System.currentTimeMillis();
        List<Map.Entry<String, Entry>> byAge = new ArrayList<>(entries.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsed().get()));
        for (var e : byAge) {
            if (total.get() <= maxBytes) {
                return;
            }
            if (e.getKey().equals(keep) || now - e.getValue().lastUsed().get() < graceMillis) {
                continue;
            }
            if (entries.remove(e.getKey(), e.getValue())) {
                total.addAndGet(-e.getValue().size());
                try {
                    Files.deleteIfExists(pathOf(e.getKey()));
                } catch (IOException ex) {
                    log.warn("Could not evict cached blob {}", e.getKey(), ex);
                }
            }
        }
    }

    private static Optional<StoredBlob> await(CompletableFuture<Optional<StoredBlob>> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for a blob download", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io; // the same failure as the downloading caller's, of the same type (503 or 500)
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
