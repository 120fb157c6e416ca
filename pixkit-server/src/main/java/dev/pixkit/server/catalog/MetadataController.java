package dev.pixkit.server.catalog;

import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ImageKit's metadata API: {@code GET /v1/files/{fileId}/metadata} for a catalogued file and
 * {@code GET /v1/metadata?url=} for a delivery URL of this server. Both answer the {@code Metadata} object (size,
 * dimensions, format, colour profile, JPEG quality estimate, DPI, transparency, perceptual hash and EXIF groups).
 *
 * <p>For a URL with a transformation ({@code /tr:…/} or {@code ?tr=}) the metadata is that of the rendition delivery
 * would serve for it (rendered through delivery and its result cache; without {@code Accept} negotiation, so
 * {@code f-auto} yields the fallback format). Only images have metadata: other files, and images libvips cannot
 * read, answer 400 {@value #CORRUPT} — ImageKit's answer for files it cannot analyse (Pixkit does not analyse
 * video). Nothing is stored; every call computes afresh under {@link ImagingPermits}.
 */
@RestController
class MetadataController {
    private static final Logger log = LoggerFactory.getLogger(MetadataController.class);

    static final String NOT_FOUND = "The requested file does not exist or is inaccessible at this time.";
    static final String CORRUPT = "The requested file is corrupt or invalid.";
    static final String FOREIGN_URL = "The url should be accessible using your ImageKit.io account.";

    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final DeliveryUrls urls;
    private final TransformationRenderer renderer;
    private final FileMetadata metadata;

    MetadataController(FileCatalog catalog, BlobStore blobs, DeliveryUrls urls, TransformationRenderer renderer,
            FileMetadata metadata) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.urls = urls;
        this.renderer = renderer;
        this.metadata = metadata;
    }

    @GetMapping("/v1/files/{fileId}/metadata")
    MetadataResponse ofFile(@PathVariable String fileId) {
        FileRecord file = catalog.find(fileId).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        return metadata(file, content(file), null);
    }

    @GetMapping("/v1/metadata")
    MetadataResponse ofUrl(@RequestParam(required = false) String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("Your request is missing the url parameter.");
        }
        DeliveryUrls.Target target;
        try {
            target = urls.parse(url.strip());
        } catch (DeliveryUrls.InvalidUrlException e) {
            throw ApiException.badRequest(FOREIGN_URL);
        }
        FileRecord file = catalog.findByPath(target.filePath()).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        return metadata(file, content(file), target.transformation());
    }

    private StoredBlob content(FileRecord file) {
        try {
            return blobs.find(file.sha256()).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MetadataResponse metadata(FileRecord file, StoredBlob blob, String transformation) {
        if (file.fileType() != FileRecord.FileType.IMAGE) {
            throw ApiException.badRequest(CORRUPT);
        }
        Optional<byte[]> rendered = transformation == null ? Optional.empty()
                : renderer.render(file, blob.file(), transformation);
        Optional<MetadataResponse> m = rendered.isPresent() ? metadata.of(rendered.get()) : metadata.of(blob.file());
        if (m.isEmpty()) {
            log.info("No metadata for {} ({}): not an image libvips can read", file.fileId(), file.filePath());
            throw ApiException.badRequest(CORRUPT);
        }
        return m.get();
    }
}
