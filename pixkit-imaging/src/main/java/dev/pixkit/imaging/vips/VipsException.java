package dev.pixkit.imaging.vips;

/** A libvips operation failed; carries the operation name and libvips' own error text. */
public class VipsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String vipsMessage;

    /**
     * @param operation   the libvips operation (nickname) or binding step that failed
     * @param vipsMessage libvips' error text (or the binding's explanation)
     */
    public VipsException(String operation, String vipsMessage) {
        this(operation, vipsMessage, null);
    }

    public VipsException(String operation, String vipsMessage, Throwable cause) {
        super(vipsMessage.startsWith(operation + ":") ? vipsMessage : operation + ": " + vipsMessage, cause);
        this.operation = operation;
        this.vipsMessage = vipsMessage;
    }

    /** The libvips operation nickname, e.g. {@code thumbnail_buffer}. */
    public String operation() {
        return operation;
    }

    /** libvips' error message (already taken from, and cleared in, libvips' error buffer). */
    public String vipsMessage() {
        return vipsMessage;
    }
}
