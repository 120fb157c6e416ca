package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * An immutable byte buffer owned by libvips ({@code VipsBlob}). Encoded input is copied into one of
 * these before a loader sees it, because libvips loads lazily and may read the bytes long after the
 * call that created the image has returned; the blob stays alive as long as any image needs it.
 *
 * <p>Closing drops this Java reference only; images that still use the bytes keep them alive.
 */
public final class VipsBlob implements AutoCloseable {

    private final NativeHandle handle;
    private final long length;

    private VipsBlob(MemorySegment area, long length) {
        this.handle = new NativeHandle(this, area, Native::areaUnref);
        this.length = length;
    }

    /** Copies {@code data} into libvips-owned memory (one copy, straight from the Java array). */
    public static VipsBlob copyOf(byte[] data) {
        Objects.requireNonNull(data, "data");
        VipsRuntime.get();
        MemorySegment area = Native.blobCopy(MemorySegment.ofArray(data), data.length);
        if (area.equals(MemorySegment.NULL)) {
            throw VipsErrors.exception("vips_blob_copy");
        }
        return new VipsBlob(area, data.length);
    }

    /** Number of bytes. */
    public long length() {
        return length;
    }

    /** A Java copy of the bytes. */
    public byte[] toByteArray() {
        return data().toArray(JAVA_BYTE);
    }

    /** A Java copy of at most the first {@code maxLength} bytes (for sniffing magic numbers). */
    public byte[] head(int maxLength) {
        MemorySegment data = data();
        return data.asSlice(0, Math.min(data.byteSize(), Math.max(0, maxLength))).toArray(JAVA_BYTE);
    }

    /** The {@code VipsBlob*} (a {@code VipsArea*}); valid until {@link #close()}. */
    MemorySegment area() {
        return handle.pointer("VipsBlob");
    }

    /** The bytes as a native segment of {@link #length()} bytes; valid until {@link #close()}. */
    MemorySegment data() {
        return bytesOf(area());
    }

    /** Reads a {@code VipsBlob*}'s data pointer and length (does not take a reference). */
    static MemorySegment bytesOf(MemorySegment blob) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocate(JAVA_LONG);
            MemorySegment data = Native.blobGet(blob, len);
            long n = len.get(JAVA_LONG, 0);
            return n == 0 || data.equals(MemorySegment.NULL) ? MemorySegment.NULL : data.reinterpret(n);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
