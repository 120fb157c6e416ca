package dev.pixkit.server.storage;

import dev.pixkit.server.system.AtomicWrite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Blobs under {@code <dataDir>/blobs/ab/cd/<sha256>}; staging under {@code <dataDir>/tmp} on the same file system,
 * so publishing is one hard link followed by a directory fsync. Chosen by {@link StorageConfig} when
 * {@code PIXKIT_STORAGE=local} (the default).
 */
final class LocalBlobStore implements BlobStore {
    private final Path blobs;
    private final Staging staging;

    LocalBlobStore(Path dataDir) throws IOException {
        this.blobs = dataDir.resolve("blobs");
        this.staging = new Staging(dataDir, false);
        Files.createDirectories(blobs);
    }

    @Override
    public StagedBlob stage(InputStream in, long maxBytes) throws IOException {
        return staging.stage(in, maxBytes);
    }

    /**
     * Publishes by hard-linking the staged file under its hash (then a directory fsync), so the staged file stays
     * readable until closed: the catalog may need to publish it again if the sweeper removed the same content in
     * between. The staged bytes are fsynced here, only when they are published: content already stored costs no
     * fsync.
     */
    @Override
    public void commit(StagedBlob staged) throws IOException {
        Path target = pathOf(staged.sha256());
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Staging.sync(staged.file());
        try {
            Files.createLink(target, staged.file());
        } catch (FileAlreadyExistsException e) {
            return; // the same content, published concurrently
        } catch (UnsupportedOperationException | FileSystemException e) {
            Path copy = Files.createTempFile(staged.file().getParent(), "publish-", ".part");
            try {
                Files.copy(staged.file(), copy, StandardCopyOption.REPLACE_EXISTING);
                AtomicWrite.moveDurably(copy, target);
            } finally {
                Files.deleteIfExists(copy);
            }
            return;
        }
        AtomicWrite.syncDirectory(target.getParent());
    }

    @Override
    public Optional<StoredBlob> find(String sha256) throws IOException {
        Path p = pathOf(sha256);
        try {
            return Optional.of(new StoredBlob(sha256, p, Files.size(p)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return Files.exists(pathOf(sha256));
    }

    /**
     * Walks with a visitor rather than {@link Files#walk}: the sweeper may delete a blob between the directory
     * listing and its stat, and that must skip the blob, not end the walk.
     */
    @Override
    public void forEach(Consumer<BlobInfo> each) throws IOException {
        Files.walkFileTree(blobs, Set.of(), 3, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                String sha = BlobPaths.shaOf(blobs.relativize(p).toString().replace('\\', '/'));
                if (sha != null && attrs.isRegularFile()) {
                    each.accept(new BlobInfo(sha, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    @Override
    public void delete(String sha256) throws IOException {
        Path p = pathOf(sha256);
        if (Files.deleteIfExists(p)) {
            AtomicWrite.syncDirectory(p.getParent());
        }
    }

    Path pathOf(String sha256) {
        return blobs.resolve(BlobPaths.relative(sha256));
    }
}
