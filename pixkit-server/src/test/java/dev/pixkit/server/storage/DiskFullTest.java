package dev.pixkit.server.storage;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The data dir on a small tmpfs that fills up: uploads fail with 507 and store nothing, everything already stored
 * stays readable and intact, and uploads work again once space returns. Mounting needs root (CI runs as root);
 * elsewhere the test is skipped with a message.
 */
class DiskFullTest {
    private Path mount;
    private boolean mounted;
    private TestServer server;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createTempDirectory("pixkit-full-");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "pixkit-full", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (needs root): " + out.strip());
        mounted = true;
        server = TestServer.start(Map.of("PIXKIT_DATA_DIR", mount.resolve("data").toString(),
                "PIXKIT_CACHE_MAX_BYTES", "0"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mounted) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
        Files.deleteIfExists(mount);
    }

    @Test
    void a_full_disk_refuses_uploads_with_507_harms_nothing_stored_and_recovers() throws Exception {
        Http http = server.http();
        Map<String, byte[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = noise(300_000 + i);
            JsonNode up = json(http.upload(new Multipart().file("file", "f.bin", bytes)
                    .field("fileName", "kept" + i + ".bin").field("folder", "/full")));
            stored.put(Http.pathOf(up.get("url").asString()), bytes);
        }

        Path filler = mount.resolve("filler");
        fill(filler);
        var before = server.footprint();
        for (int size : new int[] {500_000, 2_000}) {
            var r = http.upload(new Multipart().file("file", "x.bin", noise(size)).field("fileName", "x" + size + ".bin")
                    .field("folder", "/full"));
            assertThat(r.statusCode()).as(new String(r.body())).isIn(507, 503);
            assertThat(json(r).get("message").asString()).contains("nothing was stored");
        }
        before.assertUnchanged();
        for (var e : stored.entrySet()) {
            var got = http.get(e.getKey());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(Images.sha256(got.body())).isEqualTo(Images.sha256(e.getValue()));
        }

        Files.delete(filler);
        var again = http.upload(new Multipart().file("file", "x.bin", noise(500_000)).field("fileName", "after.bin")
                .field("folder", "/full"));
        assertThat(again.statusCode()).as(new String(again.body())).isEqualTo(200);
        assertThat(Images.sha256(http.get(Http.pathOf(json(again).get("url").asString())).body()))
                .isEqualTo(Images.sha256(noise(500_000)));
    }

    /** Writes zeros until the file system refuses even one more byte. */
    private static void fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int chunk = 64 * 1024; chunk >= 1; chunk /= 16) {
                byte[] zeros = new byte[chunk];
                try {
                    while (true) {
                        out.write(zeros);
                    }
                } catch (IOException full) {
                    assertThat(full.getMessage()).containsIgnoringCase("No space left");
                }
            }
        }
    }

    private static byte[] noise(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
