package dev.pixkit.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Streams incoming bytes to a private temp file under {@code <dataDir>/tmp}, hashing and counting on the way.
 * Every store stages locally: the hash must be known before the blob can be named, and a local file is what the
 * upload checks (sniffing, libvips) read before anything is published.
 *
 * <p>Whether the staged file is fsynced here is the store's choice: the local store syncs only what it publishes
 * ({@link #sync}, in its commit), so a duplicate upload — content already stored — costs no fsync at all.
 */
final class Staging {
    private static final int HEAD_BYTES = 512;

    private final Path tmp;
    private final boolean syncOnStage;

    Staging(Path dataDir, boolean syncOnStage) throws IOException {
        this.tmp = dataDir.resolve("tmp");
        this.syncOnStage = syncOnStage;
        Files.createDirectories(tmp);
    }

    /** Forces a staged file's bytes to disk. */
    static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** See {@link BlobStore#stage}. */
    StagedBlob stage(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile(tmp, "upload-", ".part");
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            MessageDigest sha = BlobPaths.sha256();
            byte[] buf = new byte[64 * 1024];
            byte[] head = new byte[HEAD_BYTES];
            int headLen = 0;
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new BlobStore.TooLargeException(maxBytes);
                }
                if (headLen < HEAD_BYTES) {
                    int take = Math.min(n, HEAD_BYTES - headLen);
                    System.arraycopy(buf, 0, head, headLen, take);
                    headLen += take;
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.flush();
            if (syncOnStage) {
                ch.force(true);
            }
            ok = true;
            return new StagedBlob(file, BlobPaths.hex(sha.digest()), total, Arrays.copyOf(head, headLen));
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }
}
