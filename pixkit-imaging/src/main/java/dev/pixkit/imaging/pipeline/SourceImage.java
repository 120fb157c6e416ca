package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageHeader;
import java.nio.file.Path;

/**
 * A file a chain starts from, as probed before decoding.
 *
 * @param path       the file
 * @param header     its header (stored orientation; height of one frame)
 * @param loader     the libvips loader nickname, e.g. {@code jpegload}
 * @param animate    load every frame (the output keeps the animation)
 * @param custom     its customCoordinates for {@code fo-custom}, or null
 */
record SourceImage(Path path, ImageHeader header, String loader, boolean animate, CustomCoordinates custom) {

    /** Width as displayed (after EXIF orientation). */
    int displayWidth() {
        return header.displayWidth();
    }

    int displayHeight() {
        return header.displayHeight();
    }
}
