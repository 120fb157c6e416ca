package dev.pixkit.server.storage;

import static dev.pixkit.server.storage.StoreFixtures.files;
import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.S3ProxyServer;
import dev.pixkit.server.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A whole server with {@code PIXKIT_STORAGE=s3} on S3Proxy: what an app sees, and what lands in the bucket. */
class S3StorageServerTest {
    private final S3ProxyServer s3 = S3ProxyServer.shared();

    @Test
    void upload_deliver_transform_and_delete_go_through_the_bucket() throws IOException {
        String bucket = s3.newBucket();
        try (TestServer server = TestServer.start(s3.settings(bucket))) {
            Http http = server.http();
            byte[] jpeg = Images.jpeg(640, 480);
            String sha = Images.sha256(jpeg);
            var up = http.upload(new Multipart().file("file", "boat.jpg", jpeg)
                    .field("fileName", "boat.jpg").field("useUniqueFileName", "false").field("folder", "/s3"));
            assertThat(up.statusCode()).as(new String(up.body())).isEqualTo(200);
            JsonNode u = json(up);
            String blobKey = "blobs/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
            assertThat(s3.keys(bucket)).containsExactly(blobKey);
            assertThat(files(server.dataDir().resolve("blobs"))).as("nothing stored locally").isZero();
            assertThat(server.tmpCount()).isZero();

            // a cold cache: the original comes from the bucket
            try (var cached = Files.walk(server.dataDir().resolve("blob-cache"))) {
                for (Path p : cached.filter(p -> p.getFileName().toString().equals(sha)).toList()) {
                    Files.delete(p);
                }
            }
            var original = http.get(pathOf(u.get("url").asString()));
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(original.body()).isEqualTo(jpeg);
            assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");

            var small = http.get("/media/tr:w-160/s3/boat.jpg");
            assertThat(small.statusCode()).isEqualTo(200);
            var image = ImageIO.read(new ByteArrayInputStream(small.body()));
            assertThat(image.getWidth()).isEqualTo(160);
            assertThat(image.getHeight()).isEqualTo(120);

            var delete = http.delete("/v1/files/" + u.get("fileId").asString());
            assertThat(delete.statusCode()).isEqualTo(204);
            server.sweepDeletions(); // the sweeper removes the bytes right after the commit, asynchronously
            assertThat(s3.keys(bucket)).as("the object is gone from the bucket").isEmpty();
            assertThat(http.get("/media/s3/boat.jpg").statusCode()).isEqualTo(404);
            try (var cached = Files.walk(server.dataDir().resolve("blob-cache"))) {
                assertThat(cached.filter(p -> p.getFileName().toString().equals(sha))).as("cached copy").isEmpty();
            }
        }
    }

    @Test
    void while_the_store_is_unreachable_uploads_get_503_and_nothing_is_written() throws IOException,
            InterruptedException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(s3.settings("pixkit-unreachable"));
        env.put("PIXKIT_S3_ENDPOINT", "http://127.0.0.1:" + closedPort);
        try (TestServer server = TestServer.start(env)) { // starts anyway: the store may come back
            TestServer.Footprint before = server.footprint();
            var up = server.http().upload(new Multipart().file("file", "a.jpg", Images.jpeg(64, 64))
                    .field("fileName", "a.jpg"));
            assertThat(up.statusCode()).as(new String(up.body())).isEqualTo(503);
            assertThat(up.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(up).get("message").asString())
                    .isEqualTo("The file storage is unavailable; please retry later.");
            assertThat(json(up).get("help").asString())
                    .isEqualTo("For support kindly contact us at support@imagekit.io.");
            before.assertUnchanged();
        }
    }

    @Test
    void while_the_store_is_down_cached_originals_are_still_served_and_the_rest_get_503() throws IOException {
        String bucket = s3.newBucket();
        Path dataDir = Files.createTempDirectory("pixkit-s3-down-");
        Map<String, String> env = new HashMap<>(s3.settings(bucket));
        env.put("PIXKIT_DATA_DIR", dataDir.toString());
        byte[] warm = Images.jpeg(120, 80);
        byte[] cold = Images.png(90, 60, false);
        try (TestServer server = TestServer.start(env)) {
            for (var f : Map.of("warm.jpg", warm, "cold.png", cold).entrySet()) {
                var up = server.http().upload(new Multipart().file("file", f.getKey(), f.getValue())
                        .field("fileName", f.getKey()).field("useUniqueFileName", "false"));
                assertThat(up.statusCode()).as(new String(up.body())).isEqualTo(200);
            }
        }
        String coldSha = Images.sha256(cold);
        Files.delete(dataDir.resolve("blob-cache").resolve(coldSha.substring(0, 2)).resolve(coldSha.substring(2, 4))
                .resolve(coldSha));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        env.put("PIXKIT_S3_ENDPOINT", "http://127.0.0.1:" + closedPort); // the same data, the store gone
        try (TestServer server = TestServer.start(env)) {
            var served = server.http().get("/media/warm.jpg");
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(warm);
            var unavailable = server.http().get("/media/cold.png");
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(unavailable).get("message").asString())
                    .isEqualTo("The file storage is unavailable; please retry later.");
        }
    }

    @Test
    void a_bucket_that_does_not_exist_stops_the_server_from_starting() {
        assertThatThrownBy(() -> TestServer.start(s3.settings("pixkit-no-such-bucket")))
                .hasStackTraceContaining("PIXKIT_S3_BUCKET 'pixkit-no-such-bucket' cannot be used: S3 at "
                        + s3.endpoint() + " refused to check the bucket s3://pixkit-no-such-bucket/: HTTP 404");
    }
}
