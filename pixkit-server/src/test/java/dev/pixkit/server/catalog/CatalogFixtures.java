package dev.pixkit.server.catalog;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Multipart;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/** Uploads and job polling for the folder tests, over the real HTTP API. */
final class CatalogFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CatalogFixtures() {}

    /** A folder name no other test uses. */
    static String unique(String prefix) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "/" + prefix + "-" + HexFormat.of().formatHex(b);
    }

    /** Bytes no other file has, so that their blob is this file's alone. */
    static byte[] content() {
        byte[] b = new byte[200 + RANDOM.nextInt(200)];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Uploads {@code bytes} to {@code folder/name} (overwriting: a new version when it exists); returns the F. */
    static JsonNode upload(Http http, String folder, String name, byte[] bytes) {
        var r = http.upload(new Multipart().file("file", name, bytes).field("fileName", name)
                .field("folder", folder).field("useUniqueFileName", "false"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    /** Polls the job until it is no longer Pending (at most 30 s) and returns its last status. */
    static JsonNode awaitJob(Http http, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            var r = http.getAuthed("/v1/bulkJobs/" + jobId);
            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
            JsonNode status = json(r);
            if (!status.get("status").asString().equals("Pending")) {
                return status;
            }
            assertThat(Instant.now()).as("job %s still pending", jobId).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
