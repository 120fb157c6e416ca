package dev.pixkit.server.storage;

import dev.pixkit.server.system.AtomicWrite;
import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Blobs under {@code <dataDir>/blobs/ab/cd/<sha256>}; staging under {@code <dataDir>/tmp} on the same file system,
 * so publishing is one atomic rename followed by a directory fsync.
 */
@Component
class LocalBlobStore implements BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int HEAD_BYTES = 512;

    private final Path blobs;
    private final Path tmp;

    LocalBlobStore(PixkitSettings settings) throws IOException {
        this.blobs = settings.dataDir().resolve("blobs");
        this.tmp = settings.dataDir().resolve("tmp");
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
    }

    @Override
    public StagedBlob stage(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile(tmp, "upload-", ".part");
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            MessageDigest sha = sha256();
            byte[] buf = new byte[64 * 1024];
            byte[] head = new byte[HEAD_BYTES];
            int headLen = 0;
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                if (headLen < HEAD_BYTES) {
                    int take = Math.min(n, HEAD_BYTES - headLen);
                    System.arraycopy(buf, 0, head, headLen, take);
                    headLen += take;
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.flush();
            ch.force(true);
            ok = true;
            return new StagedBlob(file, HexFormat.of().formatHex(sha.digest()), total, Arrays.copyOf(head, headLen));
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Publishes by hard-linking the staged file under its hash (then a directory fsync), so the staged file stays
     * readable until closed: the catalog may need to publish it again if the sweeper removed the same content in
     * between. The bytes were fsynced when staged.
     */
    @Override
    public void commit(StagedBlob staged) throws IOException {
        Path target = pathOf(staged.sha256());
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, staged.file());
        } catch (FileAlreadyExistsException e) {
            return; // the same content, published concurrently
        } catch (UnsupportedOperationException | FileSystemException e) {
            Path copy = Files.createTempFile(tmp, "publish-", ".part");
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
        } catch (java.nio.file.NoSuchFileException e) {
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
                String name = p.getFileName().toString();
                if (attrs.isRegularFile() && SHA256.matcher(name).matches()) {
                    each.accept(new BlobInfo(name, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
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
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
