package dev.pixkit.server.cache;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Beyond the render pool and its queue, requests get 503 with Retry-After at once instead of piling up. */
class OverloadTest {

    @Test
    void renders_beyond_pool_and_queue_are_refused_with_503_and_retry_after() throws Exception {
        try (TestServer server = TestServer.start(Map.of("PIXKIT_RENDER_THREADS", "1", "PIXKIT_RENDER_QUEUE", "1",
                "PIXKIT_CACHE_MAX_BYTES", "0"))) {
            Http http = server.http();
            var up = http.upload(new Multipart().file("file", "big.jpg", Images.jpeg(3000, 2400))
                    .field("fileName", "big.jpg").field("useUniqueFileName", "false"));
            assertThat(up.statusCode()).isEqualTo(200);
            int n = 8;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    int width = 1500 + i; // distinct renditions: no coalescing
                    futures.add(pool.submit(() -> {
                        go.await();
                        return http.get("/media/tr:w-" + width + ",bl-60/big.jpg");
                    }));
                }
                go.countDown();
                int ok = 0;
                int refused = 0;
                for (var f : futures) {
                    HttpResponse<byte[]> r = f.get();
                    if (r.statusCode() == 200) {
                        ok++;
                    } else {
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                        assertThat(json(r).get("message").asString()).contains("busy");
                        refused++;
                    }
                }
                assertThat(ok).as("the running render and the queued one").isGreaterThanOrEqualTo(2);
                assertThat(refused).as("beyond 1 running + 1 queued").isGreaterThanOrEqualTo(1);
                assertThat(ok + refused).isEqualTo(n);
            }
            // Once the burst has passed, the server renders again.
            assertThat(http.get("/media/tr:w-100/big.jpg").statusCode()).isEqualTo(200);
        }
    }
}
