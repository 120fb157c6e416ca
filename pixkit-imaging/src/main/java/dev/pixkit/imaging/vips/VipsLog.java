package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Routes libvips' GLib log output (domain {@code VIPS}) to {@link System.Logger}
 * {@code dev.pixkit.imaging.vips} instead of stderr, and remembers the latest warnings of the
 * current thread: some decoders (e.g. libpng in Debian's build) explain a failure only in a warning,
 * and {@link VipsErrors} uses that text when libvips' error buffer is empty.
 *
 * <p>Per-image warnings ("invalid chunk type", "premature end of JPEG file") are logged at DEBUG;
 * GLib criticals at WARNING.
 */
final class VipsLog {

    private static final Logger LOG = System.getLogger("dev.pixkit.imaging.vips");

    private static final int G_LOG_LEVEL_CRITICAL = 1 << 3;
    private static final int G_LOG_LEVEL_WARNING = 1 << 4;
    private static final int G_LOG_LEVEL_MESSAGE = 1 << 5;
    private static final int G_LOG_LEVEL_INFO = 1 << 6;
    private static final int MAX_REMEMBERED = 512;

    /** Warnings seen on this thread since the last {@link #reset()}. */
    private static final ThreadLocal<StringBuilder> RECENT = new ThreadLocal<>();

    private VipsLog() {}

    static void install() {
        try {
            var target = MethodHandles.lookup().findStatic(VipsLog.class, "handle", MethodType.methodType(
                    void.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment stub = Linker.nativeLinker().upcallStub(target,
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
            int levels = G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO;
            Native.gLogSetHandler(Arena.global().allocateFrom("VIPS"), levels, stub, MemorySegment.NULL);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets this thread's remembered warnings (called before each operation). */
    static void reset() {
        if (RECENT.get() != null) {
            RECENT.remove();
        }
    }

    /** This thread's warnings since the last {@link #reset()}, or "" if none. */
    static String recent() {
        StringBuilder sb = RECENT.get();
        return sb == null ? "" : sb.toString();
    }

    /** GLogFunc. Runs on whatever thread logged; must never throw back into native code. */
    @SuppressWarnings("unused")
    private static void handle(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
        try {
            String text = CStrings.read(message);
            if (text == null) {
                return;
            }
            boolean critical = (level & G_LOG_LEVEL_CRITICAL) != 0;
            LOG.log(critical ? Level.WARNING : Level.DEBUG, "libvips: {0}", text);
            if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0) {
                StringBuilder sb = RECENT.get();
                if (sb == null) {
                    RECENT.set(sb = new StringBuilder());
                }
                if (sb.length() < MAX_REMEMBERED && sb.indexOf(text) < 0) {
                    sb.append(sb.isEmpty() ? "" : "; ").append(text);
                }
            }
        } catch (Throwable ignored) {
            // An exception escaping an upcall would crash the JVM.
        }
    }
}
