package dev.pixkit.client;

/**
 * Told about each finished item of {@link PixkitClient#batchUpload}. Calls are serialised (never concurrent) and
 * {@code completed} grows by one with each call; they come from the upload threads, in completion order.
 */
@FunctionalInterface
public interface BatchProgressListener {
    BatchProgressListener NONE = (item, completed, total) -> {};

    void onItemDone(BatchItemResult item, int completed, int total);
}
