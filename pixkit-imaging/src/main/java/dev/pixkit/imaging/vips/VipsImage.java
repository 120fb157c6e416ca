package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One reference to a libvips image. Images are lazy: pixels are computed when a saver (or another
 * sink) asks for them. Close every image you obtain (try-with-resources or a {@link VipsScope});
 * {@link #close()} is idempotent and a Cleaner releases forgotten images as a last resort.
 *
 * <p>Images are immutable once built and may be shared between threads; do not close an image while
 * another thread is still passing it to an operation.
 */
public final class VipsImage implements AutoCloseable {

    /** The EXIF orientation metadata field libvips uses. */
    public static final String ORIENTATION = "orientation";
    /** The metadata field libvips' loaders set to their own nickname, e.g. {@code jpegload_buffer}. */
    public static final String LOADER = "vips-loader";

    private final NativeHandle handle;

    /** Takes ownership of one reference to {@code image}. */
    VipsImage(MemorySegment image) {
        this.handle = new NativeHandle(this, image, Native::gObjectUnref);
    }

    /** The {@code VipsImage*}; valid until {@link #close()}. */
    MemorySegment pointer() {
        return handle.pointer("VipsImage");
    }

    public int width() {
        return Native.imageGetWidth(pointer());
    }

    public int height() {
        return Native.imageGetHeight(pointer());
    }

    public int bands() {
        return Native.imageGetBands(pointer());
    }

    /** True if the last band is alpha ({@code vips_image_hasalpha}). */
    public boolean hasAlpha() {
        return Native.imageHasAlpha(pointer());
    }

    /** EXIF orientation 1..8, or 1 if the image has none. */
    public int orientation() {
        return getInt(ORIENTATION).orElse(1);
    }

    /** Number of pages (frames) for multi-page images, else 1. */
    public int pages() {
        return Native.imageGetNPages(pointer());
    }

    /** Height of one page: equals {@link #height()} unless the pages are stacked vertically. */
    public int pageHeight() {
        return Native.imageGetPageHeight(pointer());
    }

    /** libvips interpretation nickname, e.g. {@code srgb}, {@code b-w}, {@code cmyk}. */
    public String interpretation() {
        return CStrings.read(Native.enumNick(GTypes.INTERPRETATION, Native.imageGetInterpretation(pointer())));
    }

    /** Band format nickname, e.g. {@code uchar}, {@code ushort}, {@code float}. */
    public String bandFormat() {
        return CStrings.read(Native.enumNick(GTypes.BAND_FORMAT, Native.imageGetFormat(pointer())));
    }

    /** Nickname of the loader that produced this image (metadata {@value #LOADER}), if any. */
    public Optional<String> loader() {
        return getString(LOADER);
    }

    /** True if the metadata field exists. */
    public boolean hasField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return Native.imageGetTypeof(pointer(), arena.allocateFrom(name)) != 0;
        }
    }

    /** An int metadata field, if present and of int type. */
    public OptionalInt getInt(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            if (Native.imageGetTypeof(pointer(), cname) != GTypes.INT) {
                return OptionalInt.empty();
            }
            MemorySegment out = arena.allocate(JAVA_INT);
            if (Native.imageGetInt(pointer(), cname, out) != 0) {
                VipsErrors.clear();
                return OptionalInt.empty();
            }
            return OptionalInt.of(out.get(JAVA_INT, 0));
        }
    }

    /** A double metadata field, if present and of double type. */
    public OptionalDouble getDouble(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            if (Native.imageGetTypeof(pointer(), cname) != GTypes.DOUBLE) {
                return OptionalDouble.empty();
            }
            MemorySegment out = arena.allocate(JAVA_DOUBLE);
            if (Native.imageGetDouble(pointer(), cname, out) != 0) {
                VipsErrors.clear();
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(out.get(JAVA_DOUBLE, 0));
        }
    }

    /** A string metadata field, if present and of string type. */
    public Optional<String> getString(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            long type = Native.imageGetTypeof(pointer(), cname);
            if (type != GTypes.STRING && type != GTypes.REF_STRING) {
                return Optional.empty();
            }
            MemorySegment out = arena.allocate(ADDRESS);
            if (Native.imageGetString(pointer(), cname, out) != 0) {
                VipsErrors.clear();
                return Optional.empty();
            }
            return Optional.ofNullable(CStrings.read(out.get(ADDRESS, 0)));
        }
    }

    /**
     * A blob metadata field (e.g. {@code exif-data}, {@code icc-profile-data}, {@code xmp-data}) copied into Java,
     * if present and of blob type.
     */
    public Optional<byte[]> getBlob(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            if (Native.imageGetTypeof(pointer(), cname) != GTypes.BLOB) {
                return Optional.empty();
            }
            MemorySegment data = arena.allocate(ADDRESS);
            MemorySegment length = arena.allocate(JAVA_LONG);
            if (Native.imageGetBlob(pointer(), cname, data, length) != 0) {
                VipsErrors.clear();
                return Optional.empty();
            }
            long n = length.get(JAVA_LONG, 0);
            MemorySegment bytes = data.get(ADDRESS, 0);
            if (n == 0 || bytes.equals(MemorySegment.NULL)) {
                return Optional.of(new byte[0]);
            }
            return Optional.of(bytes.reinterpret(n).toArray(JAVA_BYTE));
        }
    }

    /**
     * Computes the whole image and copies its pixels into Java: band-interleaved, row by row, in the image's band
     * format and machine byte order ({@code vips_image_write_to_memory}). Meant for small images (a hash's 32x32
     * thumbnail), since everything is held in memory twice for a moment.
     *
     * @throws VipsException if computing the pixels fails (e.g. a truncated file under {@code fail}), or if the
     *                       image is too large for a Java array
     */
    public byte[] pixels() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            VipsLog.reset();
            MemorySegment buffer = Native.imageWriteToMemory(pointer(), size);
            if (buffer.equals(MemorySegment.NULL)) {
                throw VipsErrors.exception("vips_image_write_to_memory");
            }
            try {
                long n = size.get(JAVA_LONG, 0);
                if (n > Integer.MAX_VALUE - 8) {
                    throw new VipsException("vips_image_write_to_memory", n + " bytes do not fit a Java array");
                }
                return buffer.reinterpret(n).toArray(JAVA_BYTE);
            } finally {
                Native.gFree(buffer);
            }
        }
    }

    /** A new image sharing these pixels with int field {@code name} set (this image is unchanged). */
    public VipsImage withInt(String name, int value) {
        return withMetadata((image, cname) -> Native.imageSetInt(image, cname, value), name);
    }

    /** A new image sharing these pixels with double field {@code name} set (this image is unchanged). */
    public VipsImage withDouble(String name, double value) {
        return withMetadata((image, cname) -> Native.imageSetDouble(image, cname, value), name);
    }

    /** A new image sharing these pixels with string field {@code name} set (this image is unchanged). */
    public VipsImage withString(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cvalue = arena.allocateFrom(value);
            return withMetadata((image, cname) -> Native.imageSetString(image, cname, cvalue), name);
        }
    }

    /** A new image sharing these pixels without metadata field {@code name} (this image is unchanged). */
    public VipsImage without(String name) {
        return withMetadata(Native::imageRemove, name);
    }

    private interface MetadataEdit {
        void apply(MemorySegment image, MemorySegment name);
    }

    /** libvips images must not be modified once shared, so edits go to a fresh {@code copy}. */
    private VipsImage withMetadata(MetadataEdit edit, String name) {
        VipsImage copy = Vips.op("copy").in("in", this).callImage("out");
        try (Arena arena = Arena.ofConfined()) {
            edit.apply(copy.pointer(), arena.allocateFrom(name));
            return copy;
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /** Drops this reference ({@code g_object_unref}); idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        if (isClosed()) {
            return "VipsImage[closed]";
        }
        return "VipsImage[" + width() + "x" + height() + "x" + bands() + " " + bandFormat() + " "
                + interpretation() + loader().map(l -> " from " + l).orElse("") + "]";
    }
}
