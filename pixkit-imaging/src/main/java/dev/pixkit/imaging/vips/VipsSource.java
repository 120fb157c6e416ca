package dev.pixkit.imaging.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A libvips input stream ({@code VipsSource}) for the {@code *load_source} loaders and
 * {@code thumbnail_source}. Unlike filename arguments of some operations, a source's file name is
 * never parsed for {@code [load-options]}, so any file name is safe.
 */
public final class VipsSource implements AutoCloseable {

    private final NativeHandle handle;

    private VipsSource(MemorySegment source) {
        this.handle = new NativeHandle(this, source, Native::gObjectUnref);
    }

    /** A source reading {@code file} (opened lazily by libvips). */
    public static VipsSource ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        VipsRuntime.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = Native.sourceNewFromFile(arena.allocateFrom(file.toString()));
            if (source.equals(MemorySegment.NULL)) {
                throw VipsErrors.exception("vips_source_new_from_file");
            }
            return new VipsSource(source);
        }
    }

    MemorySegment pointer() {
        return handle.pointer("VipsSource");
    }

    /** Drops this reference; images still reading from the source keep it alive. */
    @Override
    public void close() {
        handle.close();
    }
}
