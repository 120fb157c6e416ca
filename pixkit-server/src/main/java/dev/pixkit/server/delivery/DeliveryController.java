package dev.pixkit.server.delivery;

import dev.pixkit.imaging.pipeline.LimitExceededException;
import dev.pixkit.imaging.pipeline.RenderRequest;
import dev.pixkit.imaging.pipeline.RenderResult;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.server.cache.RenderPool;
import dev.pixkit.server.cache.Rendition;
import dev.pixkit.server.cache.RenditionKey;
import dev.pixkit.server.cache.Renditions;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.ApiError;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.server.usage.UsageRecorder;
import dev.pixkit.url.signing.SignedUrls;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;
import dev.pixkit.url.transform.TransformationFormatter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
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
    private static final String PRIVATE = "private, no-store";
    /** Below this, a cached rendition is copied; above it, Tomcat sends the file with sendfile(2). */
    private static final long SENDFILE_MIN_BYTES = 16 * 1024;

    private final FileCatalog catalog;
    private final BlobStore blobs;
    private final TransformedImages images;
    private final Renditions renditions;
    private final Clock clock;
    private final String prefix;
    private final String privateKey;
    private final String publicCacheControl;
    private final Counter bytesServed;
    private final UsageRecorder usage;

    DeliveryController(FileCatalog catalog, BlobStore blobs, TransformedImages images, Renditions renditions,
            Clock clock, PixkitSettings settings, MeterRegistry meters, UsageRecorder usage) {
        this.usage = usage;
        this.catalog = catalog;
        this.blobs = blobs;
        this.images = images;
        this.renditions = renditions;
        this.clock = clock;
        this.prefix = settings.deliveryPath();
        this.privateKey = settings.privateKey();
        this.publicCacheControl = settings.delivery().cacheControl();
        this.bytesServed = Counter.builder("pixkit.delivery.bytes").baseUnit("bytes")
                .description("body bytes of delivered originals and renditions").register(meters);
    }

    @GetMapping("${pixkit.delivery-path}/**")
    ResponseEntity<?> deliver(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rawPath = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        DeliveryRequest req = DeliveryRequest.parse(rawPath, request.getQueryString());
        Transformation requested = req.transformation() == null ? null : images.parse(req.transformation());
        FileRecord file = catalog.findByPath(req.filePath())
                .flatMap(f -> req.version() == null ? Optional.of(f) : catalog.version(f.fileId(), req.version()))
                .or(() -> defaultImage(requested))
                .orElseThrow(ApiException::fileNotFound);
        checkSignature(file, req, requested != null && NamedTransformations.onlyNamed(requested));
        StoredBlob blob = blobs.find(file.sha256()).orElseThrow(ApiException::fileNotFound);

        Optional<Transformation> wanted = Optional.ofNullable(requested)
                .map(images::expand)
                .flatMap(DeliveryController::withoutDefaultImage)
                .filter(t -> !asksForOriginal(t));
        if (wanted.isEmpty()) {
            return original(file, blob, req);
        }
        if (file.fileType() != FileRecord.FileType.IMAGE) {
            throw ApiException.badRequest("Transformations apply to images; " + file.filePath() + " is "
                    + file.mime() + ".");
        }
        Transformation t = wanted.get();
        boolean negotiated = usesAutoFormat(t);
        RenderRequest.Accept accept = negotiated
                ? RenderRequest.Accept.fromHeader(request.getHeader(HttpHeaders.ACCEPT)) : RenderRequest.Accept.NONE;
        RenderRequest.ClientHints hints = new RenderRequest.ClientHints(
                number(request.getHeader("Sec-CH-Width")), number(request.getHeader("Sec-CH-DPR")));
        String variant = variant(TransformationFormatter.format(t), accept, hints);
        String etag = "\"" + variant + "\"";
        HttpHeaders headers = headers(file);
        if (negotiated) {
            headers.setVary(List.of(HttpHeaders.ACCEPT));
        }
        if (new ServletWebRequest(request).checkNotModified(etag, file.updatedAt().toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).eTag(etag).build();
        }
        Rendition rendition = renditions.get(new RenditionKey(file.sha256(), variant), () -> {
            RenderResult r = images.render(file, blob.file(), t, accept, hints);
            return new Renditions.Rendered(r.bytes(), r.format().mimeType(), r.format().extension());
        });
        if (req.attachment()) {
            headers.setContentDisposition(attachment(file, rendition.extension()));
        }
        headers.setETag(etag);
        headers.setContentType(MediaType.parseMediaType(rendition.mime()));
        headers.setContentLength(rendition.length());
        send(rendition, headers, request, response);
        return null; // written above
    }

    /** Writes a rendition: a large cache entry by sendfile(2) where Tomcat offers it, anything else copied. */
    private void send(Rendition rendition, HttpHeaders headers, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        headers.forEach((name, values) -> {
            response.setHeader(name, values.getFirst()); // replaces what checkNotModified already set
            values.stream().skip(1).forEach(v -> response.addHeader(name, v));
        });
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        bytesServed.increment(rendition.length());
        usage.delivered(rendition.length());
        switch (rendition) {
            case Rendition.OnDisk d when d.length() >= SENDFILE_MIN_BYTES
                    && Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support")) -> {
                request.setAttribute("org.apache.tomcat.sendfile.filename", d.file().toString());
                request.setAttribute("org.apache.tomcat.sendfile.start", d.offset());
                request.setAttribute("org.apache.tomcat.sendfile.end", d.offset() + d.length());
            }
            case Rendition.OnDisk d -> {
                try (FileChannel ch = FileChannel.open(d.file(), StandardOpenOption.READ)) {
                    WritableByteChannel out = Channels.newChannel(response.getOutputStream());
                    long position = d.offset();
                    long end = d.offset() + d.length();
                    while (position < end) {
                        position += ch.transferTo(position, end - position, out);
                    }
                }
            }
            case Rendition.InMemory m -> response.getOutputStream().write(m.bytes());
        }
    }

    private ResponseEntity<?> original(FileRecord file, StoredBlob blob, DeliveryRequest req) {
        HttpHeaders headers = headers(file);
        if (req.attachment()) {
            headers.setContentDisposition(attachment(file, null));
        }
        bytesServed.increment(blob.size());
        usage.delivered(blob.size());
        // Spring answers If-None-Match / If-Modified-Since (304) and Range (206) from these headers.
        return ResponseEntity.ok().headers(headers)
                .eTag("\"" + file.sha256() + "\"")
                .contentType(MediaType.parseMediaType(file.mime()))
                .body(new FileSystemResource(blob.file()));
    }

    @ExceptionHandler(RenderPool.OverloadedException.class)
    ResponseEntity<ApiError> overloaded(RenderPool.OverloadedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON).body(ApiError.of(e.getMessage()));
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

    static Optional<Transformation> withoutDefaultImage(Transformation t) {
        List<Step> steps = t.steps().stream().map(s -> s.withDefaultImage(null)).filter(s -> !s.isEmpty()).toList();
        return steps.isEmpty() ? Optional.empty() : Optional.of(new Transformation(steps));
    }

    /** {@code orig-true}: the original bytes, whatever else the URL asks for. */
    static boolean asksForOriginal(Transformation t) {
        return t.steps().stream().anyMatch(s -> Boolean.TRUE.equals(s.output().original()));
    }

    private static boolean usesAutoFormat(Transformation t) {
        return t.steps().stream().anyMatch(s -> s.output().format() == Output.Format.AUTO);
    }

    /**
     * Everything besides the content that shapes a rendition, as a digest: with the content hash it keys the result
     * cache, and it is the rendition's ETag (a strong one: the same inputs always render the same bytes).
     */
    static String variant(String canonical, RenderRequest.Accept accept, RenderRequest.ClientHints hints) {
        String key = canonical + '\n' + accept + '\n' + hints;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
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

    /** Headers every delivery carries. The ETag differs between originals (content hash) and renditions. */
    private HttpHeaders headers(FileRecord file) {
        HttpHeaders h = new HttpHeaders();
        h.setCacheControl(file.isPrivate() ? PRIVATE : publicCacheControl);
        h.setLastModified(file.updatedAt());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", CSP);
        return h;
    }

    private static ContentDisposition attachment(FileRecord file, String extension) {
        String name = extension == null ? file.name() : stripExtension(file.name()) + "." + extension;
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build();
    }

    /**
     * A bad or expired signature is refused on any file; a private file needs a valid one unless only named. An
     * unpublished (draft) file is not there for unsigned URLs at all, as on ImageKit where drafts are reachable only
     * inside the media library; a signed URL reaches it so that the library can show it.
     */
    private void checkSignature(FileRecord file, DeliveryRequest req, boolean onlyNamed) {
        switch (SignedUrls.verify(privateKey, req.rawTarget(), clock.instant())) {
            case INVALID -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL signature is invalid.");
            case EXPIRED -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The URL has expired.");
            case UNSIGNED -> {
                if (!file.isPublished()) {
                    throw ApiException.fileNotFound();
                }
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
