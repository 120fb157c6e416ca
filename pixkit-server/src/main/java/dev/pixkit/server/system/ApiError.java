package dev.pixkit.server.system;

/** ImageKit's error body. */
public record ApiError(String message, String help) {
    public static final String HELP = "For support kindly contact us at support@imagekit.io.";

    public static ApiError of(String message) {
        return new ApiError(message, HELP);
    }
}
