package dev.pixkit.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.PixkitApplication;
import dev.pixkit.server.cleanup.BlobSweeper;
import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real Pixkit server on a loopback port with its own temporary data dir, shared by the tests of one JVM (the
 * default one) or started separately for tests that need other settings.
 */
public final class TestServer implements AutoCloseable {
    public static final String PRIVATE_KEY = "private_test_key";
    public static final String PUBLIC_KEY = "public_test_key";
    /** Small so that size-limit tests stay fast. */
    public static final long MAX_UPLOAD_BYTES = 2L * 1024 * 1024;

    private static TestServer shared;

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;

    private TestServer(Map<String, String> overrides) {
        try {
            // A fixed PIXKIT_DATA_DIR lets a test start a second server on the first one's data (a restart).
            this.dataDir = overrides.containsKey("PIXKIT_DATA_DIR") ? Path.of(overrides.get("PIXKIT_DATA_DIR"))
                    : Files.createTempDirectory("pixkit-test-");
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PIXKIT_PORT", Integer.toString(port));
        env.put("PIXKIT_DATA_DIR", dataDir.toString());
        env.put("PIXKIT_PRIVATE_KEY", PRIVATE_KEY);
        env.put("PIXKIT_PUBLIC_KEY", PUBLIC_KEY);
        env.put("PIXKIT_MAX_UPLOAD_BYTES", Long.toString(MAX_UPLOAD_BYTES));
        env.putAll(overrides);
        this.context = PixkitApplication.start(PixkitSettings.fromMap(env));
    }

    /** The JVM-wide server; started on first use, stopped at JVM exit. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = new TestServer(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A separate server with other settings; the caller closes it. */
    public static TestServer start(Map<String, String> overrides) {
        return new TestServer(overrides);
    }

    public URI base() {
        return URI.create("http://localhost:" + port);
    }

    public String endpoint() {
        return "http://localhost:" + port + "/media";
    }

    public Path dataDir() {
        return dataDir;
    }

    public Http http() {
        return new Http(base());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public long fileRows() {
        return jdbc().sql("SELECT COUNT(*) FROM files").query(Long.class).single();
    }

    /** How many catalog rows and blobs there are now; {@link Footprint#assertUnchanged} checks nothing was added. */
    public Footprint footprint() {
        return new Footprint(this, fileRows(), blobCount());
    }

    /** Catalog rows and blobs at one moment, to prove that a refused request wrote nothing. */
    public record Footprint(TestServer server, long rows, long blobs) {
        /** Same rows and blobs as then, and no spill or staging file left in {@code tmp/}. */
        public void assertUnchanged() throws InterruptedException {
            assertThat(server.fileRows()).as("catalog rows").isEqualTo(rows);
            assertThat(server.blobCount()).as("blobs").isEqualTo(blobs);
            // The container removes its multipart spill files when the request is recycled, just after the response.
            for (int i = 0; i < 50 && server.tmpCount() > 0; i++) {
                Thread.sleep(20);
            }
            assertThat(server.tmpCount()).as("files left in tmp/: %s", server.tmpFiles()).isZero();
        }
    }

    /**
     * Regular files under {@code blobs/}, once the deletions already due have been swept (the server sweeps them
     * asynchronously right after the transaction that released them; this makes the count deterministic).
     */
    public long blobCount() {
        sweepDeletions();
        return countFiles(dataDir.resolve("blobs"));
    }

    /** Removes, now, the content whose deletion is due (the server does it asynchronously right after commit). */
    public void sweepDeletions() {
        if (context.isActive()) {
            bean(BlobSweeper.class).drain();
        }
    }

    /** Names of the regular files under {@code tmp/}. */
    public List<String> tmpFiles() {
        Path tmp = dataDir.resolve("tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (var s = Files.walk(tmp)) {
            return s.filter(Files::isRegularFile).map(p -> tmp.relativize(p) + " (" + p.toFile().length() + " B)")
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under {@code tmp/} (staging and multipart spill files). */
    public long tmpCount() {
        return countFiles(dataDir.resolve("tmp"));
    }

    private static long countFiles(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
