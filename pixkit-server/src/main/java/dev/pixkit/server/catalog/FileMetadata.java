package dev.pixkit.server.catalog;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.metadata.EmbeddedMetadata;
import dev.pixkit.imaging.metadata.MetadataReader;
import dev.pixkit.server.system.ImagingPermits;
import dev.pixkit.server.system.PixkitSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * What an image's bytes say about it: ImageKit's {@code Metadata} object (dimensions, format, quality, density,
 * pHash, EXIF groups) and the flat {@code embeddedMetadata} map (EXIF, IPTC, XMP). Shared by the metadata API and
 * the upload's {@code responseFields}; every libvips call runs under {@link ImagingPermits}. Empty when the bytes
 * are not an image libvips can read.
 */
@Service
public class FileMetadata {
    private final ImagingPermits permits;
    private final MetadataReader reader;

    FileMetadata(ImagingPermits permits, PixkitSettings settings) {
        this.permits = permits;
        // Hashing decodes the whole image where a format cannot shrink on load: no more than delivery would decode.
        this.reader = new MetadataReader(settings.transformLimits().maxSourcePixels());
    }

    public Optional<MetadataResponse> of(Path file) {
        return guarded(() -> MetadataResponse.of(reader.read(file)));
    }

    Optional<MetadataResponse> of(byte[] encoded) {
        return guarded(() -> MetadataResponse.of(reader.read(encoded)));
    }

    /** The flat embedded-metadata map of an image file (header only), or empty. */
    public Optional<Map<String, Object>> embedded(Path file) {
        return guarded(() -> EmbeddedMetadata.read(file));
    }

    private <T> Optional<T> guarded(Supplier<T> read) {
        try {
            return Optional.of(permits.run(read));
        } catch (UnsupportedImageException e) {
            return Optional.empty();
        }
    }
}
