package dev.pixkit.server.upload;

import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.server.system.ImagingPermits;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Header-only reads with libvips: no pixels are decoded at upload time. */
@Component
class VipsImageInspector implements ImageInspector {
    private static final Logger log = LoggerFactory.getLogger(VipsImageInspector.class);

    private final ImagingPermits permits;

    VipsImageInspector(ImagingPermits permits) {
        this.permits = permits;
    }

    @Override
    public Optional<ImageInfo> inspect(Path file) {
        try {
            ImageHeader h = permits.run(() -> ImageProbe.probe(file));
            return Optional.of(new ImageInfo(h.width(), h.height(), h.hasAlpha()));
        } catch (UnsupportedImageException e) {
            log.debug("Not a readable image, stored as non-image: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
