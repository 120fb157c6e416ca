package dev.pixkit.imaging.vips;

import java.lang.foreign.MemorySegment;

/**
 * libvips' error buffer. It is process-global in libvips, so the text is copied and cleared in one
 * locked step ({@code vips_error_buffer_copy}); under heavy concurrent failure two threads may see
 * each other's text, which libvips offers no way to avoid.
 */
final class VipsErrors {

    private VipsErrors() {}

    /** Takes (copies and clears) libvips' pending error text. */
    static String take() {
        MemorySegment copy = Native.errorBufferCopy();
        try {
            String text = CStrings.read(copy);
            text = text == null ? "" : text.strip();
            if (text.isEmpty()) {
                text = VipsLog.recent();
            }
            return text.isEmpty() ? "libvips reported no error message" : text;
        } finally {
            Native.gFree(copy);
        }
    }

    /** Discards any pending error text (after an expected, handled failure). */
    static void clear() {
        Native.errorClear();
    }

    /** A {@link VipsException} for {@code operation} carrying libvips' pending error text. */
    static VipsException exception(String operation) {
        return new VipsException(operation, take());
    }
}
