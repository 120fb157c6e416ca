package dev.pixkit.server.delivery;

import dev.pixkit.imaging.pipeline.LimitExceededException;
import dev.pixkit.imaging.pipeline.RenderRequest;
import dev.pixkit.imaging.pipeline.RenderResult;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.server.cache.RenderPool;
import dev.pixkit.server.cache.Rendition;
import dev.pixkit.server.cache.RenditionKey;
import dev.pixkit.server.cache.Renditions;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.catalog.TransformationRenderer;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;
import dev.pixkit.url.transform.TransformationFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Delivery's rendering for callers that hold a URL rather than a request (the metadata API): the same steps as
 * {@link DeliveryController} for a request without {@code Accept} or client hints, so the rendition — and its
 * result-cache entry — is the one such a request would get. Delivery's error statuses become {@link ApiException}s.
 */
@Component
class DeliveryTransformationRenderer implements TransformationRenderer {
    private final TransformedImages images;
    private final Renditions renditions;

    DeliveryTransformationRenderer(TransformedImages images, Renditions renditions) {
        this.images = images;
        this.renditions = renditions;
    }

    @Override
    public Optional<byte[]> render(FileRecord file, Path source, String transformation) {
        try {
            Optional<Transformation> wanted = Optional.of(images.expand(images.parse(transformation)))
                    .flatMap(DeliveryController::withoutDefaultImage)
                    .filter(t -> !DeliveryController.asksForOriginal(t));
            if (wanted.isEmpty()) {
                return Optional.empty();
            }
            if (file.fileType() != FileRecord.FileType.IMAGE) {
                throw ApiException.badRequest("Transformations apply to images; " + file.filePath() + " is "
                        + file.mime() + ".");
            }
            Transformation t = wanted.get();
            RenderRequest.Accept accept = RenderRequest.Accept.NONE;
            RenderRequest.ClientHints hints = new RenderRequest.ClientHints(null, null);
            String variant = DeliveryController.variant(TransformationFormatter.format(t), accept, hints);
            Rendition rendition = renditions.get(new RenditionKey(file.sha256(), variant), () -> {
                RenderResult r = images.render(file, source, t, accept, hints);
                return new Renditions.Rendered(r.bytes(), r.format().mimeType(), r.format().extension());
            });
            return Optional.of(bytes(rendition));
        } catch (TransformationException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (LimitExceededException e) {
            throw new ApiException(HttpStatus.valueOf(e.httpStatus()), e.getMessage());
        } catch (RenderPool.OverloadedException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (VipsException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The image could not be processed: " + e.getMessage());
        }
    }

    private static byte[] bytes(Rendition rendition) {
        return switch (rendition) {
            case Rendition.InMemory m -> m.bytes();
            case Rendition.OnDisk d -> {
                try (FileChannel ch = FileChannel.open(d.file(), StandardOpenOption.READ)) {
                    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(d.length()));
                    while (buffer.hasRemaining()) {
                        if (ch.read(buffer, d.offset() + buffer.position()) < 0) {
                            throw new IOException("cache entry " + d.file() + " is shorter than recorded");
                        }
                    }
                    yield buffer.array();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
