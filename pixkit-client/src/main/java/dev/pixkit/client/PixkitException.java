package dev.pixkit.client;

/** Base class of every failure the client reports: API errors, connection failures and unreadable content. */
public class PixkitException extends RuntimeException {
    public PixkitException(String message) {
        super(message);
    }

    public PixkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
