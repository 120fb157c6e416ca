package dev.pixkit.server.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Serialises "publish blob + reference it" against "no references left → delete blob" for the same content, so a
 * concurrent upload of identical bytes never loses its blob to a delete. Striped by hash; one process only (the
 * scale-out mode replaces this with database-level reference counts).
 */
@Component
public class BlobLocks {
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    BlobLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String sha256, Supplier<T> work) {
        ReentrantLock lock = stripes[Integer.parseInt(sha256.substring(0, 2), 16)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
