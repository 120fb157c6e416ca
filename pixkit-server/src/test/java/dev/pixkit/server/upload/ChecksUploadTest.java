package dev.pixkit.server.upload;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code checks} on the v1 endpoint: evaluated on the staged bytes, and a failing upload stores nothing. */
@Isolated
class ChecksUploadTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    private static Multipart png(String checks) {
        return new Multipart().file("file", "p.png", Images.png(300, 200, true)).field("fileName", "checked.png")
                .field("folder", "/checks").field("tags", "a,b").field("checks", checks);
    }

    private void refused(String checks, String message) throws InterruptedException {
        var before = server.footprint();
        var r = http.upload(png(checks));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(json(r).get("message").asString()).startsWith(message);
        before.assertUnchanged();
    }

    @Test
    void passing_checks_upload() {
        var r = http.upload(png("\"file.mime\" : image AND \"mediaMetadata.width\" <= 300 AND \"request.tags\" HAS b"
                + " AND \"request.folder\" : \"checks/\""));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    @Test
    void failing_checks_are_refused_after_staging_without_storing() throws InterruptedException {
        refused("\"mediaMetadata.width\" < 300", "Your request failed 'checks' validation.");
        refused("\"file.mime\" IN [\"image/jpeg\"] OR \"request.folder\" = \"/other\"",
                "Your request failed 'checks' validation.");
    }

    @Test
    void invalid_checks_are_refused() throws InterruptedException {
        refused("file.size < 1mb", "Your request contains invalid syntax for the checks parameter.");
        refused("\"file.size\" < 1mb AND", "Your request contains invalid syntax for the checks parameter.");
    }
}
