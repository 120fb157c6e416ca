package dev.pixkit.imaging;

/**
 * What a header-only probe learns about an encoded image.
 *
 * @param width       stored width in pixels (before applying EXIF orientation)
 * @param height      stored height of one page in pixels (before applying EXIF orientation)
 * @param format      detected format
 * @param hasAlpha    true if the image has an alpha channel
 * @param orientation EXIF orientation 1..8 (1 if absent)
 * @param pages       number of pages or animation frames (1 for still images)
 */
public record ImageHeader(int width, int height, ImageFormat format, boolean hasAlpha, int orientation, int pages) {

    /** True if the EXIF orientation swaps width and height (orientations 5..8). */
    public boolean isTransposed() {
        return orientation >= 5 && orientation <= 8;
    }

    /** Width as displayed, after applying the EXIF orientation. */
    public int displayWidth() {
        return isTransposed() ? height : width;
    }

    /** Height as displayed, after applying the EXIF orientation. */
    public int displayHeight() {
        return isTransposed() ? width : height;
    }
}
