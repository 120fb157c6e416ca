package dev.pixkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pixkit.url.signing.SignedUrls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real Pixkit server running in this JVM. */
class PixkitClientTest {
    @TempDir
    static Path dataDir;
    @TempDir
    Path work;

    static LocalPixkit server;
    static PixkitClient client;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = new LocalPixkit(dataDir);
        client = server.client().maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void uploads_bytes_reads_details_deletes_and_then_reports_404() {
        byte[] jpeg = LocalPixkit.jpeg(80, 60);
        UploadResult up = client.upload(UploadRequest.of(jpeg, "hello.jpg").folder("/client/crud")
                .useUniqueFileName(false).tags("a", "b").responseFields("tags", "isPrivateFile").build());

        assertThat(up.fileId()).isNotBlank();
        assertThat(up.name()).isEqualTo("hello.jpg");
        assertThat(up.filePath()).isEqualTo("/client/crud/hello.jpg");
        assertThat(up.size()).isEqualTo(jpeg.length);
        assertThat(up.fileType()).isEqualTo("image");
        assertThat(up.isImage()).isTrue();
        assertThat(up.tags()).containsExactly("a", "b");
        assertThat(up.isPrivateFile()).isFalse();
        assertThat(up.versionInfo().name()).isEqualTo("Version 1");
        assertThat(up.url()).isEqualTo(server.endpoint() + "/client/crud/hello.jpg");

        FileDetails details = client.details(up.fileId());
        assertThat(details.fileId()).isEqualTo(up.fileId());
        assertThat(details.type()).isEqualTo("file");
        assertThat(details.filePath()).isEqualTo(up.filePath());
        assertThat(details.tags()).containsExactly("a", "b");
        assertThat(details.isPrivateFile()).isFalse();
        assertThat(details.isPublished()).isTrue();
        assertThat(details.size()).isEqualTo(jpeg.length);
        assertThat(details.createdAt()).endsWith("Z");
        assertThat(client.detailsJson(up.fileId())).contains("\"fileId\":\"" + up.fileId() + "\"");

        client.delete(up.fileId());

        PixkitApiException missing = catchThrowableOfType(PixkitApiException.class, () -> client.details(up.fileId()));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.getMessage()).isEqualTo("The requested file does not exist.");
        assertThat(missing.help()).isNotBlank();
        assertThat(missing.requestId()).isNotBlank();
        assertThatThrownBy(() -> client.delete(up.fileId()))
                .isInstanceOfSatisfying(PixkitApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void a_non_image_file_has_details_too() {
        byte[] text = "hello pixkit".getBytes(StandardCharsets.UTF_8);
        UploadResult up = client.upload(UploadRequest.of(text, "hello.txt").folder("/client/text").build());
        assertThat(up.fileType()).isEqualTo("non-image");
        assertThat(up.width()).isNull();

        FileDetails details = client.details(up.fileId());
        assertThat(details.fileType()).isEqualTo("non-image");
        assertThat(details.size()).isEqualTo(text.length);
        assertThat(details.width()).isNull();
        assertThat(details.thumbnail()).isNull();
    }

    @Test
    void uploads_a_jpeg_from_a_path_and_reports_its_dimensions() throws Exception {
        Path photo = work.resolve("photo.jpg");
        Files.write(photo, LocalPixkit.jpeg(320, 200));

        UploadResult up = client.upload(UploadRequest.of(photo).folder("/client/photos").build());

        assertThat(up.fileType()).isEqualTo("image");
        assertThat(up.width()).isEqualTo(320);
        assertThat(up.height()).isEqualTo(200);
        assertThat(up.size()).isEqualTo(Files.size(photo));
        assertThat(up.name()).startsWith("photo").endsWith(".jpg");
        assertThat(up.filePath()).startsWith("/client/photos/");
        assertThat(up.thumbnailUrl()).isNotBlank();

        FileDetails details = client.details(up.fileId());
        assertThat(details.mime()).isEqualTo("image/jpeg");
        assertThat(details.width()).isEqualTo(320);
        assertThat(details.height()).isEqualTo(200);

        HttpResponse<byte[]> original = get(client.url(up.filePath()));
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(Files.readAllBytes(photo));
    }

    @Test
    void streams_and_text_fields_round_trip_with_unicode_names() {
        byte[] jpeg = LocalPixkit.jpeg(24, 24);
        UploadResult known = client.upload(UploadRequest.of(() -> new ByteArrayInputStream(jpeg), jpeg.length,
                "naïve café.jpg").folder("/client/ünïcode").useUniqueFileName(false)
                .description("Ein schönes Bild").build());
        // letters of any script are kept; the server turns spaces into underscores, as ImageKit does
        assertThat(known.name()).isEqualTo("naïve_café.jpg");
        assertThat(known.filePath()).isEqualTo("/client/ünïcode/naïve_café.jpg");
        assertThat(known.size()).isEqualTo(jpeg.length);
        assertThat(client.details(known.fileId()).description()).isEqualTo("Ein schönes Bild");
        // the delivery URL built by the client (percent-encoded UTF-8) reaches the same file
        HttpResponse<byte[]> delivered = get(client.url(known.filePath()));
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).isEqualTo(jpeg);

        byte[] data = "streamed content".getBytes(StandardCharsets.UTF_8);

        UploadResult chunked = client.upload(UploadRequest.of(() -> new ByteArrayInputStream(data), -1, "chunked.txt")
                .build());
        assertThat(chunked.size()).isEqualTo(data.length);

        UploadResult oneShot = client.upload(UploadRequest.ofStream(new ByteArrayInputStream(data), data.length,
                "once.txt").build());
        assertThat(oneShot.size()).isEqualTo(data.length);

        UploadResult base64 = client.upload(UploadRequest.ofBase64(data, "b64.txt").build());
        assertThat(base64.size()).isEqualTo(data.length);
    }

