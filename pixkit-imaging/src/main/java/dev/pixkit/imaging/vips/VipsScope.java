package dev.pixkit.imaging.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A lifetime for the many intermediate images (and blobs) of one pipeline run: everything
 * {@linkplain #track tracked} is released, newest first, when the scope closes — also on exceptions.
 *
 * <p>Backed by a confined {@link Arena}: open and close the scope on the same thread. The arena can
 * also hold temporary native memory for the run ({@link #arena()}).
 *
 * <pre>{@code
 * try (VipsScope scope = new VipsScope()) {
 *     VipsImage thumb = scope.track(Vips.op("thumbnail_buffer").in("buffer", bytes).in("width", 300).callImage("out"));
 *     VipsImage flipped = scope.track(Vips.op("flip").in("in", thumb).in("direction", "horizontal").callImage("out"));
 *     return Vips.op("jpegsave_buffer").in("in", flipped).callBytes("buffer");
 * }
 * }</pre>
 */
public final class VipsScope implements AutoCloseable {

    private final Arena arena = Arena.ofConfined();

    /** Opens a scope owned by the calling thread. */
    public VipsScope() {
        VipsRuntime.get();
    }

    /** Registers {@code image} to be closed with this scope and returns it. */
    public VipsImage track(VipsImage image) {
        onClose(image::close);
        return image;
    }

    /** Registers {@code blob} to be closed with this scope and returns it. */
    public VipsBlob track(VipsBlob blob) {
        onClose(blob::close);
        return blob;
    }

    /** Shortcut for {@code track(operation.callImage(output))}. */
    public VipsImage image(Operation operation, String output) {
        return track(operation.callImage(output));
    }

    /** Confined arena for temporary native allocations that should live as long as this scope. */
    public Arena arena() {
        return arena;
    }

    private void onClose(Runnable action) {
        // A zero-length segment whose only purpose is to run the action when the arena closes.
        MemorySegment.NULL.reinterpret(arena, _ -> action.run());
    }

    /** Releases everything tracked, newest first. */
    @Override
    public void close() {
        arena.close();
    }
}
