package dev.pixkit.server.upload;

import java.nio.file.Path;
import java.util.Optional;

/** Reads an image's header (never its pixels) to learn its size and alpha. */
interface ImageInspector {
    /** Empty when the content is not an image libvips can read. */
    Optional<ImageInfo> inspect(Path file);

    record ImageInfo(int width, int height, boolean hasAlpha) {}
}
