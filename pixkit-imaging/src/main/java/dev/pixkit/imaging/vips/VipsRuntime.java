package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process-wide libvips instance: loads the library (see {@link #library()} for how it is
 * chosen), runs {@code vips_init} once, disables libvips' operation cache, and exposes version,
 * concurrency and leak counters.
 *
 * <p>Initialisation is lazy and thread-safe; the first {@link #get()} does it. If loading fails every
 * call to {@link #get()} throws a {@link VipsLibraryException} explaining what was tried and how to
 * fix it.
 */
public final class VipsRuntime {

    private static final class Holder {
        static final VipsRuntime INSTANCE;
        static final RuntimeException FAILURE;

        static {
            VipsRuntime instance = null;
            RuntimeException failure = null;
            try {
                instance = new VipsRuntime();
            } catch (VipsLibraryException e) {
                failure = e;
            } catch (ExceptionInInitializerError e) {
                failure = e.getCause() instanceof VipsLibraryException v
                        ? v
                        : LibraryLoader.failure(LibraryLoader.resolve(), String.valueOf(e.getCause()), e.getCause());
            } catch (RuntimeException | LinkageError e) {
                failure = LibraryLoader.failure(LibraryLoader.resolve(), String.valueOf(e), e);
            }
            INSTANCE = instance;
            FAILURE = failure;
        }
    }

    /** Upcall target for {@code vips_object_map}: bumps the {@code long} counter at {@code a}. */
    private static final MemorySegment COUNT_OBJECT_STUB;

    static {
        try {
            var target = MethodHandles.lookup().findStatic(VipsRuntime.class, "countObject",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class, MemorySegment.class,
                            MemorySegment.class));
            COUNT_OBJECT_STUB = Linker.nativeLinker().upcallStub(target,
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String library;
    private final String librarySource;
    private final String version;

    private VipsRuntime() {
        LibraryLoader.Choice choice = Native.CHOICE; // opens the library and binds every symbol
        this.library = choice.library();
        this.librarySource = choice.source();
        try (Arena arena = Arena.ofConfined()) {
            if (Native.vipsInit(arena.allocateFrom("pixkit")) != 0) {
                throw LibraryLoader.failure(choice, "vips_init failed: " + VipsErrors.take(), null);
            }
        }
        VipsLog.install();
        // Pixkit caches rendered results itself; libvips' operation cache would only hold memory
        // and file descriptors and make leak accounting meaningless.
        Native.cacheSetMax(0);
        Native.cacheSetMaxMem(0);
        Native.cacheSetMaxFiles(0);
        this.version = Native.vipsVersion(0) + "." + Native.vipsVersion(1) + "." + Native.vipsVersion(2);
    }

    /**
     * The initialised runtime.
     *
     * @throws VipsLibraryException if libvips cannot be loaded or initialised
     */
    public static VipsRuntime get() {
        VipsRuntime instance = Holder.INSTANCE;
        if (instance == null) {
            RuntimeException failure = Holder.FAILURE;
            throw new VipsLibraryException(
                    failure instanceof VipsLibraryException v ? v.library() : LibraryLoader.resolve().library(),
                    failure.getMessage(), failure);
        }
        return instance;
    }

    /** True if libvips loaded and initialised (never throws). */
    public static boolean isAvailable() {
        return Holder.INSTANCE != null;
    }

    /** libvips version as {@code major.minor.micro}, e.g. {@code 8.17.3}. */
    public String version() {
        return version;
    }

    /** True if the loaded libvips is at least {@code major.minor}. */
    public boolean isAtLeast(int major, int minor) {
        int ma = Native.vipsVersion(0);
        return ma > major || (ma == major && Native.vipsVersion(1) >= minor);
    }

    /**
     * The library name or path that was loaded: system property {@code pixkit.vips.library}, else
     * environment variable {@code PIXKIT_VIPS_LIBRARY}, else {@code libvips.so.42}.
     */
    public String library() {
        return library;
    }

    /** Where {@link #library()} came from (system property, environment variable, or default). */
    public String librarySource() {
        return librarySource;
    }

    /** The file the dynamic linker actually mapped for {@link #library()}, if it can be determined (Linux). */
    public Optional<Path> libraryFile() {
        String fileName = Path.of(library).getFileName().toString();
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(line -> line.indexOf('/') < 0 ? null : line.substring(line.indexOf('/')))
                    .filter(p -> p != null && Path.of(p).getFileName().toString().startsWith(fileName))
                    .findFirst()
                    .map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line for logs, e.g. {@code libvips 8.17.3 (/opt/.../libvips-cpp.so.8.17.3, environment variable ...)}. */
    public String describe() {
        return "libvips " + version + " (" + libraryFile().map(Path::toString).orElse(library) + ", from "
                + librarySource + ")";
    }

    /**
     * Sets how many worker threads each libvips operation may use ({@code vips_concurrency_set});
     * 0 restores libvips' default (the number of CPUs, or {@code VIPS_CONCURRENCY}).
     */
    public void setConcurrency(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("concurrency must be >= 0, got " + threads);
        }
        Native.concurrencySet(threads);
    }

    /** Worker threads per operation currently in effect. */
    public int concurrency() {
        return Native.concurrencyGet();
    }

    /**
     * Blocks (or unblocks) loaders and savers libvips marks as untrusted (ImageMagick, matrix, FITS
     * ...) for the whole process; see {@code vips_block_untrusted_set}.
     */
    public void blockUntrusted(boolean block) {
        Native.blockUntrustedSet(block);
    }

    /** Number of live {@code VipsObject}s (images, operations, interpolators ...) in the process. */
    public long liveObjects() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(JAVA_LONG);
            Native.objectMap(COUNT_OBJECT_STUB, counter, MemorySegment.NULL);
            return counter.get(JAVA_LONG, 0);
        }
    }

    /** Bytes libvips currently has allocated for pixel buffers ({@code vips_tracked_get_mem}). */
    public long trackedMemory() {
        return Native.trackedMem();
    }

    /** Peak of {@link #trackedMemory()} since start-up. */
    public long trackedMemoryHighwater() {
        return Native.trackedMemHighwater();
    }

    /** Number of live tracked allocations ({@code vips_tracked_get_allocs}). */
    public int trackedAllocations() {
        return Native.trackedAllocs();
    }

    /** Number of files libvips currently has open ({@code vips_tracked_get_files}). */
    public int trackedFiles() {
        return Native.trackedFiles();
    }

    /** Snapshot of the leak counters, handy for logging and tests. */
    public Stats stats() {
        return new Stats(liveObjects(), trackedMemory(), trackedAllocations(), trackedFiles());
    }

    /** Leak counters at one moment. */
    public record Stats(long liveObjects, long trackedMemory, int trackedAllocations, int trackedFiles) {}

    @SuppressWarnings("unused") // called from native code via COUNT_OBJECT_STUB
    private static MemorySegment countObject(MemorySegment object, MemorySegment counter, MemorySegment unused) {
        MemorySegment c = counter.reinterpret(JAVA_LONG.byteSize());
        c.set(JAVA_LONG, 0, c.get(JAVA_LONG, 0) + 1);
        return MemorySegment.NULL;
    }
}
