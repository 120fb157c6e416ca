package dev.pixkit.server.delivery;

import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.signing.SignedUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Serves files under the URL endpoint's path: the original bytes with their sniffed type, a strong ETag (the content
 * hash), Last-Modified, Cache-Control, conditional requests, ranges and HEAD.
 */
@RestController
class DeliveryController {
    private static final Set<String> THUMBNAIL_NAMES = Set.of("n-ik_ml_thumbnail", "n-media_library_thumbnail");
    /** Delivered bytes are never run as a page on this origin, whatever they contain. */
    private static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
    private static final CacheControl PUBLIC = CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic();
    private static final CacheControl PRIVATE = CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate();

    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final Thumbnailer thumbnails;
    private final Clock clock;
    private final String prefix;
    private final String privateKey;

    DeliveryController(FileCatalog catalog, BlobStore blobs, Thumbnailer thumbnails, Clock clock,
            PixkitSettings settings) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.thumbnails = thumbnails;
        this.clock = clock;
        this.prefix = settings.deliveryPath();
        this.privateKey = settings.privateKey();
    }

    @GetMapping("${pixkit.delivery-path}/**")
    ResponseEntity<?> deliver(HttpServletRequest request) throws IOException {
        String rawPath = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        DeliveryRequest req = DeliveryRequest.parse(rawPath, request.getQueryString());
        FileRecord file = catalog.findByPath(req.filePath()).orElseThrow(ApiException::fileNotFound);
        boolean thumbnail = req.transformation() != null && THUMBNAIL_NAMES.contains(req.transformation());
        if (req.transformation() != null && !thumbnail) {
            throw ApiException.badRequest("Transformations are not supported by this Pixkit version yet (got tr '"
                    + req.transformation() + "').");
        }
        checkSignature(file, req, thumbnail);
        StoredBlob blob = blobs.find(file.sha256()).orElseThrow(ApiException::fileNotFound);

        var webRequest = new ServletWebRequest(request);
        if (thumbnail) {
            boolean webp = accepts(request, "image/webp");
            String etag = "\"" + file.sha256() + "-" + (webp ? "webp" : "std") + "\"";
            if (webRequest.checkNotModified(etag, file.updatedAt().toEpochMilli())) {
                return null;
            }
            if (file.fileType() != FileRecord.FileType.IMAGE) {
                throw ApiException.badRequest("Thumbnails are available for images only.");
            }
            Thumbnailer.Rendered r = thumbnails.render(blob.file(), webp);
            return headers(ResponseEntity.ok(), file, req, r.format())
                    .eTag(etag)
                    .varyBy(HttpHeaders.ACCEPT)
                    .contentType(MediaType.parseMediaType(r.mime()))
                    .contentLength(r.bytes().length)
                    .body(r.bytes());
        }
        // Spring answers If-None-Match / If-Modified-Since (304) and Range (206) from these headers.
        Resource body = new FileSystemResource(blob.file());
        return headers(ResponseEntity.ok(), file, req, null)
                .eTag("\"" + file.sha256() + "\"")
                .contentType(MediaType.parseMediaType(file.mime()))
                .body(body);
    }

    private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder b, FileRecord file, DeliveryRequest req,
            String format) {
        b.cacheControl(file.isPrivate() ? PRIVATE : PUBLIC)
                .lastModified(file.updatedAt())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP);
        if (req.attachment()) {
            String name = format == null ? file.name() : stripExtension(file.name()) + "." + format;
            b.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString());
        }
        return b;
    }

    /** A bad or expired signature is refused on any file; a private file needs a valid one unless a named thumbnail. */
    private void checkSignature(FileRecord file, DeliveryRequest req, boolean namedTransformation) {
        SignedUrls.Verdict v = SignedUrls.verify(privateKey, req.rawTarget(), clock.instant());
        switch (v) {
            case INVALID -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL signature is invalid.");
            case EXPIRED -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL has expired.");
            case UNSIGNED -> {
                if (file.isPrivate() && !namedTransformation) {
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "This file is private; it needs a signed URL.");
                }
            }
            case VALID -> { }
        }
    }

    private static boolean accepts(HttpServletRequest request, String type) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(type);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
