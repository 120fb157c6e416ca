package dev.pixkit.server.cache;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The result cache behind real HTTP: hits skip rendering, concurrent identical misses render once, purge and delete
 * drop entries, metrics and probes are exposed.
 */
class DeliveryCachingTest {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void upload(byte[] content, String folder, String name) {
        var r = http.upload(new Multipart().file("file", name, content).field("fileName", name)
                .field("folder", folder).field("useUniqueFileName", "false"));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    private static long renders() {
        return server.bean(Renditions.class).renderCount();
    }

    private static long cacheFiles() throws Exception {
        Path dir = server.dataDir().resolve("cache");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_second_request_is_served_from_the_cache_byte_for_byte() throws Exception {
        upload(Images.jpeg(1200, 900), "/c/hit", "a.jpg");
        long before = renders();
        // Large enough (PNG) to go out through sendfile, and a small one that is copied.
        var first = http.get("/media/tr:w-600,f-png/c/hit/a.jpg");
        var second = http.get("/media/tr:w-600,f-png/c/hit/a.jpg");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body().length).isGreaterThan(16 * 1024);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        var small1 = http.get("/media/tr:w-40/c/hit/a.jpg");
        var small2 = http.get("/media/tr:w-40/c/hit/a.jpg");
        assertThat(small2.body()).isEqualTo(small1.body());
        assertThat(renders() - before).isEqualTo(2);
        var head = http.send(http.request("/media/tr:w-600,f-png/c/hit/a.jpg")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(head.body()).isEmpty();
        assertThat(renders() - before).isEqualTo(2);
    }

    @Test
    void concurrent_identical_misses_cause_exactly_one_render() throws Exception {
        upload(Images.jpeg(2400, 1800), "/c/coalesce", "big.jpg");
        long before = renders();
        int n = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                responses.add(pool.submit(() -> {
                    go.await();
                    return http.get("/media/tr:w-700,bl-20,e-sharpen/c/coalesce/big.jpg");
                }));
            }
            go.countDown();
            byte[] expected = null;
            for (var f : responses) {
                HttpResponse<byte[]> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                if (expected == null) {
                    expected = r.body();
                }
                assertThat(r.body()).isEqualTo(expected);
            }
        }
        assertThat(renders() - before).as("renders for %d concurrent identical requests", n).isEqualTo(1);
    }

    @Test
    void purge_by_url_and_by_folder_wildcard_drops_the_renditions() throws Exception {
        upload(Images.jpeg(300, 200), "/c/purge/x", "one.jpg");
        upload(Images.png(300, 200, false), "/c/purge/x", "two.png");
        http.get("/media/tr:w-100/c/purge/x/one.jpg");
        http.get("/media/c/purge/x/one.jpg?tr=w-50");
        http.get("/media/tr:w-100/c/purge/x/two.png");
        long files = cacheFiles();
        long before = renders();

        var purge = http.send(http.authed("/v1/files/purge").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + server.endpoint()
                        + "/tr:w-100/c/purge/x/one.jpg\"}")).build());
        assertThat(purge.statusCode()).isEqualTo(201);
        String id = json(purge).get("requestId").asString();
        var status = http.getAuthed("/v1/files/purge/" + id);
        assertThat(json(status).get("status").asString()).isEqualTo("Completed");
        assertThat(cacheFiles()).isEqualTo(files - 2);
        http.get("/media/tr:w-100/c/purge/x/one.jpg");
        assertThat(renders() - before).isEqualTo(1);
        http.get("/media/tr:w-100/c/purge/x/two.png");
        assertThat(renders() - before).as("two.png was not purged").isEqualTo(1);

        var wildcard = http.send(http.authed("/v1/files/purge").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + server.endpoint() + "/c/purge/*\"}"))
                .build());
        assertThat(wildcard.statusCode()).isEqualTo(201);
        http.get("/media/tr:w-100/c/purge/x/two.png");
        assertThat(renders() - before).isEqualTo(2);

        var foreign = http.send(http.authed("/v1/files/purge").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://elsewhere.example/x.jpg\"}")).build());
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(http.getAuthed("/v1/files/purge/000000000000000000000000").statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/v1/files/purge").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"x\"}")).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void deleting_the_last_file_with_some_content_drops_its_renditions() throws Exception {
        upload(Images.jpeg(320, 240), "/c/delete", "gone.jpg");
        http.get("/media/tr:w-100/c/delete/gone.jpg");
        String sha = server.jdbc().sql("SELECT blob_sha256 FROM files WHERE file_path = '/c/delete/gone.jpg'")
                .query(String.class).single();
        String id = server.jdbc().sql("SELECT file_id FROM files WHERE file_path = '/c/delete/gone.jpg'")
                .query(String.class).single();
        Path dir = server.dataDir().resolve("cache").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(dir).isDirectory();
        assertThat(http.send(http.authed("/v1/files/" + id).DELETE().build()).statusCode()).isEqualTo(204);
        server.sweepDeletions();
        assertThat(dir).doesNotExist();
    }

    @Test
    void metrics_and_probes_are_exposed() {
        upload(Images.jpeg(100, 100), "/c/metrics", "m.jpg");
        http.get("/media/tr:w-10/c/metrics/m.jpg");
        http.get("/media/tr:w-10/c/metrics/m.jpg");
        var metrics = http.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = new String(metrics.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("pixkit_cache_requests_total{result=\"hit\"}")
                .contains("pixkit_cache_requests_total{result=\"miss\"}")
                .contains("pixkit_render_duration_seconds_bucket")
                .contains("pixkit_render_queue")
                .contains("pixkit_delivery_bytes_total")
                .contains("http_server_requests_seconds_count");
        assertThat(new String(http.get("/actuator/health/liveness").body(), StandardCharsets.UTF_8)).contains("UP");
        assertThat(new String(http.get("/actuator/health/readiness").body(), StandardCharsets.UTF_8)).contains("UP");
    }
}
