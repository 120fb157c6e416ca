package dev.pixkit.server.system;

import dev.pixkit.server.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into ImageKit's {@code {"message","help"}} shape with the right status. */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Path spillDir;

    ApiExceptionHandler(PixkitSettings settings) {
        this.spillDir = settings.dataDir().resolve("tmp");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.body());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.CONTENT_TOO_LARGE, UploadLimits.TOO_LARGE_MESSAGE);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        if (UploadLimits.isSizeLimit(e)) {
            return body(HttpStatus.CONTENT_TOO_LARGE, UploadLimits.TOO_LARGE_MESSAGE);
        }
        if (StorageFull.causedBy(e)) {
            return storageFull(e);
        }
        return body(HttpStatus.BAD_REQUEST, "Your request is not valid multipart/form-data: " + rootMessage(e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "Your request body is not valid JSON.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.BAD_REQUEST, "Unsupported Content-Type " + e.getContentType() + ".");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "The requested resource does not exist.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletResponse response) {
        if (StorageFull.causedBy(e)) {
            return storageFull(e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageUnavailableException unavailable) {
                // Possibly passing (S3 down, throttled): the client may retry; the message names no internals.
                log.warn("{}", unavailable.getMessage());
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(ApiError.of("The file storage is unavailable; please retry later."));
            }
        }
        log.error("Unhandled error", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error.");
    }

    private ResponseEntity<ApiError> storageFull(Exception e) {
        log.warn("Out of storage space: {}", rootMessage(e));
        StorageFull.removeDeadSpillFiles(spillDir);
        return body(HttpStatus.INSUFFICIENT_STORAGE, StorageFull.MESSAGE);
    }

    static ResponseEntity<ApiError> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(message));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
