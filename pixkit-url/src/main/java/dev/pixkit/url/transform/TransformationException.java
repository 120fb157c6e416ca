package dev.pixkit.url.transform;

/**
 * The only exception the parser throws: a parameter it cannot accept. The message names the parameter and the value,
 * e.g. {@code Invalid transformation parameter "w-abc": width must be a number, a fraction, an expression or auto}.
 */
public final class TransformationException extends RuntimeException {

    public enum Kind {
        /** Malformed or out of range. */
        INVALID,
        /** Valid ImageKit, but not something Pixkit renders (video, vendor AI). */
        UNSUPPORTED,
        /** Beyond a configured limit (chain length, layer depth, …). */
        LIMIT
    }

    private final Kind kind;
    private final String parameter;

    public TransformationException(Kind kind, String parameter, String message) {
        super(message);
        this.kind = kind;
        this.parameter = parameter;
    }

    public Kind kind() {
        return kind;
    }

    /** The offending parameter as written, e.g. {@code w-abc}; may be empty for whole-string problems. */
    public String parameter() {
        return parameter;
    }
}
