package dev.pixkit.imaging.vips;

/** libvips could not be loaded or initialised; the message says which library was tried and how to fix it. */
public final class VipsLibraryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String library;

    VipsLibraryException(String library, String message, Throwable cause) {
        super(message, cause);
        this.library = library;
    }

    /** The library name or path that was tried. */
    public String library() {
        return library;
    }
}
