package dev.pixkit.server.catalog;

import dev.pixkit.server.storage.BlobLocks;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StagedBlob;
import dev.pixkit.server.system.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the catalog and the blob store in step. Bytes are published before the row that references them commits,
 * and a blob is removed only after the last row referencing it is gone, so a crash can at worst leave an
 * unreferenced blob (found by fsck), never a row without its bytes.
 */
@Service
public class FileCatalog {
    private static final Logger log = LoggerFactory.getLogger(FileCatalog.class);

    private final FileRepository files;
    private final FolderRepository folders;
    private final BlobStore blobs;
    private final BlobLocks locks;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    FileCatalog(FileRepository files, FolderRepository folders, BlobStore blobs, BlobLocks locks, TransactionTemplate tx,
            ApplicationEventPublisher events) {
        this.files = files;
        this.folders = folders;
        this.blobs = blobs;
        this.locks = locks;
        this.tx = tx;
        this.events = events;
    }

    public Optional<FileRecord> find(String fileId) {
        return files.findById(fileId);
    }

    public Optional<FileRecord> findByPath(String filePath) {
        return files.findByPath(filePath);
    }

    /**
     * Stores {@code content} and the row for {@code file}. When {@code replacing} is present, the row with that id is
     * updated instead (a new version of the same file) and the previous content is released.
     */
    public FileRecord save(FileRecord file, StagedBlob content, Optional<FileRecord> replacing) {
        locks.withLock(file.sha256(), () -> {
            try {
                blobs.commit(content);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not store the file content", e);
            }
            try {
                tx.executeWithoutResult(status -> {
                    folders.ensureExists(file.folderPath(), file.updatedAt().toEpochMilli());
                    if (replacing.isPresent()) {
                        files.update(file);
                    } else {
                        files.insert(file);
                    }
                });
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                releaseLocked(file.sha256());
                throw ApiException.badRequest("A file with the same name already exists at the exact location.");
            } catch (RuntimeException e) {
                releaseLocked(file.sha256());
                throw e;
            }
            return null;
        });
        replacing.filter(old -> !old.sha256().equals(file.sha256())).ifPresent(old -> release(old.sha256()));
        return file;
    }

    /** Deletes the file's row and, when nothing else uses them, its bytes. False when there was no such file. */
    public boolean delete(String fileId) {
        Optional<FileRecord> file = files.findById(fileId);
        if (file.isEmpty() || !files.delete(fileId)) {
            return false;
        }
        release(file.get().sha256());
        return true;
    }

    private void release(String sha256) {
        locks.withLock(sha256, () -> {
            releaseLocked(sha256);
            return null;
        });
    }

    private void releaseLocked(String sha256) {
        if (files.countByBlob(sha256) == 0) {
            try {
                blobs.delete(sha256);
            } catch (IOException e) {
                log.warn("Could not delete unreferenced blob {}; fsck will remove it", sha256, e);
            }
            events.publishEvent(new ContentReleased(sha256));
        }
    }

    /** Content no catalogued file uses any more: what was derived from it (renditions) can go too. */
    public record ContentReleased(String sha256) {}

    /** Content hashes of the file at {@code filePath}, or of every file under a path prefix. */
    public List<String> contentOf(String filePath, boolean prefix) {
        return prefix ? files.contentUnder(filePath) : files.findByPath(filePath).map(FileRecord::sha256).stream().toList();
    }
}
