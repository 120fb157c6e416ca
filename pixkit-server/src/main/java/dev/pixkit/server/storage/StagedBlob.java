package dev.pixkit.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes written to a private temp file and not yet published; closing discards what was not committed. */
public final class StagedBlob implements AutoCloseable {
    private final Path file;
    private final String sha256;
    private final long size;
    private final byte[] head;

    StagedBlob(Path file, String sha256, long size, byte[] head) {
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
        this.head = head;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    /** The first bytes (up to 512), for content sniffing. */
    public byte[] head() {
        return head.clone();
    }

    /** The staged file, readable until the blob is committed or closed. */
    public Path file() {
        return file;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
