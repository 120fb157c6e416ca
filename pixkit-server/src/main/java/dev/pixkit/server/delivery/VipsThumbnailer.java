package dev.pixkit.server.delivery;

import dev.pixkit.imaging.EncodeOptions;
import dev.pixkit.imaging.ImageEncoder;
import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ThumbnailOptions;
import dev.pixkit.imaging.Thumbnails;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.server.system.ImagingPermits;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The media-library thumbnail with libvips: shrink-on-load into the {@value #WIDTH}×{@value #HEIGHT} box (never
 * enlarged, EXIF orientation applied), metadata stripped; WebP when the client accepts it, else PNG for images with
 * transparency and JPEG otherwise.
 */
@Component
class VipsThumbnailer implements Thumbnailer {
    private static final int QUALITY = 80;

    private final ImagingPermits permits;

    VipsThumbnailer(ImagingPermits permits) {
        this.permits = permits;
    }

    @Override
    public Rendered render(Path source, boolean acceptsWebp) {
        return permits.run(() -> renderNow(source, acceptsWebp));
    }

    private Rendered renderNow(Path source, boolean acceptsWebp) {
        ThumbnailOptions options = ThumbnailOptions.box(WIDTH, HEIGHT).withSize(ThumbnailOptions.Size.DOWN);
        try (VipsImage thumb = Thumbnails.thumbnail(source, options)) {
            ImageFormat format = acceptsWebp ? ImageFormat.WEBP : thumb.hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
            byte[] bytes = ImageEncoder.encode(thumb, EncodeOptions.of(format).withQuality(QUALITY).withStrip(true));
            return new Rendered(bytes, format.mimeType(), format.extension());
        }
    }
}
