package dev.pixkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pixkit's extensions through the client (delete by URL, pending uploads and commit) against a real server. */
class PixkitExtensionsTest {
    @TempDir
    static Path dataDir;

    static LocalPixkit server;
    static PixkitClient client;

    @BeforeAll
    static void start() {
        server = new LocalPixkit(dataDir, Map.of("PIXKIT_PENDING_REAPER_PERIOD_MS", "100"));
        client = server.client().maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static UploadResult upload(String folder, String name) {
        return client.upload(UploadRequest.of(LocalPixkit.jpeg(40 + name.length(), 30), name).folder(folder)
                .useUniqueFileName(false).build());
    }

    @Test
    void delete_by_url_deletes_once_and_then_reports_nothing_there() {
        UploadResult up = upload("/client/byurl", "gone.jpg");
        String url = client.url(up.filePath(), "w-100");

        DeleteByUrlResult first = client.deleteByUrl(url);
        assertThat(first).isEqualTo(new DeleteByUrlResult(url, true, up.fileId(), null));
        assertThat(catchThrowableOfType(PixkitApiException.class, () -> client.details(up.fileId())).status())
                .isEqualTo(404);

        assertThat(client.deleteByUrl(url)).isEqualTo(new DeleteByUrlResult(url, false, null, null));
        PixkitApiException foreign = catchThrowableOfType(PixkitApiException.class,
                () -> client.deleteByUrl("https://elsewhere.example/media/x.jpg"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.getMessage()).isEqualTo("The url should be accessible using your ImageKit.io account.");
        assertThatThrownBy(() -> client.deleteByUrl(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delete_by_urls_answers_per_url_in_order() {
        UploadResult a = upload("/client/byurls", "a.jpg");
        UploadResult b = upload("/client/byurls", "bb.jpg");
        List<String> urls = List.of(a.url(), server.endpoint() + "/client/byurls/none.jpg", b.url(), a.url());

        List<DeleteByUrlResult> results = client.deleteByUrls(urls);

        assertThat(results).containsExactly(
                new DeleteByUrlResult(a.url(), true, a.fileId(), null),
                new DeleteByUrlResult(urls.get(1), false, null, null),
                new DeleteByUrlResult(b.url(), true, b.fileId(), null),
                new DeleteByUrlResult(a.url(), false, null, null));
    }

    @Test
    void a_pending_upload_is_kept_by_commit_and_an_uncommitted_one_expires() throws Exception {
        UploadResult kept = client.upload(UploadRequest.of(LocalPixkit.jpeg(61, 41), "kept.jpg")
                .folder("/client/pending").pendingTtl(Duration.ofSeconds(3)).build());
        UploadResult dropped = client.upload(UploadRequest.of("bye".getBytes(StandardCharsets.UTF_8), "dropped.txt")
                .folder("/client/pending").pendingTtl(Duration.ofSeconds(1)).build());
        assertThat(kept.isPending()).isTrue();
        assertThat(Instant.parse(kept.pendingUntil())).isAfter(Instant.now());
        assertThat(client.details(kept.fileId()).isPending()).isTrue();

        FileDetails committed = client.commit(kept.fileId());
        assertThat(committed.fileId()).isEqualTo(kept.fileId());
        assertThat(committed.isPending()).isFalse();
        assertThat(client.commit(kept.fileId()).isPending()).isFalse();

        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            PixkitApiException e = catchThrowableOfType(PixkitApiException.class,
                    () -> client.details(dropped.fileId()));
            if (e != null && e.status() == 404) {
                break;
            }
            assertThat(Instant.now()).as("the pending upload expires").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(catchThrowableOfType(PixkitApiException.class, () -> client.commit(dropped.fileId())).status())
                .isEqualTo(404);
        assertThat(client.details(kept.fileId()).isPending()).isFalse();
    }

    @Test
    void pending_ttl_is_whole_seconds_from_one_second_to_seven_days() {
        var builder = UploadRequest.of(new byte[] {1}, "x.bin");
        assertThatThrownBy(() -> builder.pendingTtl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.pendingTtl(Duration.ofMillis(1500)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.pendingTtl(Duration.ofDays(7).plusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.pendingTtl(Duration.ofDays(7)).build().pendingTtl()).isEqualTo(Duration.ofDays(7));
    }
}
