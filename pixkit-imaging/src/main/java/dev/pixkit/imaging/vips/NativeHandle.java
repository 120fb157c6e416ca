package dev.pixkit.imaging.vips;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;

/**
 * Owns one native reference (a GObject ref or a VipsArea ref). {@link #close()} releases it exactly
 * once; a {@link Cleaner} releases it if the owner is garbage collected unclosed (a safety net only:
 * callers are expected to close deterministically).
 */
final class NativeHandle {

    private static final Cleaner CLEANER =
            Cleaner.create(Thread.ofPlatform().daemon().name("pixkit-vips-cleaner").factory());

    private final MemorySegment pointer;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    /** @param owner the Java object whose reachability guards the reference */
    NativeHandle(Object owner, MemorySegment pointer, Consumer<MemorySegment> release) {
        this.pointer = pointer;
        this.cleanable = CLEANER.register(owner, new Release(pointer, release));
    }

    /** The native pointer; throws if already released. */
    MemorySegment pointer(String what) {
        if (closed) {
            throw new IllegalStateException(what + " is closed");
        }
        return pointer;
    }

    boolean isClosed() {
        return closed;
    }

    /** Releases the reference; later calls do nothing. */
    void close() {
        closed = true;
        cleanable.clean();
    }

    /** Must not capture the owner, or the Cleaner could never run. */
    private record Release(MemorySegment pointer, Consumer<MemorySegment> release) implements Runnable {
        @Override
        public void run() {
            release.accept(pointer);
        }
    }
}
