package dev.pixkit.server.storage;

import java.io.IOException;

/**
 * The blob store cannot be reached or answers with a server error (S3 down, throttling, a timeout): a condition
 * that may pass, which the API reports as 503 so clients retry, unlike a refusal (bad credentials, no such bucket).
 */
public class StorageUnavailableException extends IOException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
