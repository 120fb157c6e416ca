package dev.pixkit.client;

import java.util.Objects;

/**
 * The outcome of one upload of a batch: exactly one of {@link #result()} and {@link #error()} is set.
 *
 * @param index position of the request in the list given to {@link PixkitClient#batchUpload}
 */
public record BatchItemResult(int index, UploadRequest request, UploadResult result, PixkitException error) {
    public BatchItemResult {
        Objects.requireNonNull(request, "request");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of result and error must be set");
        }
    }

    public static BatchItemResult success(int index, UploadRequest request, UploadResult result) {
        return new BatchItemResult(index, request, Objects.requireNonNull(result, "result"), null);
    }

    public static BatchItemResult failure(int index, UploadRequest request, PixkitException error) {
        return new BatchItemResult(index, request, null, Objects.requireNonNull(error, "error"));
    }

    public boolean isSuccess() {
        return result != null;
    }
}
