package dev.pixkit.client;

/**
 * The server answered with an error status. {@link #getMessage()} is the server's {@code message} as sent, e.g.
 * {@code "The requested file does not exist."}; {@link #toString()} adds the status and request id.
 */
public class PixkitApiException extends PixkitException {
    private final int status;
    private final String help;
    private final String requestId;
    private final String body;

    public PixkitApiException(int status, String message, String help, String requestId, String body) {
        super(message);
        this.status = status;
        this.help = help;
        this.requestId = requestId;
        this.body = body;
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return status;
    }

    /** The server's {@code message} (the same as {@link #getMessage()}). */
    public String message() {
        return getMessage();
    }

    /** The server's {@code help} text, or {@code null}. */
    public String help() {
        return help;
    }

    /** The {@code x-ik-requestId} response header, or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** The raw response body. */
    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + status + " " + getMessage()
                + (requestId == null ? "" : " (requestId " + requestId + ")");
    }
}
