package dev.pixkit.server.system;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request that fails with an ImageKit-shaped error body ({@link ApiError}) and the given status. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String reason;
    private final List<String> missingFileIds;
    private final Map<String, Object> errors;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null, null, null);
    }

    private ApiException(HttpStatus status, String message, String reason, List<String> missingFileIds,
            Map<String, Object> errors) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.missingFileIds = missingFileIds;
        this.errors = errors;
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(getMessage(), ApiError.HELP, reason, missingFileIds, errors);
    }

    /** The same error with the spec's machine-readable {@code reason}, e.g. {@code FILE_ALREADY_EXISTS}. */
    public ApiException reason(String newReason) {
        return new ApiException(status, getMessage(), newReason, missingFileIds, errors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException fileNotFound() {
        return notFound("The requested file does not exist.");
    }

    /** 404 of the bulk file operations: none of these ids exist. */
    public static ApiException filesMissing(List<String> missing) {
        return new ApiException(HttpStatus.NOT_FOUND, "The requested file(s) does not exist.", null, missing, null);
    }

    /** 400 of PATCH details: what is wrong with each field. */
    public static ApiException invalidFields(String message, Map<String, Object> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, null, null, errors);
    }
}
