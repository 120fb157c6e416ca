package dev.pixkit.imaging.vips;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of one {@link Operation#call()}, keyed by libvips' output argument names. Images are
 * handed over with {@link #image(String)} (the caller then owns them); closing the result closes any
 * image nobody took.
 */
public final class Result implements AutoCloseable {

    private final String operation;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Result(String operation) {
        this.operation = operation;
    }

    void put(String name, Object value) {
        values.put(key(name), value);
    }

    /** GObject treats '-' and '_' in property names alike; so do we (keys use '_'). */
    private static String key(String name) {
        return name.replace('-', '_');
    }

    /** Names of the outputs that were read. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** True if output {@code name} was read. */
    public boolean has(String name) {
        return values.containsKey(key(name));
    }

    /** Takes an image output; the caller owns (and must close) it. Each image can be taken once. */
    public VipsImage image(String name) {
        VipsImage image = get(name, VipsImage.class);
        values.remove(key(name));
        return image;
    }

    /** Takes an array-of-images output; the caller owns (and must close) every image. */
    public VipsImage[] images(String name) {
        VipsImage[] images = get(name, VipsImage[].class);
        values.remove(key(name));
        return images;
    }

    /** A blob output (e.g. a saver's {@code buffer}), already copied into Java memory. */
    public byte[] bytes(String name) {
        return get(name, byte[].class);
    }

    public int getInt(String name) {
        return get(name, Integer.class);
    }

    /** An int64/uint/uint64 output (ints are widened too). */
    public long getLong(String name) {
        return get(name, Number.class).longValue();
    }

    public double getDouble(String name) {
        return get(name, Number.class).doubleValue();
    }

    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    /** A string output, or an enum output as its nickname. */
    public String getString(String name) {
        return get(name, String.class);
    }

    public double[] doubles(String name) {
        return get(name, double[].class);
    }

    public int[] ints(String name) {
        return get(name, int[].class);
    }

    private <T> T get(String name, Class<T> type) {
        name = key(name);
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(operation + ": no output '" + name + "' was read (read: "
                    + values.keySet() + "; request optional outputs with Operation.out(name))");
        }
        Object value = values.get(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(operation + ": output '" + name + "' is "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + ", not " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** Closes every image output that was not taken. */
    @Override
    public void close() {
        for (Object value : values.values()) {
            if (value instanceof VipsImage image) {
                image.close();
            } else if (value instanceof VipsImage[] images) {
                for (VipsImage image : images) {
                    image.close();
                }
            }
        }
        values.clear();
    }
}
