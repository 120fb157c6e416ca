package dev.pixkit.server.usage;

import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/accounts/usage}: delivered bytes and storage, recorded per UTC day. */
class UsageTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private JsonNode usage(LocalDate start, LocalDate end) {
        var r = http.getAuthed("/v1/accounts/usage?startDate=" + start + "&endDate=" + end);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    private long storedBytes() {
        return server.jdbc().sql("SELECT (SELECT COALESCE(SUM(size), 0) FROM files)"
                + " + (SELECT COALESCE(SUM(size), 0) FROM file_versions)").query(Long.class).single();
    }

    @Test
    void delivered_bytes_and_storage_are_counted_exactly() {
        byte[] jpeg = Images.jpeg(120, 80);
        var up = http.upload(new Multipart().file("file", "u.jpg", jpeg).field("fileName", "u.jpg")
                .field("folder", "/usage"));
        assertThat(up.statusCode()).isEqualTo(200);
        String url = pathOf(json(up).get("url").asString());
        JsonNode before = usage(today, today.plusDays(1));
        assertThat(before.get("mediaLibraryStorageBytes").asLong()).isEqualTo(storedBytes());

        var original = http.get(url);
        assertThat(original.body()).hasSize(jpeg.length);
        var rendition = http.get(url + "?tr=w-60");
        assertThat(rendition.statusCode()).isEqualTo(200);
        var cached = http.get(url + "?tr=w-60");
        server.bean(UsageRecorder.class).flush();

        JsonNode after = usage(today, today.plusDays(1));
        long delivered = original.body().length + rendition.body().length + cached.body().length;
        assertThat(after.get("bandwidthBytes").asLong() - before.get("bandwidthBytes").asLong()).isEqualTo(delivered);
        assertThat(after.get("videoProcessingUnitsCount").asLong()).isZero();
        assertThat(after.get("extensionUnitsCount").asLong()).isZero();
        assertThat(after.get("originalCacheStorageBytes").asLong()).isZero();
        assertThat(after.propertyNames()).containsExactly("bandwidthBytes", "mediaLibraryStorageBytes",
                "videoProcessingUnitsCount", "extensionUnitsCount", "originalCacheStorageBytes");

        // A range covering today but starting earlier sums the same; one ending today (exclusive) excludes it.
        assertThat(usage(today.minusDays(30), today.plusDays(1)).get("bandwidthBytes").asLong())
                .isEqualTo(after.get("bandwidthBytes").asLong());
        JsonNode past = usage(today.minusDays(30), today);
        assertThat(past.get("bandwidthBytes").asLong()).isZero();
        assertThat(past.get("mediaLibraryStorageBytes").asLong()).isZero();

        assertThat(http.delete("/v1/files/" + json(up).get("fileId").asString()).statusCode()).isEqualTo(204);
        JsonNode deleted = usage(today, today.plusDays(1));
        assertThat(deleted.get("mediaLibraryStorageBytes").asLong()).isEqualTo(storedBytes())
                .isEqualTo(after.get("mediaLibraryStorageBytes").asLong() - jpeg.length);
    }

    @Test
    void dates_are_validated_with_the_spec_messages() {
        assertBad("/v1/accounts/usage?startDate=2024-01-01", "startDate and endDate are required in query parameters.");
        assertBad("/v1/accounts/usage", "startDate and endDate are required in query parameters.");
        assertBad("/v1/accounts/usage?startDate=2024-1-01&endDate=2024-02-01",
                "startDate and endDate should be in format YYYY-MM-DD.");
        assertBad("/v1/accounts/usage?startDate=2024-02-30&endDate=2024-03-01",
                "startDate and endDate should be in format YYYY-MM-DD.");
        assertBad("/v1/accounts/usage?startDate=2024-03-01&endDate=2024-02-01", "startDate should be before endDate.");
        assertBad("/v1/accounts/usage?startDate=2024-03-01&endDate=2024-03-01", "startDate should be before endDate.");
        assertBad("/v1/accounts/usage?startDate=2024-01-01&endDate=2024-03-31",
                "startDate and endDate should be within 90 days.");
        assertThat(http.getAuthed("/v1/accounts/usage?startDate=2024-01-01&endDate=2024-03-30").statusCode())
                .isEqualTo(200); // 89 days
        assertThat(http.get("/v1/accounts/usage?startDate=2024-01-01&endDate=2024-01-02").statusCode())
                .isEqualTo(401);
    }

    private void assertBad(String path, String message) {
        var r = http.getAuthed(path);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(400);
        assertThat(json(r).get("message").asString()).isEqualTo(message);
    }
}
