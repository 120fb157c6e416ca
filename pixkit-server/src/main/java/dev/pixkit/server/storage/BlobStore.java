package dev.pixkit.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Content-addressed storage of file bytes, keyed by their SHA-256. Bytes arrive in two steps so that nothing is
 * visible before it is whole: {@link #stage} streams them to a private temp file (hashing and counting on the way),
 * {@link #commit} publishes them atomically. Identical content is stored once.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into a staged blob. Fails with {@link TooLargeException} once more than {@code maxBytes}
     * arrive (nothing is left behind); the caller must {@link StagedBlob#close() close} the result.
     */
    StagedBlob stage(InputStream in, long maxBytes) throws IOException;

    /**
     * Publishes a staged blob under its hash, atomically; a blob with the same hash already stored is kept as is. The
     * staged bytes stay readable until the staged blob is closed, so a commit can be repeated.
     */
    void commit(StagedBlob staged) throws IOException;

    /** Whether a blob with this hash is stored (a cheap check: no download). */
    boolean exists(String sha256) throws IOException;

    /**
     * The stored bytes as a local file, if present. Remote stores return a local copy (a bounded read-through
     * cache), so that delivery and rendering can read files.
     */
    Optional<StoredBlob> find(String sha256) throws IOException;

    /** Removes the blob; absent blobs are ignored. */
    void delete(String sha256) throws IOException;

    /** Every stored blob, for consistency checks (fsck); in no particular order. */
    void forEach(Consumer<BlobInfo> each) throws IOException;

    /** What {@link #forEach} reports of one stored blob. */
    record BlobInfo(String sha256, long size, Instant modified) {}

    /** Thrown by {@link #stage} when the content exceeds the limit. */
    final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("content exceeds " + limit + " bytes");
        }
    }
}
