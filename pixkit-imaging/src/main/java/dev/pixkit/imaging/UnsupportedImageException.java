package dev.pixkit.imaging;

import dev.pixkit.imaging.vips.VipsException;

/** The input is not an image Pixkit can read: unknown format, corrupt, truncated or empty. */
public final class UnsupportedImageException extends VipsException {

    private static final long serialVersionUID = 1L;

    public UnsupportedImageException(String operation, String vipsMessage) {
        super(operation, vipsMessage);
    }

    UnsupportedImageException(VipsException cause) {
        super(cause.operation(), cause.vipsMessage(), cause);
    }
}
