package dev.pixkit.server.system;

import org.springframework.http.HttpStatus;

/** A request that fails with an ImageKit-shaped error body {@code {"message","help"}} and the given status. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
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
}
