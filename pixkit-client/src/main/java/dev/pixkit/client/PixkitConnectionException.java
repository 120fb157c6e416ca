package dev.pixkit.client;

/** The server could not be reached, or the connection failed before a response arrived (after any retries). */
public class PixkitConnectionException extends PixkitException {
    public PixkitConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
