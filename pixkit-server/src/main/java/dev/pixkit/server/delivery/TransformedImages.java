package dev.pixkit.server.delivery;

import dev.pixkit.imaging.pipeline.CustomCoordinates;
import dev.pixkit.imaging.pipeline.RenderLimits;
import dev.pixkit.imaging.pipeline.RenderRequest;
import dev.pixkit.imaging.pipeline.RenderResult;
import dev.pixkit.imaging.pipeline.Renderer;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.transform.ParserLimits;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Turns a delivery URL's transformation into rendered bytes: parse (with the configured limits), expand named
 * transformations, resolve layer files through the catalog, and render with libvips.
 */
@Component
class TransformedImages {
    private static final int PARSED_MAX = 10_000;

    private final Renderer renderer = new Renderer();
    private final Map<String, Transformation> parsed = new ConcurrentHashMap<>();
    private final NamedTransformations named;
    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final ParserLimits parserLimits;
    private final RenderLimits renderLimits;

    TransformedImages(NamedTransformations named, FileCatalog catalog, BlobStore blobs, PixkitSettings settings) {
        this.named = named;
        this.catalog = catalog;
        this.blobs = blobs;
        var l = settings.transformLimits();
        this.parserLimits = ParserLimits.DEFAULTS.withMaxSteps(l.maxChainLength()).withMaxLayerDepth(l.maxLayerDepth());
        this.renderLimits = new RenderLimits(l.maxSourcePixels(), l.maxOutputSide(), l.maxChainLength(),
                l.maxLayerDepth()).validate();
    }

    /**
     * The transformation as written in the URL; throws TransformationException (→ 400). Parses are memoised (the
     * same few transformations arrive again and again); the memo is bounded by dropping it whole when it fills.
     */
    Transformation parse(String text) {
        Transformation t = parsed.get(text);
        if (t == null) {
            t = TransformationParser.parse(text, parserLimits);
            if (parsed.size() >= PARSED_MAX) {
                parsed.clear();
            }
            parsed.put(text, t);
        }
        return t;
    }

    /** Named transformations replaced by their definitions. */
    Transformation expand(Transformation t) {
        return named.expand(t);
    }

    RenderResult render(FileRecord file, Path source, Transformation expanded, RenderRequest.Accept accept,
            RenderRequest.ClientHints hints) {
        RenderRequest request = RenderRequest.of(source, expanded)
                .withAccept(accept)
                .withClientHints(hints)
                .withLimits(renderLimits)
                .withLayerResolver(this::layerFile);
        Optional<CustomCoordinates> coordinates = Optional.ofNullable(file.customCoordinates())
                .flatMap(CustomCoordinates::parse);
        if (coordinates.isPresent()) {
            request = request.withCustomCoordinates(coordinates.get());
        }
        return renderer.render(request); // on the render pool, which bounds concurrency
    }

    /** {@code l-image,i-<path>}: a file of the media library, by path. */
    private Optional<Path> layerFile(String path) {
        String filePath = path.startsWith("/") ? path : "/" + path;
        return catalog.findByPath(filePath)
                .filter(f -> f.fileType() == FileRecord.FileType.IMAGE)
                .flatMap(f -> {
                    try {
                        return blobs.find(f.sha256()).map(StoredBlob::file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
