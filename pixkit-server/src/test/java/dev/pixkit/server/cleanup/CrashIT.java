package dev.pixkit.server.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Multipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pixkit as a child process (the executable jar) takes a storm of concurrent uploads, duplicate uploads, overwrites
 * and deletes, and is killed with SIGKILL at a random moment, {@value #ROUNDS} times. After every restart: each
 * acknowledged change is there (uploads read back byte-identical, deletes stay deleted), a change in flight at the
 * kill either happened whole or not at all, every stored blob's bytes hash to its name (no partial file), and fsck
 * reports no problem.
 */
class CrashIT {
    private static final int ROUNDS = 10;
    private static final int CLIENTS = 8;
    private static final String ABSENT = "absent";
    private static final String KEY = "private_crash_key";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Per file path, the states it may be in: one when known, two while a change to it was in flight at a kill. */
    private final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, String> fileIds = new ConcurrentHashMap<>();
    /** Existing paths a client is changing (one client at a time per path, so the model stays exact). */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acknowledgedUploads = new AtomicInteger();
    private final AtomicInteger acknowledgedDeletes = new AtomicInteger();

    @Test
    void acknowledged_writes_survive_sigkill_and_nothing_partial_or_orphaned_is_left() throws Exception {
        Path dataDir = Files.createTempDirectory("pixkit-crash-");
        int verified = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Child server = Child.start(dataDir, round);
            try {
                if (round > 1) {
                    verified += verify(server, dataDir);
                }
                storm(server, round);
            } finally {
                server.kill();
            }
        }
        Child last = Child.start(dataDir, ROUNDS + 1);
        try {
            verified += verify(last, dataDir);
        } finally {
            last.stop();
        }
        System.out.printf("crash test: %d SIGKILLs, %d uploads and %d deletes acknowledged, %d file states verified"
                + " after restarts, fsck clean after every restart%n", ROUNDS, acknowledgedUploads.get(),
                acknowledgedDeletes.get(), verified);
        assertThat(acknowledgedUploads.get()).isGreaterThan(ROUNDS * 5);
    }

    /** Runs the clients until the server is killed at a random moment. */
    private void storm(Child server, int round) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; !stop.get(); n++) {
                    operate(server, "/crash/r" + round + "/c" + client + "-" + n + ".bin");
                }
            }));
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1800));
        server.kill();
        stop.set(true);
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(30));
        }
    }

    private void operate(Child server, String newPath) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int dice = r.nextInt(100);
        List<String> known = allowed.entrySet().stream().filter(e -> e.getValue().size() == 1
                && !e.getValue().contains(ABSENT)).map(Map.Entry::getKey).toList();
        String existing = known.isEmpty() ? null : known.get(r.nextInt(known.size()));
        try {
            if (dice < 15 && existing != null) {
                byte[] same = allowed.getOrDefault(existing, Set.of()).stream().filter(x -> !x.equals(ABSENT))
                        .findFirst().map(contents::get).orElseGet(() -> noise(2_000));
                put(server, newPath, same); // duplicate content
            } else if (dice < 40 && existing != null && busy.add(existing)) {
                try {
                    if (dice < 30) {
                        put(server, existing, noise(r.nextInt(2_000, 200_000))); // a new version
                    } else {
                        delete(server, existing);
                    }
                } finally {
                    busy.remove(existing);
                }
            } else {
                put(server, newPath, noise(r.nextInt(2_000, 200_000)));
            }
        } catch (IOException | InterruptedException killed) {
            // the server went away mid-request: the change stays "in flight" (either outcome is allowed)
        }
    }

    /** Uploads {@code bytes} to {@code path} (a new file or a new version of it). */
    private void put(Child server, String path, byte[] bytes) throws IOException, InterruptedException {
        String sha = sha256(bytes);
        contents.put(sha, bytes);
        Set<String> before = allowed.getOrDefault(path, Set.of(ABSENT));
        allowed.put(path, union(before, sha));
        int slash = path.lastIndexOf('/');
        Multipart form = new Multipart().file("file", "x.bin", bytes).field("fileName", path.substring(slash + 1))
                .field("folder", path.substring(0, slash)).field("useUniqueFileName", "false");
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(server.uri("/api/v1/files/upload"))
                .header("Authorization", Http.basic(KEY)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
            JsonNode body = Http.JSON.readTree(r.body());
            fileIds.put(path, body.get("fileId").asString());
            allowed.put(path, Set.of(sha));
            acknowledgedUploads.incrementAndGet();
        } else if (r.statusCode() < 500) {
            allowed.put(path, before); // refused: nothing changed
        }
    }

    private void delete(Child server, String path) throws IOException, InterruptedException {
        String id = fileIds.get(path);
        if (id == null) {
            return;
        }
        Set<String> before = allowed.get(path);
        allowed.put(path, union(before, ABSENT));
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/files/" + id))
                .header("Authorization", Http.basic(KEY)).DELETE().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 204) {
            allowed.put(path, Set.of(ABSENT));
            acknowledgedDeletes.incrementAndGet();
        } else if (r.statusCode() < 500) {
            allowed.put(path, before);
        }
    }

    /** Checks every path against what may be there, settles in-flight ones, checks blobs and fsck. */
    private int verify(Child server, Path dataDir) throws Exception {
        int checked = 0;
        for (var e : allowed.entrySet()) {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(server.uri("/media" + e.getKey())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String state = switch (r.statusCode()) {
                case 200 -> sha256(r.body());
                case 404 -> ABSENT;
                default -> "HTTP " + r.statusCode();
            };
            assertThat(e.getValue()).as("state of %s after a restart", e.getKey()).contains(state);
            e.setValue(Set.of(state));
            checked++;
        }
        try (Stream<Path> blobs = Files.walk(dataDir.resolve("blobs"))) {
            for (Path blob : (Iterable<Path>) blobs.filter(Files::isRegularFile)::iterator) {
                assertThat(sha256(Files.readAllBytes(blob))).as("bytes of blob %s", blob).isEqualTo(
                        blob.getFileName().toString());
            }
        }
        HttpResponse<byte[]> fsck = CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/pixkit/fsck"))
                .header("Authorization", Http.basic(KEY)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fsck.statusCode()).as(new String(fsck.body())).isEqualTo(200);
        assertThat(Http.JSON.readTree(fsck.body()).get("problems").asInt()).as(new String(fsck.body())).isZero();
        return checked;
    }

    private static Set<String> union(Set<String> a, String b) {
        return Set.copyOf(Stream.concat(a.stream(), Stream.of(b)).toList());
    }

    private static byte[] noise(int size) {
        byte[] b = new byte[size];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server jar running as a child process on a free port. */
    private record Child(Process process, int port) {
        static Child start(Path dataDir, int round) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String jar = System.getProperty("pixkit.execJar", "target/pixkit-server-exec.jar");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar);
            pb.environment().putAll(Map.of("PIXKIT_PORT", Integer.toString(port),
                    "PIXKIT_DATA_DIR", dataDir.toString(), "PIXKIT_PRIVATE_KEY", KEY,
                    "PIXKIT_PUBLIC_KEY", "public_crash_key"));
            pb.redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-server-"
                    + round + ".log").toFile());
            Child child = new Child(pb.start(), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(child.process.isAlive()).as("server exited during start (round %d)", round).isTrue();
                try {
                    if (CLIENT.send(HttpRequest.newBuilder(child.uri("/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return child;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(100);
            }
            child.kill();
            throw new AssertionError("server not ready after 90 s (round " + round + ")");
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** SIGKILL: no shutdown hook, no flush. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
