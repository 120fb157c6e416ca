package dev.pixkit.imaging.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Entry point for calling libvips operations by name and for asking what this libvips can do. */
public final class Vips {

    private static final Map<String, List<VipsArgument>> ARGUMENTS = new ConcurrentHashMap<>();

    private Vips() {}

    /** Starts a call to the libvips operation with nickname {@code name}, e.g. {@code "embed"}. */
    public static Operation op(String name) {
        VipsRuntime.get();
        return new Operation(name);
    }

    /** The runtime (loads libvips on first use). */
    public static VipsRuntime runtime() {
        return VipsRuntime.get();
    }

    /** True if this libvips has a (concrete) operation called {@code name}. */
    public static boolean hasOperation(String name) {
        try {
            arguments(name);
            return true;
        } catch (VipsException e) {
            return false;
        }
    }

    /** The arguments of operation {@code name}, as libvips describes them (cached). */
    public static List<VipsArgument> arguments(String name) {
        Objects.requireNonNull(name, "name");
        VipsRuntime.get();
        List<VipsArgument> cached = ARGUMENTS.get(name);
        if (cached != null) {
            return cached;
        }
        List<VipsArgument> arguments;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment operation = Invoker.newOperation(name, arena);
            try {
                arguments = Invoker.describe(operation);
            } finally {
                Native.gObjectUnref(operation);
            }
        }
        ARGUMENTS.putIfAbsent(name, arguments);
        return arguments;
    }

    /** True if operation {@code operation} has an argument {@code argument} (e.g. {@code keep} on 8.15+ savers). */
    public static boolean hasArgument(String operation, String argument) {
        return hasOperation(operation)
                && arguments(operation).stream().anyMatch(a -> a.name().equals(argument));
    }

    /**
     * The nickname of the loader libvips would use for these bytes (e.g. {@code jpegload_buffer}),
     * sniffed from the first bytes only.
     *
     * @throws VipsException if no loader recognises the data
     */
    public static String findLoader(VipsBlob blob) {
        VipsRuntime.get();
        VipsLog.reset();
        MemorySegment data = blob.data();
        try (Arena arena = Arena.ofConfined()) {
            // Never hand libvips a NULL pointer, even for an empty buffer.
            MemorySegment bytes = data.equals(MemorySegment.NULL) ? arena.allocate(1) : data;
            MemorySegment typeName = Native.foreignFindLoadBuffer(bytes, data.byteSize());
            return loaderNickname("vips_foreign_find_load_buffer", typeName);
        }
    }

    /**
     * The nickname of the loader libvips would use for this file (e.g. {@code jpegload}).
     *
     * @throws VipsException if the file is missing or no loader recognises it
     */
    public static String findLoader(Path file) {
        VipsRuntime.get();
        VipsLog.reset();
        try (Arena arena = Arena.ofConfined()) {
            // A trailing "[...]" would be read as load options, so append an empty option string.
            MemorySegment typeName = Native.foreignFindLoad(arena.allocateFrom(file.toString() + "[]"));
            return loaderNickname("vips_foreign_find_load", typeName);
        }
    }

    private static String loaderNickname(String step, MemorySegment typeName) {
        String name = CStrings.read(typeName);
        if (name == null) {
            throw VipsErrors.exception(step);
        }
        try (Arena arena = Arena.ofConfined()) {
            String nickname = CStrings.read(Native.nicknameFind(Native.gTypeFromName(arena.allocateFrom(name))));
            return nickname == null ? name : nickname;
        }
    }
}
