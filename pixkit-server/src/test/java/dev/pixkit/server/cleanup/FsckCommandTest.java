package dev.pixkit.server.cleanup;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.PixkitApplication;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code pixkit fsck} as the launcher runs it: the server jar's main class with {@code fsck} in a child JVM, on the
 * data dir of a stopped server and beside a running one. Exit status 0 clean, 1 problems remain, 2 cannot run.
 */
class FsckCommandTest {

    record Run(int exit, String out, String err) {}

    @Test
    void offline_check_repair_and_recheck_on_a_stopped_servers_data_dir() throws Exception {
        byte[] kept = randomBytes(2048, 1);
        Path dataDir;
        String keptSha = Images.sha256(kept);
        try (TestServer server = TestServer.start(Map.of())) {
            upload(server.http(), kept, "kept.bin");
            dataDir = server.dataDir();
        }
        byte[] stray = randomBytes(999, 2);
        String straySha = Images.sha256(stray);
        Path strayBlob = blob(dataDir, straySha);
        Files.createDirectories(strayBlob.getParent());
        Files.write(strayBlob, stray);
        Files.setLastModifiedTime(strayBlob, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path staleTemp = dataDir.resolve("tmp").resolve("upload-1.part");
        Files.write(staleTemp, new byte[10]);
        Files.setLastModifiedTime(staleTemp, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        Run check = fsck(dataDir);
        System.out.println(check.out());
        assertThat(check.exit()).as(check.err()).isEqualTo(1);
        assertThat(check.out()).contains("unreferenced blobs", straySha + " (999 bytes", "stale temp files",
                "tmp/upload-1.part (10 bytes", "with --repair: queue them for deletion", "2 problems remain.");
        assertThat(check.out().lines().filter(l -> l.startsWith("  unreferenced blobs")).findFirst().orElseThrow())
                .matches(" +unreferenced blobs +1 +- +1");
        assertThat(strayBlob).exists();
        assertThat(staleTemp).exists();

        Run repair = fsck(dataDir, "--repair");
        System.out.println(repair.out());
        assertThat(repair.exit()).as(repair.err()).isZero();
        assertThat(repair.out()).contains("pixkit fsck --repair", "repair: queued 1 for deletion; the sweeper removed 1",
                "repair: deleted 1", "No problems.");
        assertThat(strayBlob).doesNotExist();
        assertThat(staleTemp).doesNotExist();
        assertThat(Images.sha256(Files.readAllBytes(blob(dataDir, keptSha)))).isEqualTo(keptSha);

        Run again = fsck(dataDir, "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode report = Http.JSON.readTree(again.out());
        assertThat(report.get("problems").asInt()).isZero();
        assertThat(report.get("checked").get("files").asInt()).isEqualTo(1);

        // bytes gone behind the catalog's back: reported, not repairable, exit 1
        Files.delete(blob(dataDir, keptSha));
        Run lost = fsck(dataDir, "--repair");
        System.out.println(lost.out());
        assertThat(lost.exit()).as(lost.err()).isEqualTo(1);
        assertThat(lost.out()).contains("missing blobs", "/cli/kept_", "is not stored", "repair: none possible",
                "1 problem remains.");

        // the server starts on what fsck left, and still has the file (its bytes gone)
        try (TestServer server = TestServer.start(Map.of("PIXKIT_DATA_DIR", dataDir.toString()))) {
            var list = json(server.http().getAuthed("/v1/files"));
            assertThat(list.size()).isEqualTo(1);
        }
    }

    @Test
    void it_cannot_run_without_a_catalog_or_with_bad_arguments() throws Exception {
        Path empty = Files.createTempDirectory("pixkit-fsck-empty-");
        Run none = fsck(empty);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no catalog at", "has not run on this data dir yet");
        assertThat(empty.resolve("pixkit.db")).doesNotExist();

        Run bad = fsck(empty, "--bogus");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown argument --bogus", "usage: pixkit fsck");

        Run badGrace = fsck(empty, "--grace=soon");
        assertThat(badGrace.exit()).isEqualTo(2);
        assertThat(badGrace.err()).contains("--grace");

        Run badSettings = run(Map.of("PIXKIT_DATA_DIR", empty.toString(), "PIXKIT_PORT", "not-a-port",
                "PIXKIT_FSCK_GRACE", "soon"));
        assertThat(badSettings.exit()).isEqualTo(2);
        assertThat(badSettings.err()).contains("PIXKIT_PORT", "PIXKIT_FSCK_GRACE must be a duration");
    }

    @Test
    void repairing_beside_a_running_server_under_uploads_loses_nothing() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            Http http = server.http();
            Map<String, String> uploaded = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Integer>> writers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        int n = 0;
                        while (!stop.get() || n < 5) {
                            byte[] content = randomBytes(1500 + n, writer * 100_000 + n);
                            JsonNode f = upload(http, content, "live-" + writer + "-" + n + ".bin");
                            uploaded.put(Http.pathOf(f.get("url").asString()), Images.sha256(content));
                            n++;
                        }
                        return n;
                    }));
                }
                Run repair = fsck(server.dataDir(), "--repair");
                Run check = fsck(server.dataDir());
                stop.set(true);
                for (Future<Integer> f : writers) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(5);
                }
                System.out.println(repair.out());
                assertThat(repair.exit()).as(repair.out() + repair.err()).isZero();
                assertThat(check.exit()).as(check.out() + check.err()).isZero();
            }
            for (var e : uploaded.entrySet()) {
                var r = http.get(e.getKey());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Images.sha256(r.body())).isEqualTo(e.getValue());
            }
            assertThat(server.bean(Fsck.class).check().problems()).isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static Run fsck(Path dataDir, String... args) throws Exception {
        return run(Map.of("PIXKIT_DATA_DIR", dataDir.toString()), args);
    }

    /** The jar's entry point in a child JVM (the test class path stands in for the jar). */
    static Run run(Map<String, String> env, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-cp", classPath, PixkitApplication.class.getName(), "fsck"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("PIXKIT_") && !k.startsWith("PIXKIT_VIPS"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("fsck-out-", ".txt");
        Path err = Files.createTempFile("fsck-err-", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pixkit fsck did not finish in 120 s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static JsonNode upload(Http http, byte[] content, String name) {
        var r = http.upload(new Multipart().file("file", name, content).field("fileName", name)
                .field("folder", "/cli"));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(r);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed * 31 + System.nanoTime()).nextBytes(b);
        return b;
    }

    static Path blob(Path dataDir, String sha) {
        return dataDir.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }
}
