package dev.pixkit.server.catalog;

import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StagedBlob;
import dev.pixkit.server.system.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the catalog (files and their earlier versions) and the blob store in step. Bytes are published before the
 * row that references them commits; every row holds a counted reference ({@link BlobReferences}), and bytes are
 * removed only by the sweeper after the last reference is gone and that change has committed (an outbox row makes
 * this survive crashes). A crash can at worst leave unreferenced bytes (found by fsck), never a row without them. Every method runs in one transaction, joining the caller's when there is one (bulk folder jobs).
 */
@Service
public class FileCatalog {
    private final FileRepository files;
    private final VersionRepository versions;
    private final FolderRepository folders;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FileCatalog(FileRepository files, VersionRepository versions, FolderRepository folders, BlobStore blobs,
            TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.files = files;
        this.versions = versions;
        this.folders = folders;
        this.blobs = blobs;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    public Optional<FileRecord> find(String fileId) {
        return files.findById(fileId);
    }

    public Optional<FileRecord> findByPath(String filePath) {
        return files.findByPath(filePath);
    }

    /** Some file whose current version has this content (what was learnt from the bytes can be reused). */
    public Optional<FileRecord> anyWithContent(String sha256) {
        return files.anyWithContent(sha256);
    }

    /**
     * Every version of the file, as ImageKit lists them: the current one first, then the earlier ones newest first;
     * empty when there is no such file.
     */
    public List<FileRecord> versions(String fileId) {
        return inTx(() -> {
            Optional<FileRecord> current = files.findById(fileId);
            if (current.isEmpty()) {
                return List.of();
            }
            List<FileRecord> all = new ArrayList<>(versions.ofFile(fileId).reversed());
            all.addFirst(current.get());
            return all;
        });
    }

    /** One version of the file: the current one or an earlier one. */
    public Optional<FileRecord> version(String fileId, String versionId) {
        Optional<FileRecord> current = files.findById(fileId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return current.get().versionId().equals(versionId) ? current : versions.find(fileId, versionId);
    }

    /**
     * Stores {@code content} and the row for {@code file}. When {@code replacing} is present, {@code file} becomes
     * the new current version of that file and the replaced one is kept as an earlier version.
     *
     * <p>A pending {@code file} stays pending only when it is new or replaces a file that is still pending: a
     * committed file is referenced by its app already, and making it deletable would lose its committed versions.
     * A file saved without a deadline is committed. The answer carries the pending state the row got.
     */
    public FileRecord save(FileRecord file, StagedBlob content, Optional<FileRecord> replacing) {
        // Publish the bytes first (idempotent; the staged file stays until closed), so that the row never commits
        // without them. The sweeper may remove them again before the transaction takes its reference (same content
        // just deleted elsewhere); once the reference is taken they cannot go, so the check below is race-free.
        publish(content);
        try {
            return tx.execute(status -> {
                FileRecord saved = file;
                folders.ensureExists(file.folderPath(), file.updatedAt().toEpochMilli());
                if (replacing.isPresent()) {
                    if (!files.update(file)) {
                        // deleted (or reaped) since the upload looked: keeping the old version would orphan it
                        throw new ApiException(HttpStatus.CONFLICT, "The file this upload replaces was deleted"
                                + " meanwhile. Upload it again.");
                    }
                    versions.insert(replacing.get());
                    // The update holds the row: whether it is pending is decided against its latest committed state.
                    if (!file.isPending()) {
                        files.commit(file.fileId());
                    } else if (!files.repend(file.fileId(), file.pendingUntil().toEpochMilli())) {
                        saved = file.withPendingUntil(null);
                    }
                } else {
                    files.insert(file);
                }
                try {
                    if (!blobs.exists(file.sha256())) {
                        blobs.commit(content);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not store the file content", e);
                }
                events.publishEvent(STORAGE_CHANGED);
                return saved;
            });
        } catch (DataIntegrityViolationException e) {
            // bytes published for nothing are found by fsck (unreferenced, past the grace period) if no row takes them
            throw ApiException.badRequest("A file with the same name already exists at the exact location.");
        }
    }

    private void publish(StagedBlob content) {
        try {
            blobs.commit(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the file content", e);
        }
    }

    /** Rewrites the file's attributes (tags, metadata, publication…); content and path are unchanged. */
    public FileRecord update(FileRecord changed) {
        if (!files.update(changed)) {
            throw ApiException.fileNotFound();
        }
        return changed;
    }

    /** Publishes or unpublishes the current version and, with {@code includeVersions}, every earlier one. */
    public FileRecord publish(FileRecord f, boolean published, boolean includeVersions) {
        return inTx(() -> {
            FileRecord changed = f.withAttributes(f.tags(), f.aiTags(), f.customCoordinates(), f.customMetadata(),
                    f.description(), published, clock.instant());
            if (!files.update(changed)) {
                throw ApiException.fileNotFound();
            }
            if (includeVersions) {
                versions.setPublished(f.fileId(), published);
            }
            return changed;
        });
    }

    /** Deletes the file and every version; their bytes go when nothing else uses them. False when there was none. */
    public boolean delete(String fileId) {
        return inTx(() -> {
            Optional<FileRecord> file = files.findById(fileId);
            if (file.isEmpty()) {
                return false;
            }
            versions.deleteAll(fileId);
            files.delete(fileId);
            events.publishEvent(STORAGE_CHANGED);
            return true;
        });
    }

    /**
     * Commits a pending upload: it is no longer deleted at its deadline. A committed file is left as it is (the call
     * is idempotent); empty when there is no such file (deleted, or expired and reaped). A commit that arrives after
     * the deadline but before the reaper took the file still wins.
     */
    public Optional<FileRecord> commit(String fileId) {
        return inTx(() -> {
            files.commit(fileId);
            return files.findById(fileId);
        });
    }

    /** Ids of pending files whose deadline has passed at {@code now}, earliest first, at most {@code limit}. */
    public List<String> expiredPending(Instant now, int limit) {
        return files.expiredPending(now.toEpochMilli(), limit);
    }

    /**
     * Deletes the file through {@link #delete} if it is still pending with a deadline at or before {@code now},
     * checked in the deleting transaction while holding the row, so a commit that got there first keeps the file
     * and one that comes later finds it gone. True when it was deleted.
     */
    public boolean deleteExpired(String fileId, Instant now) {
        return inTx(() -> files.claimExpired(fileId, now.toEpochMilli()) && delete(fileId));
    }

    /**
     * Deletes several files and their versions, all or none: when any id does not exist, nothing is deleted and the
     * answer is ImageKit's 404 with {@code missingFileIds}.
     */
    public void deleteAll(List<String> fileIds) {
        inTx(() -> {
            requireAll(fileIds);
            fileIds.forEach(this::delete);
            return null;
        });
    }

    /** Applies {@code change} to each file's current version, all or none (404 with {@code missingFileIds}). */
    public void updateAll(List<String> fileIds, UnaryOperator<FileRecord> change) {
        inTx(() -> {
            for (FileRecord f : requireAll(fileIds)) {
                files.update(change.apply(f));
            }
            return null;
        });
    }

    private List<FileRecord> requireAll(List<String> fileIds) {
        List<FileRecord> found = new ArrayList<>(fileIds.size());
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(fileIds)) {
            files.findById(id).ifPresentOrElse(found::add, () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw ApiException.filesMissing(missing);
        }
        return found;
    }

    /** A file path and, optionally, one of its versions: what a delivery URL names. */
    public record Location(String filePath, String versionId) {}

    /**
     * Deletes, for each location, the file at its path with every version, or only the named earlier version; all
     * or none, in one transaction. Each answer is what was deleted (the file, or the version), empty when nothing
     * was there — deleted before, or never stored — so that a repeated call changes nothing and succeeds. Naming
     * the current version is ImageKit's 400, as in {@link #deleteVersion}.
     */
    public List<Optional<FileRecord>> deleteAt(List<Location> locations) {
        return inTx(() -> {
            List<Optional<FileRecord>> deleted = new ArrayList<>(locations.size());
            for (Location at : locations) {
                Optional<FileRecord> file = files.findByPath(at.filePath());
                if (file.isEmpty()) {
                    deleted.add(Optional.empty());
                } else if (at.versionId() == null) {
                    delete(file.get().fileId());
                    deleted.add(file);
                } else {
                    Optional<FileRecord> version = file.get().versionId().equals(at.versionId()) ? file
                            : versions.find(file.get().fileId(), at.versionId());
                    version.ifPresent(v -> deleteVersion(v.fileId(), v.versionId()));
                    deleted.add(version);
                }
            }
            return deleted;
        });
    }

    /** Deletes an earlier version (never the current one); 404 when there is no such version. */
    public void deleteVersion(String fileId, String versionId) {
        inTx(() -> {
            FileRecord current = files.findById(fileId).orElseThrow(ApiException::fileNotFound);
            if (current.versionId().equals(versionId)) {
                throw ApiException.badRequest("You cannot delete current version of a file.");
            }
            if (!versions.delete(fileId, versionId)) {
                throw versionNotFound();
            }
            events.publishEvent(STORAGE_CHANGED);
            return null;
        });
    }

    /** Makes an earlier version current again; the version it replaces is kept as an earlier one. */
    public FileRecord restoreVersion(String fileId, String versionId) {
        return inTx(() -> {
            FileRecord current = files.findById(fileId).orElseThrow(ApiException::fileNotFound);
            if (current.versionId().equals(versionId)) {
                return current;
            }
            FileRecord version = versions.find(fileId, versionId).orElseThrow(FileCatalog::versionNotFound);
            versions.delete(fileId, versionId);
            versions.insert(current);
            FileRecord restored = version.movedTo(current.folderPath(), current.name(), clock.instant());
            files.update(restored);
            return restored;
        });
    }

    /**
     * Copies the file into {@code folder}. When a file of the same name is there, the copy (with its versions when
     * {@code includeVersions}) is appended to that file's version history, as ImageKit does; otherwise it is a new
     * file.
     */
    public FileRecord copy(FileRecord source, String folder, boolean includeVersions) {
        return inTx(() -> {
            events.publishEvent(STORAGE_CHANGED);
            Instant now = clock.instant();
            List<FileRecord> history = includeVersions ? versions.ofFile(source.fileId()) : List.of();
            Optional<FileRecord> existing = files.findByPath(FileRecord.pathOf(folder, source.name()));
            if (existing.isPresent()) {
                return append(existing.get(), history, source, now);
            }
            folders.ensureExists(folder, now.toEpochMilli());
            String id = Ids.next();
            int number = history.isEmpty() ? 1 : source.versionNumber();
            FileRecord copy = source.copiedTo(id, id, number, folder, source.name(), now);
            files.insert(copy);
            for (FileRecord v : history) {
                versions.insert(v.copiedTo(id, Ids.next(), v.versionNumber(), folder, source.name(), v.createdAt()));
            }
            return copy;
        });
    }

    /**
     * Moves the file and its versions into {@code folder}. When a file of the same name is there, they are appended
     * to that file's version history and the source file is gone.
     */
    public FileRecord move(FileRecord source, String folder) {
        return inTx(() -> {
            Instant now = clock.instant();
            Optional<FileRecord> existing = files.findByPath(FileRecord.pathOf(folder, source.name()));
            if (existing.isPresent()) {
                if (existing.get().fileId().equals(source.fileId())) {
                    return source;
                }
                List<FileRecord> history = versions.ofFile(source.fileId());
                versions.deleteAll(source.fileId());
                files.delete(source.fileId());
                return append(existing.get(), history, source, now);
            }
            folders.ensureExists(folder, now.toEpochMilli());
            FileRecord moved = source.movedTo(folder, source.name(), now);
            files.update(moved);
            return moved;
        });
    }

    /** Renames the file (and so every version's URL); 409 when the folder has a file of that name already. */
    public FileRecord rename(FileRecord source, String newName) {
        return inTx(() -> {
            if (files.findByPath(FileRecord.pathOf(source.folderPath(), newName)).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "File with name " + newName
                        + " already exists at the same location.").reason("FILE_ALREADY_EXISTS");
            }
            FileRecord renamed = source.movedTo(source.folderPath(), newName, clock.instant());
            try {
                files.update(renamed);
            } catch (DataIntegrityViolationException e) {
                throw new ApiException(HttpStatus.CONFLICT, "File with name " + newName
                        + " already exists at the same location.").reason("FILE_ALREADY_EXISTS");
            }
            return renamed;
        });
    }

    /**
     * Appends {@code history} (oldest first) and then {@code newCurrent} to {@code target}'s versions: the target's
     * current version becomes an earlier one, each appended version gets a new id and the next number.
     */
    private FileRecord append(FileRecord target, List<FileRecord> history, FileRecord newCurrent, Instant now) {
        versions.insert(target);
        int number = target.versionNumber();
        for (FileRecord v : history) {
            number++;
            versions.insert(target.withContent(Ids.next(), number, v, v.updatedAt()));
        }
        FileRecord current = target.withContent(Ids.next(), number + 1, newCurrent, now);
        files.update(current);
        return current;
    }

    private static ApiException versionNotFound() {
        return ApiException.notFound("The requested file version does not exist.");
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /**
     * Content no file or version uses any more, removed from storage by the sweeper: what was derived from it
     * (renditions) can go too.
     */
    public record ContentReleased(String sha256) {}

    /**
     * Published inside the transaction of every change to the stored sizes (save, delete, copy, version delete);
     * listeners that recompute totals use {@code @TransactionalEventListener} to see it once committed.
     */
    public record StorageChanged() {}

    private static final StorageChanged STORAGE_CHANGED = new StorageChanged();

    /** Content hashes of the file at {@code filePath}, or of every file under a path prefix. */
    public List<String> contentOf(String filePath, boolean prefix) {
        return prefix ? files.contentUnder(filePath) : files.findByPath(filePath).map(FileRecord::sha256).stream().toList();
    }
}
