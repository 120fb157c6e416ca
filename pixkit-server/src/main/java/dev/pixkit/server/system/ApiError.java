package dev.pixkit.server.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * ImageKit's error body: {@code message} and {@code help}, plus, where the spec has them, a machine-readable
 * {@code reason} (copy, move, rename, folders), {@code missingFileIds} (404 of bulk file operations) or
 * {@code errors} (400 of PATCH details, keyed by field).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String message, String help, String reason, List<String> missingFileIds,
        Map<String, Object> errors) {
    public static final String HELP = "For support kindly contact us at support@imagekit.io.";

    public static ApiError of(String message) {
        return new ApiError(message, HELP, null, null, null);
    }
}
