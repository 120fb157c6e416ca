package dev.pixkit.server.delivery;

import dev.pixkit.imaging.pipeline.LimitExceededException;
import dev.pixkit.imaging.pipeline.RenderRequest;
import dev.pixkit.imaging.pipeline.RenderResult;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.ApiError;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.signing.SignedUrls;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;
import dev.pixkit.url.transform.TransformationFormatter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Serves files under the URL endpoint's path: originals as stored, or rendered through a transformation
 * ({@code /tr:…/path} or {@code ?tr=…}). Both carry a strong ETag (the content hash for originals; a hash of content,
 * canonical transformation and negotiated format for renditions), Last-Modified and Cache-Control, and answer
 * conditional requests without rendering; originals also answer ranges.
 */
@RestController
class DeliveryController {
    private static final Logger log = LoggerFactory.getLogger(DeliveryController.class);
    /** Delivered bytes are never run as a page on this origin, whatever they contain. */
    private static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
    private static final CacheControl PUBLIC = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
    private static final CacheControl PRIVATE = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final TransformedImages images;
    private final Clock clock;
    private final String prefix;
    private final String privateKey;

    DeliveryController(FileCatalog catalog, BlobStore blobs, TransformedImages images, Clock clock,
            PixkitSettings settings) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.images = images;
        this.clock = clock;
        this.prefix = settings.deliveryPath();
        this.privateKey = settings.privateKey();
    }

    @GetMapping("${pixkit.delivery-path}/**")
    ResponseEntity<?> deliver(HttpServletRequest request) throws IOException {
        String rawPath = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        DeliveryRequest req = DeliveryRequest.parse(rawPath, request.getQueryString());
        Transformation requested = req.transformation() == null ? null : images.parse(req.transformation());
        FileRecord file = catalog.findByPath(req.filePath())
                .or(() -> defaultImage(requested))
                .orElseThrow(ApiException::fileNotFound);
        checkSignature(file, req, requested != null && NamedTransformations.onlyNamed(requested));
        StoredBlob blob = blobs.find(file.sha256()).orElseThrow(ApiException::fileNotFound);

        Optional<Transformation> rendition = Optional.ofNullable(requested)
                .map(images::expand)
                .flatMap(DeliveryController::withoutDefaultImage)
                .filter(t -> !asksForOriginal(t));
        if (rendition.isEmpty()) {
            return original(file, blob, req);
        }
        if (file.fileType() != FileRecord.FileType.IMAGE) {
            throw ApiException.badRequest("Transformations apply to images; " + file.filePath() + " is "
                    + file.mime() + ".");
        }
        Transformation t = rendition.get();
        boolean negotiated = usesAutoFormat(t);
        RenderRequest.Accept accept = negotiated
                ? RenderRequest.Accept.fromHeader(request.getHeader(HttpHeaders.ACCEPT)) : RenderRequest.Accept.NONE;
        RenderRequest.ClientHints hints = new RenderRequest.ClientHints(
                number(request.getHeader("Sec-CH-Width")), number(request.getHeader("Sec-CH-DPR")));
        String etag = etag(file.sha256(), TransformationFormatter.format(t), accept, hints);
        HttpHeaders vary = new HttpHeaders();
        if (negotiated) {
            vary.setVary(List.of(HttpHeaders.ACCEPT));
        }
        if (new ServletWebRequest(request).checkNotModified(etag, file.updatedAt().toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(vary).eTag(etag).build();
        }
        RenderResult r = images.render(file, blob.file(), t, accept, hints);
        return headers(ResponseEntity.ok(), file, req, r.format().extension())
                .headers(vary)
                .eTag(etag)
                .contentType(MediaType.parseMediaType(r.format().mimeType()))
                .contentLength(r.bytes().length)
                .body(r.bytes());
    }

    private ResponseEntity<?> original(FileRecord file, StoredBlob blob, DeliveryRequest req) {
        // Spring answers If-None-Match / If-Modified-Since (304) and Range (206) from these headers.
        return headers(ResponseEntity.ok(), file, req, null)
                .eTag("\"" + file.sha256() + "\"")
                .contentType(MediaType.parseMediaType(file.mime()))
                .body(new FileSystemResource(blob.file()));
    }

    @ExceptionHandler(TransformationException.class)
    ResponseEntity<ApiError> invalidTransformation(TransformationException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ApiError> limit(LimitExceededException e) {
        return ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(VipsException.class)
    ResponseEntity<ApiError> renderFailure(VipsException e) {
        log.warn("Rendering failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("The image could not be processed: " + e.getMessage()));
    }

    /** {@code di-<path>}: the file to deliver, with the same transformation, when the requested one is missing. */
    private Optional<FileRecord> defaultImage(Transformation t) {
        if (t == null) {
            return Optional.empty();
        }
        return t.steps().stream().map(Step::defaultImage).filter(Objects::nonNull).findFirst()
                .flatMap(path -> catalog.findByPath(path.startsWith("/") ? path : "/" + path));
    }

    private static Optional<Transformation> withoutDefaultImage(Transformation t) {
        List<Step> steps = t.steps().stream().map(s -> s.withDefaultImage(null)).filter(s -> !s.isEmpty()).toList();
        return steps.isEmpty() ? Optional.empty() : Optional.of(new Transformation(steps));
    }

    /** {@code orig-true}: the original bytes, whatever else the URL asks for. */
    private static boolean asksForOriginal(Transformation t) {
        return t.steps().stream().anyMatch(s -> Boolean.TRUE.equals(s.output().original()));
    }

    private static boolean usesAutoFormat(Transformation t) {
        return t.steps().stream().anyMatch(s -> s.output().format() == Output.Format.AUTO);
    }

    private static String etag(String sha256, String canonical, RenderRequest.Accept accept,
            RenderRequest.ClientHints hints) {
        String key = sha256 + '\n' + canonical + '\n' + accept + '\n' + hints;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 20) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double number(String header) {
        if (header == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(header.strip());
            return Double.isFinite(v) && v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder b, FileRecord file, DeliveryRequest req,
            String extension) {
        b.cacheControl(file.isPrivate() ? PRIVATE : PUBLIC)
                .lastModified(file.updatedAt())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP);
        if (req.attachment()) {
            String name = extension == null ? file.name() : stripExtension(file.name()) + "." + extension;
            b.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name, StandardCharsets.UTF_8).build().toString());
        }
        return b;
    }

    /** A bad or expired signature is refused on any file; a private file needs a valid one unless only named. */
    private void checkSignature(FileRecord file, DeliveryRequest req, boolean onlyNamed) {
        switch (SignedUrls.verify(privateKey, req.rawTarget(), clock.instant())) {
            case INVALID -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL signature is invalid.");
            case EXPIRED -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL has expired.");
            case UNSIGNED -> {
                if (file.isPrivate() && !onlyNamed) {
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "This file is private; it needs a signed URL.");
                }
            }
            case VALID -> { }
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
