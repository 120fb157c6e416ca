package dev.pixkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry behaviour. A real Pixkit server cannot be made to fail on demand, so the client talks to a small JDK
 * {@link HttpServer} in front of it that answers with scripted failures first and then forwards to the real server.
 */
class RetryTest {
    @TempDir
    static Path dataDir;
    @TempDir
    Path work;

    static LocalPixkit server;
    static final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpServer flaky;
    /** Scripted answers, used one per request; when empty, requests are forwarded to the real server. */
    final Deque<Failure> script = new ArrayDeque<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();

    record Failure(int status, Map<String, String> headers) {}

    @BeforeAll
    static void start() {
        server = new LocalPixkit(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void startFlaky() throws IOException {
        flaky = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        flaky.createContext("/", this::handle);
        flaky.start();
    }

    @AfterEach
    void stopFlaky() {
        flaky.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes(); // consume the request, as a real server would
        }
        Failure failure;
        synchronized (script) {
            failure = script.poll();
        }
        if (failure != null) {
            byte[] error = "{\"message\":\"Scripted failure.\",\"help\":\"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-ik-requestId", "scripted-" + requests.get());
            failure.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(failure.status(), error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        forwarded.incrementAndGet();
        HttpRequest.Builder out = HttpRequest.newBuilder(server.base().resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Authorization", "Content-Type", "Accept")) {
            String v = exchange.getRequestHeaders().getFirst(h);
            if (v != null) {
                out.header(h, v);
            }
        }
        try {
            HttpResponse<byte[]> r = forwarder.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            r.headers().firstValue("x-ik-requestId").ifPresent(v -> exchange.getResponseHeaders().set("x-ik-requestId", v));
            exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            exchange.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    private PixkitClient client(int maxRetries) {
        return PixkitClient.builder()
                .baseUrl(URI.create("http://localhost:" + flaky.getAddress().getPort()))
                .privateKey(LocalPixkit.PRIVATE_KEY)
                .maxRetries(maxRetries)
                .initialBackoff(Duration.ofMillis(20))
                .build();
    }

    private void fail(int times, int status, Map<String, String> headers) {
        for (int i = 0; i < times; i++) {
            script.add(new Failure(status, headers));
        }
    }

    @Test
    void two_503s_then_success_for_a_file_upload_and_details() throws IOException {
        Path file = work.resolve("retry.jpg");
        Files.write(file, LocalPixkit.jpeg(40, 30));
        fail(2, 503, Map.of());
        try (PixkitClient c = client(2)) {
            UploadResult up = c.upload(UploadRequest.of(file).folder("/retry").build());
            assertThat(up.width()).isEqualTo(40);
            assertThat(requests).hasValue(3);
            assertThat(forwarded).hasValue(1);

            fail(2, 503, Map.of());
            assertThat(c.details(up.fileId()).fileId()).isEqualTo(up.fileId());
            assertThat(requests).hasValue(6);
        }
    }

    @Test
    void gives_up_after_max_retries_with_the_last_error() {
        fail(3, 502, Map.of());
        try (PixkitClient c = client(2)) {
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class, () -> c.details("whatever"));
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.getMessage()).isEqualTo("Scripted failure.");
            assertThat(e.requestId()).isEqualTo("scripted-3");
            assertThat(requests).hasValue(3);
            assertThat(forwarded).hasValue(0);
        }
    }

    @Test
    void x_should_retry_overrides_the_status() {
        fail(1, 503, Map.of("x-should-retry", "false"));
        try (PixkitClient c = client(3)) {
            assertThat(catchThrowableOfType(PixkitApiException.class, () -> c.details("x")).status()).isEqualTo(503);
            assertThat(requests).hasValue(1);
        }
        // a 409 is not retried by default, but is when the server asks for it; the retry then reaches the server
        fail(1, 409, Map.of("x-should-retry", "true"));
        fail(1, 409, Map.of());
        try (PixkitClient c = client(3)) {
            assertThat(catchThrowableOfType(PixkitApiException.class, () -> c.details("x")).status()).isEqualTo(409);
            assertThat(requests).hasValue(3);
        }
    }

    @Test
    void other_4xx_are_not_retried() {
        fail(1, 400, Map.of());
        try (PixkitClient c = client(3)) {
            assertThat(catchThrowableOfType(PixkitApiException.class, () -> c.details("x")).status()).isEqualTo(400);
            assertThat(requests).hasValue(1);
        }
    }

    @Test
    void a_429_waits_as_long_as_x_ratelimit_reset_says() {
        fail(1, 429, Map.of("X-RateLimit-Reset", "400"));
        fail(1, 408, Map.of());
        try (PixkitClient c = client(2)) {
            long start = System.nanoTime();
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class, () -> c.details("missing-file"));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.status()).isEqualTo(404); // the third attempt reached the real server
            assertThat(requests).hasValue(3);
            assertThat(elapsedMs).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void retry_after_seconds_is_honoured() {
        fail(1, 503, Map.of("Retry-After", "1"));
        try (PixkitClient c = client(1)) {
            long start = System.nanoTime();
            catchThrowableOfType(PixkitApiException.class, () -> c.details("missing-file"));
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
            assertThat(requests).hasValue(2);
        }
    }

    @Test
    void a_one_shot_stream_is_not_retried() {
        fail(1, 503, Map.of());
        try (PixkitClient c = client(3)) {
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class, () -> c.upload(UploadRequest
                    .ofStream(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "once.bin").build()));
            assertThat(e.status()).isEqualTo(503);
            assertThat(requests).hasValue(1);
        }
    }
}
