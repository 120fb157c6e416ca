package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one generic path into libvips: create an operation by nickname, set its inputs through
 * GValues, build it (via the operation cache entry point, with the cache disabled), read the
 * requested outputs, and release everything — on success and on every failure path.
 */
final class Invoker {

    /** Offsets verified against libvips' object.h and GLib's gparam.h (LP64). */
    private static final long PSPEC_VALUE_TYPE = 24;      // GParamSpec.value_type
    private static final long ARGUMENT_CLASS_FLAGS = 16;  // VipsArgumentClass.flags

    private static final int G_TYPE_FLAG_ABSTRACT = 1 << 4;

    /** Operation nicknames already checked to name a concrete VipsOperation class. */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Invoker() {}

    /** An input argument (name plus the Java value the builder recorded). */
    record Input(String name, Object value) {}

    /** An argument's GType and {@code VipsArgumentFlags}. */
    record Arg(long type, int flags) {}

    static Result invoke(String name, List<Input> inputs, Collection<String> outputs, boolean allRequiredOutputs) {
        VipsRuntime.get();
        VipsLog.reset();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment operation = newOperation(name, arena);
            MemorySegment ref = arena.allocate(ADDRESS);
            ref.set(ADDRESS, 0, operation);
            try {
                for (Input input : inputs) {
                    setInput(operation, name, input, arena);
                }
                if (Native.cacheOperationBuildp(ref) != 0) {
                    throw VipsErrors.exception(name);
                }
                // On success buildp may have swapped in an equivalent (cached) operation; either way
                // `ref` now holds the one reference we own.
                MemorySegment built = ref.get(ADDRESS, 0);
                Set<String> wanted = new LinkedHashSet<>(outputs);
                if (allRequiredOutputs) {
                    wanted.addAll(requiredOutputs(built));
                }
                return readOutputs(built, name, wanted, arena);
            } finally {
                MemorySegment owned = ref.get(ADDRESS, 0);
                Native.objectUnrefOutputs(owned);
                Native.gObjectUnref(owned);
            }
        }
    }

    /** {@code vips_operation_new}, after checking the name denotes a concrete operation class. */
    static MemorySegment newOperation(String name, Arena arena) {
        MemorySegment cname = arena.allocateFrom(name);
        if (!KNOWN.contains(name)) {
            long type = Native.typeFind(arena.allocateFrom("VipsOperation"), cname);
            if (type == 0) {
                throw new VipsException(name, "unknown operation: libvips " + VipsRuntime.get().version()
                        + " has no operation called '" + name + "'");
            }
            if (Native.gTypeTestFlags(type, G_TYPE_FLAG_ABSTRACT)) {
                // g_object_new() on an abstract type aborts the process, so never get that far.
                throw new VipsException(name, "'" + name + "' is an abstract operation class and cannot be called");
            }
            KNOWN.add(name);
        }
        MemorySegment operation = Native.operationNew(cname);
        if (operation.equals(MemorySegment.NULL)) {
            throw VipsErrors.exception(name);
        }
        return operation;
    }

    /** Looks up an argument of {@code object}; throws a clear VipsException if there is none. */
    static Arg argument(MemorySegment object, String op, String arg, Arena arena) {
        MemorySegment pspec = arena.allocate(ADDRESS);
        MemorySegment argumentClass = arena.allocate(ADDRESS);
        MemorySegment argumentInstance = arena.allocate(ADDRESS);
        if (Native.objectGetArgument(object, arena.allocateFrom(arg), pspec, argumentClass, argumentInstance) != 0) {
            throw new VipsException(op, "unknown argument '" + arg + "' (" + VipsErrors.take() + ")");
        }
        long type = pspec.get(ADDRESS, 0).reinterpret(PSPEC_VALUE_TYPE + 8).get(JAVA_LONG, PSPEC_VALUE_TYPE);
        int flags = argumentClass.get(ADDRESS, 0).reinterpret(ARGUMENT_CLASS_FLAGS + 4).get(JAVA_INT, ARGUMENT_CLASS_FLAGS);
        return new Arg(type, flags);
    }

    private static void setInput(MemorySegment operation, String op, Input input, Arena arena) {
        Arg arg = argument(operation, op, input.name(), arena);
        if ((arg.flags() & VipsArgument.INPUT) == 0) {
            throw new VipsException(op, "argument '" + input.name() + "' is not an input argument");
        }
        MemorySegment value = GValues.create(arena, arg.type());
        try {
            GValues.set(value, arg.type(), input.value(), arena, op, input.name());
            Native.gObjectSetProperty(operation, arena.allocateFrom(input.name()), value);
        } finally {
            Native.gValueUnset(value);
        }
    }

    private static Result readOutputs(MemorySegment operation, String op, Set<String> names, Arena arena) {
        Result result = new Result(op);
        try {
            for (String name : names) {
                Arg arg = argument(operation, op, name, arena);
                if ((arg.flags() & VipsArgument.OUTPUT) == 0) {
                    throw new VipsException(op, "argument '" + name + "' is not an output argument");
                }
                MemorySegment value = GValues.create(arena, arg.type());
                try {
                    Native.gObjectGetProperty(operation, arena.allocateFrom(name), value);
                    result.put(name, GValues.get(value, arg.type(), arena, op, name));
                } finally {
                    Native.gValueUnset(value);
                }
            }
            return result;
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }

    /** Names of required, non-deprecated outputs of a built operation. */
    private static List<String> requiredOutputs(MemorySegment operation) {
        List<String> out = new ArrayList<>();
        for (VipsArgument a : describe(operation)) {
            if (a.isOutput() && a.isRequired() && !a.isDeprecated()) {
                out.add(a.name());
            }
        }
        return out;
    }

    /** All arguments of {@code object} ({@code vips_object_get_args}); names are class-owned, not freed. */
    static List<VipsArgument> describe(MemorySegment object) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment names = arena.allocate(ADDRESS);
            MemorySegment flags = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_INT);
            if (Native.objectGetArgs(object, names, flags, count) != 0) {
                throw VipsErrors.exception("vips_object_get_args");
            }
            int n = count.get(JAVA_INT, 0);
            MemorySegment nameArray = names.get(ADDRESS, 0).reinterpret(ADDRESS.byteSize() * n);
            MemorySegment flagArray = flags.get(ADDRESS, 0).reinterpret(JAVA_INT.byteSize() * n);
            List<VipsArgument> arguments = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = CStrings.read(nameArray.getAtIndex(ADDRESS, i));
                Arg arg = argument(object, "vips_object_get_args", name, arena);
                arguments.add(new VipsArgument(name, GTypes.name(arg.type()), flagArray.getAtIndex(JAVA_INT, i)));
            }
            return List.copyOf(arguments);
        }
    }
}