    @Test
    void a_wrong_private_key_is_403_and_never_retried() {
        try (CountingHttpClient counting = new CountingHttpClient();
                PixkitClient wrong = server.client().privateKey("private_wrong_key").maxRetries(3)
                        .initialBackoff(Duration.ofMillis(10)).httpClient(counting).build()) {
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class,
                    () -> wrong.upload(UploadRequest.of(new byte[] {1, 2, 3}, "x.bin").build()));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("Your account cannot be authenticated.");
            assertThat(counting.sent).hasValue(1);

            assertThatThrownBy(() -> wrong.details("anything"))
                    .isInstanceOfSatisfying(PixkitApiException.class, x -> assertThat(x.status()).isEqualTo(403));
            assertThat(counting.sent).hasValue(2);
        }
    }

    @Test
    void batch_upload_keeps_input_order_and_reports_progress() {
        List<UploadRequest> requests = IntStream.range(0, 5)
                .mapToObj(i -> UploadRequest.of(("file number " + i).getBytes(StandardCharsets.UTF_8), "batch-" + i + ".txt")
                        .folder("/client/batch").useUniqueFileName(false).build())
                .toList();
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        List<BatchItemResult> results = client.batchUpload(requests, 3,
                (item, completed, total) -> {
                    assertThat(total).isEqualTo(5);
                    progress.add(completed);
                });

        assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r.isSuccess()).as(String.valueOf(r.error())).isTrue());
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).index()).isEqualTo(i);
            assertThat(results.get(i).request()).isSameAs(requests.get(i));
            assertThat(results.get(i).result().filePath()).isEqualTo("/client/batch/batch-" + i + ".txt");
        }
        assertThat(progress).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void batch_upload_reports_failures_per_item() {
        List<UploadRequest> requests = List.of(
                UploadRequest.of("ok".getBytes(StandardCharsets.UTF_8), "ok.txt").folder("/client/mixed").build(),
                UploadRequest.of(work.resolve("missing.jpg")).build(),
                UploadRequest.of(new byte[3 * 1024 * 1024], "huge.bin").folder("/client/mixed").build());

        List<BatchItemResult> results = client.batchUpload(requests, 2);

        assertThat(results.get(0).isSuccess()).isTrue();
        assertThat(results.get(1).error()).isNotNull().hasMessageContaining("missing.jpg");
        assertThat(results.get(2).error()).isInstanceOfSatisfying(PixkitApiException.class,
                e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void an_upload_over_the_size_limit_is_413() {
        byte[] threeMb = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(threeMb);
        PixkitApiException e = catchThrowableOfType(PixkitApiException.class,
                () -> client.upload(UploadRequest.of(threeMb, "big.bin").build()));
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void a_body_far_over_the_limit_is_refused_before_it_is_read() throws Exception {
        Path big = work.resolve("ten-mb.bin");
        byte[] chunk = new byte[1024 * 1024];
        new Random(3).nextBytes(chunk);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
        }
        try (CountingHttpClient counting = new CountingHttpClient();
                PixkitClient c = server.client().httpClient(counting).maxRetries(2)
                        .initialBackoff(Duration.ofMillis(10)).build()) {
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class,
                    () -> c.upload(UploadRequest.of(big).build()));
            assertThat(e.status()).isEqualTo(413);
            assertThat(counting.sent).hasValue(1);
        }
    }

    @Test
    void a_private_file_is_served_through_a_signed_url_only() throws Exception {
        Path photo = work.resolve("secret.jpg");
        byte[] jpeg = LocalPixkit.jpeg(64, 48);
        Files.write(photo, jpeg);
        UploadResult up = client.upload(UploadRequest.of(photo).folder("/client/private").isPrivateFile(true)
                .useUniqueFileName(false).responseFields("isPrivateFile").build());
        assertThat(up.isPrivateFile()).isTrue();

        String signed = client.signedUrl(up.filePath(), Duration.ofHours(1));
        assertThat(signed).startsWith(server.endpoint() + "/client/private/secret.jpg?ik-t=").contains("&ik-s=");
        HttpResponse<byte[]> ok = get(signed);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(jpeg);

        HttpResponse<byte[]> forever = get(client.signedUrl(up.filePath(), null));
        assertThat(forever.statusCode()).isEqualTo(200);
        assertThat(forever.body()).isEqualTo(jpeg);

        assertThat(get(client.url(up.filePath())).statusCode()).isEqualTo(401);

        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        try (PixkitClient past = server.client().clock(twoHoursAgo).build()) {
            assertThat(get(past.signedUrl(up.filePath(), Duration.ofHours(1))).statusCode()).isEqualTo(401);
        }
        try (PixkitClient otherKey = server.client().privateKey("private_other_key").build()) {
            assertThat(get(otherKey.signedUrl(up.filePath(), Duration.ofHours(1))).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void url_helpers_encode_paths_and_sign_like_the_sdks() {
        try (PixkitClient c = PixkitClient.builder().baseUrl("http://localhost:9/").privateKey("private_test_key")
                .build()) {
            assertThat(c.urlEndpoint()).isEqualTo("http://localhost:9/media");
            assertThat(c.url("/a.jpg")).isEqualTo("http://localhost:9/media/a.jpg");
            assertThat(c.url("folder/my photo é.jpg")).isEqualTo("http://localhost:9/media/folder/my%20photo%20%C3%A9.jpg");
            assertThat(c.url("/a.jpg", "w-300,h-200:rt-90")).isEqualTo("http://localhost:9/media/a.jpg?tr=w-300,h-200:rt-90");
            // the vector from the reference notes: "tr:w-300/a.jpg" is the path form; the query form is signed likewise
            String signed = c.signedUrl("/a.jpg", "w-300,h-200:rt-90", null);
            assertThat(signed).isEqualTo("http://localhost:9/media/a.jpg?tr=w-300,h-200:rt-90&ik-s=8ac2ed5ad599450f79582061d0a923e8b1e79b00");
            String target = signed.substring("http://localhost:9/media/".length());
            assertThat(SignedUrls.verify("private_test_key", target, Instant.now())).isEqualTo(SignedUrls.Verdict.VALID);
            assertThat(c.authenticationParameters().signature()).hasSize(40);
        }
        try (PixkitClient keyless = PixkitClient.builder().baseUrl(URI.create("http://localhost:9")).build()) {
            assertThat(keyless.url("x.png")).isEqualTo("http://localhost:9/media/x.png");
            assertThatThrownBy(() -> keyless.signedUrl("x.png", Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void connection_failures_are_typed_and_retried() {
        int closedPort = LocalPixkit.freePort();
        try (CountingHttpClient counting = new CountingHttpClient();
                PixkitClient c = PixkitClient.builder().baseUrl("http://localhost:" + closedPort).privateKey("private_x_key")
                        .maxRetries(2).initialBackoff(Duration.ofMillis(5)).httpClient(counting).build()) {
            assertThatThrownBy(() -> c.details("abc")).isInstanceOf(PixkitConnectionException.class)
                    .hasMessageContaining("after 3 attempts");
            assertThat(counting.sent).hasValue(3);
        }
    }

    private static HttpResponse<byte[]> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }
}
