package dev.pixkit.server.cache;

import java.nio.file.Path;

/** Rendered bytes ready to send: on disk in the result cache, or in memory when the cache is off. */
public sealed interface Rendition {
    String mime();

    String extension();

    long length();

    /** A cache entry: the body is {@code length} bytes at {@code offset} of {@code file}. */
    record OnDisk(Path file, long offset, long length, String mime, String extension) implements Rendition {}

    record InMemory(byte[] bytes, String mime, String extension) implements Rendition {
        @Override
        public long length() {
            return bytes.length;
        }
    }
}
