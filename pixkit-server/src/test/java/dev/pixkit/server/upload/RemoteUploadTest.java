package dev.pixkit.server.upload;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.Origin;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Uploads whose {@code file} is a URL, end to end: refused towards loopback by default; with
 * {@code PIXKIT_FETCH_ALLOW=127.0.0.1,localhost} fetched, while redirects to other loopback addresses, oversize
 * bodies, slow or failing origins and redirect loops are refused — and a refusal stores nothing (rows, blobs, tmp).
 */
@Isolated
class RemoteUploadTest {
    private static final byte[] IMAGE = Images.png(64, 48, false);
    private static final byte[] BIG = new byte[(int) TestServer.MAX_UPLOAD_BYTES + 1024];
    private static Origin origin;
    private static Origin elsewhere;
    private static TestServer allowing;

    @BeforeAll
    static void start() {
        elsewhere = Origin.http("127.0.0.2").serve("/secret.png", IMAGE);
        origin = Origin.http("127.0.0.1")
                .serve("/a.png", IMAGE)
                .serveChunked("/chunked.png", IMAGE)
                .serve("/big.bin", BIG)
                .serveChunked("/big-chunked.bin", BIG)
                .status("/missing.png", 404)
                .on("/slow.png", x -> {
                    x.sendResponseHeaders(200, 0);
                    for (int i = 0; i < 100; i++) {
                        x.getResponseBody().write(IMAGE, 0, 10);
                        x.getResponseBody().flush();
                        Thread.sleep(100);
                    }
                })
                .redirect("/moved.png", 302, "/a.png")
                .redirect("/to-elsewhere.png", 302, elsewhere.url("127.0.0.2", "/secret.png"))
                .redirect("/loop.png", 302, "/loop.png");
        allowing = TestServer.start(Map.of("PIXKIT_FETCH_ALLOW", "127.0.0.1,localhost", "PIXKIT_FETCH_TIMEOUT", "2"));
    }

    @AfterAll
    static void stop() {
        allowing.close();
        origin.close();
        elsewhere.close();
    }

    private static HttpResponse<byte[]> uploadFrom(TestServer server, String url) {
        return server.http().upload(new Multipart().field("file", url).field("fileName", "remote.png")
                .field("folder", "/remote"));
    }

    /** Refused with {@code status} and a message containing the parts; no row, blob or temp file left. */
    private static void refused(TestServer server, String url, int status, String... messageParts)
            throws InterruptedException {
        var before = server.footprint();
        var r = uploadFrom(server, url);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(json(r).get("message").asString()).contains(messageParts);
        assertThat(json(r).get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
        before.assertUnchanged();
    }

    @Test
    void loopback_and_metadata_addresses_are_refused_by_default() throws InterruptedException {
        int before = origin.requests().size();
        String url = origin.url("127.0.0.1", "/a.png");
        refused(TestServer.shared(), url, 400, "Could not fetch the file from '" + url + "'",
                "127.0.0.1 is a loopback address");
        refused(TestServer.shared(), origin.url("localhost", "/a.png"), 400, "localhost resolves to");
        refused(TestServer.shared(), "http://169.254.169.254/latest/meta-data/", 400, "link-local");
        refused(TestServer.shared(), "http://[::ffff:10.0.0.1]/x.png", 400, "private");
        assertThat(origin.requests()).hasSize(before);
    }

    @Test
    void an_allowed_address_is_fetched_and_stored() {
        for (String path : new String[] {"/a.png", "/chunked.png", "/moved.png"}) {
            var r = uploadFrom(allowing, origin.url("127.0.0.1", path));
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(json(r).get("size").asLong()).isEqualTo(IMAGE.length);
            assertThat(json(r).get("width").asInt()).isEqualTo(64);
            var stored = allowing.http().get(Http.pathOf(json(r).get("url").asString()));
            assertThat(Images.sha256(stored.body())).isEqualTo(Images.sha256(IMAGE));
        }
        var byName = uploadFrom(allowing, origin.url("localhost", "/a.png"));
        assertThat(byName.statusCode()).as(new String(byName.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    @Test
    void a_redirect_to_a_loopback_address_outside_the_allow_list_is_refused() throws InterruptedException {
        String target = elsewhere.url("127.0.0.2", "/secret.png");
        refused(allowing, origin.url("127.0.0.1", "/to-elsewhere.png"), 400, "(at '" + target + "')",
                "127.0.0.2 is a loopback address, which PIXKIT_FETCH_ALLOW does not allow");
        // allowed by name, redirected to an address literal the name entry does not cover
        refused(allowing, origin.url("localhost", "/to-elsewhere.png"), 400, "127.0.0.2 is a loopback address");
        assertThat(elsewhere.requests()).isEmpty();
    }

    @Test
    void oversize_bodies_are_413() throws InterruptedException {
        refused(allowing, origin.url("127.0.0.1", "/big.bin"), 413, "The file size exceeds limits");
        refused(allowing, origin.url("127.0.0.1", "/big-chunked.bin"), 413, "The file size exceeds limits");
    }

    @Test
    void a_slow_origin_times_out() throws InterruptedException {
        refused(allowing, origin.url("127.0.0.1", "/slow.png"), 400, "did not finish within PIXKIT_FETCH_TIMEOUT");
    }

    @Test
    void upstream_404_and_redirect_loops_are_400() throws InterruptedException {
        refused(allowing, origin.url("127.0.0.1", "/missing.png"), 400, "the server answered HTTP 404");
        refused(allowing, origin.url("127.0.0.1", "/loop.png"), 400, "redirected more than 5 times");
    }
}
