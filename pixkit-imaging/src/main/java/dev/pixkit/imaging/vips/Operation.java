package dev.pixkit.imaging.vips;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A call to any libvips operation by nickname, built up argument by argument and then run once.
 *
 * <pre>{@code
 * VipsImage thumb = Vips.op("thumbnail_buffer")
 *         .in("buffer", jpegBytes).in("width", 300).in("height", 200).in("crop", "attention")
 *         .callImage("out");
 * }</pre>
 *
 * <p>Values are converted according to the argument's libvips type: numbers to int/double
 * arguments, strings or Java enums (see {@link VipsEnum}) or raw ints to enums and flags, arrays to
 * {@code VipsArrayDouble}/{@code VipsArrayInt}/{@code VipsArrayImage}, {@code byte[]} or
 * {@link VipsBlob} to blobs (a {@code byte[]} is copied into libvips-owned memory), strings to
 * interpolators, {@link VipsImage}s and {@link VipsSource}s to objects. Any mismatch, unknown operation, unknown argument or libvips failure throws a
 * {@link VipsException}. A builder is not thread-safe; each call is independent and libvips itself
 * may be called from any number of threads.
 */
public final class Operation {

    private final String name;
    private final List<Invoker.Input> inputs = new ArrayList<>();
    private final Set<String> outputs = new LinkedHashSet<>();

    Operation(String name) {
        this.name = Objects.requireNonNull(name, "operation name");
    }

    /** The operation nickname. */
    public String name() {
        return name;
    }

    public Operation in(String argument, boolean value) {
        return add(argument, value);
    }

    public Operation in(String argument, int value) {
        return add(argument, value);
    }

    public Operation in(String argument, long value) {
        return add(argument, value);
    }

    public Operation in(String argument, double value) {
        return add(argument, value);
    }

    /** A string, enum/flags nickname (flags may be joined with {@code |}), or interpolator name. */
    public Operation in(String argument, String value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** An enum or flags value, passed by nickname (see {@link VipsEnum}). */
    public Operation in(String argument, Enum<?> value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** A {@code VipsBlob} argument; the bytes are copied into libvips-owned memory. */
    public Operation in(String argument, byte[] value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** A {@code VipsBlob} argument that already lives in libvips memory (no copy). */
    public Operation in(String argument, VipsBlob value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** An image argument (the operation takes its own reference). */
    public Operation in(String argument, VipsImage value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** A {@code VipsSource} argument, for the {@code *_source} loaders and {@code thumbnail_source}. */
    public Operation in(String argument, VipsSource value) {
        return add(argument, Objects.requireNonNull(value, argument));
    }

    /** A {@code VipsArrayDouble} (or a single double) argument. */
    public Operation in(String argument, double... values) {
        return add(argument, values.clone());
    }

    /** A {@code VipsArrayInt} or {@code VipsArrayDouble} argument. */
    public Operation in(String argument, int... values) {
        return add(argument, values.clone());
    }

    /** A {@code VipsArrayImage} argument. */
    public Operation in(String argument, VipsImage... values) {
        return add(argument, values.clone());
    }

    /** Also read optional output {@code argument} in {@link #call()} (required outputs are always read). */
    public Operation out(String argument) {
        outputs.add(Objects.requireNonNull(argument, "argument"));
        return this;
    }

    /** Runs the operation and returns all required outputs plus those asked for with {@link #out}. */
    public Result call() {
        return Invoker.invoke(name, inputs, outputs, true);
    }

    /** Runs the operation and returns only image output {@code output} (the caller owns it). */
    public VipsImage callImage(String output) {
        try (Result result = Invoker.invoke(name, inputs, List.of(output), false)) {
            return result.image(output);
        }
    }

    /** Runs the operation and returns blob output {@code output} (e.g. a saver's {@code buffer}). */
    public byte[] callBytes(String output) {
        try (Result result = Invoker.invoke(name, inputs, List.of(output), false)) {
            return result.bytes(output);
        }
    }

    /** Runs the operation for its side effects, discarding outputs. */
    public void run() {
        try (Result _ = Invoker.invoke(name, inputs, outputs, false)) {
            // nothing to read
        }
    }

    private Operation add(String argument, Object value) {
        inputs.add(new Invoker.Input(Objects.requireNonNull(argument, "argument"), value));
        return this;
    }

    @Override
    public String toString() {
        return "Operation[" + name + inputs.stream().map(Invoker.Input::name).toList() + "]";
    }
}
