package dev.pixkit.imaging.vips;

/**
 * One argument of a libvips operation, as libvips describes it.
 *
 * @param name     argument name, e.g. {@code width}
 * @param typeName GType name, e.g. {@code gint}, {@code VipsImage}, {@code VipsArrayDouble}
 * @param flags    {@code VipsArgumentFlags} bits
 */
public record VipsArgument(String name, String typeName, int flags) {

    static final int REQUIRED = 1;
    static final int CONSTRUCT = 2;
    static final int INPUT = 16;
    static final int OUTPUT = 32;
    static final int DEPRECATED = 64;

    public boolean isInput() {
        return (flags & INPUT) != 0;
    }

    public boolean isOutput() {
        return (flags & OUTPUT) != 0;
    }

    public boolean isRequired() {
        return (flags & REQUIRED) != 0;
    }

    public boolean isDeprecated() {
        return (flags & DEPRECATED) != 0;
    }
}
