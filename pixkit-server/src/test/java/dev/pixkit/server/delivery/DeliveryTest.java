package dev.pixkit.server.delivery;

import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import dev.pixkit.url.signing.SignedUrls;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Delivery of originals: headers, conditional requests, ranges, HEAD, private files and the thumbnail. */
class DeliveryTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    private JsonNode upload(byte[] content, String name, String folder, boolean isPrivate) {
        var r = http.upload(new Multipart().file("file", name, content).field("fileName", name)
                .field("folder", folder).field("isPrivateFile", Boolean.toString(isPrivate))
                .field("useUniqueFileName", "false"));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    @Test
    void content_type_comes_from_the_bytes_not_the_name() {
        byte[] png = Images.png(10, 10, false);
        JsonNode u = upload(png, "disguised.jpg", "/delivery/sniff", false);
        var r = http.get(pathOf(u.get("url").asString()));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void originals_carry_validators_and_answer_conditional_requests() {
        byte[] jpeg = Images.jpeg(64, 48);
        JsonNode u = upload(jpeg, "cached.jpg", "/delivery/cache", false);
        String path = pathOf(u.get("url").asString());
        var r = http.get(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"" + Images.sha256(jpeg) + "\"");
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(jpeg.length));
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("public").contains("max-age=3600");

        var notModified = http.send(http.request(path).header("If-None-Match", "\"" + Images.sha256(jpeg) + "\"")
                .GET().build());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        var listed = http.send(http.request(path).header("If-None-Match", "\"abc\", \"" + Images.sha256(jpeg) + "\"")
                .GET().build());
        assertThat(listed.statusCode()).isEqualTo(304);
        var changed = http.send(http.request(path).header("If-None-Match", "\"other\"").GET().build());
        assertThat(changed.statusCode()).isEqualTo(200);
        var since = http.send(http.request(path)
                .header("If-Modified-Since", r.headers().firstValue("Last-Modified").orElseThrow()).GET().build());
        assertThat(since.statusCode()).isEqualTo(304);

        var head = http.send(http.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(jpeg.length));

        var range = http.send(http.request(path).header("Range", "bytes=0-9").GET().build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(10).containsExactly(java.util.Arrays.copyOf(jpeg, 10));
    }

    @Test
    void missing_files_are_404_in_imagekits_shape() {
        var r = http.get("/media/delivery/nothing-here.jpg");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("message").asString()).isEqualTo("The requested file does not exist.");
        assertThat(http.get("/media/").statusCode()).isEqualTo(404);
    }

    @Test
    void file_names_with_spaces_and_unicode_round_trip_through_the_url() {
        byte[] jpeg = Images.jpeg(5, 5);
        JsonNode u = upload(jpeg, "été à la plage.jpg", "/delivery/ünï", false);
        assertThat(u.get("filePath").asString()).isEqualTo("/delivery/ünï/été_à_la_plage.jpg");
        var r = http.get(pathOf(u.get("url").asString()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Images.sha256(r.body())).isEqualTo(Images.sha256(jpeg));
    }

    @Test
    void private_files_need_a_valid_unexpired_signature() {
        byte[] jpeg = Images.jpeg(16, 16);
        JsonNode u = upload(jpeg, "secret.jpg", "/delivery/private", true);
        String url = u.get("url").asString();
        var unsigned = http.get(pathOf(url));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        String target = url.substring(server.endpoint().length() + 1);
        String signed = SignedUrls.sign(TestServer.PRIVATE_KEY, server.endpoint(), target,
                Instant.now().plusSeconds(600));
        var ok = http.get(pathOf(signed));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Images.sha256(ok.body())).isEqualTo(Images.sha256(jpeg));
        assertThat(ok.headers().firstValue("Cache-Control").orElseThrow()).contains("private");

        String expired = SignedUrls.sign(TestServer.PRIVATE_KEY, server.endpoint(), target,
                Instant.now().minusSeconds(5));
        assertThat(http.get(pathOf(expired)).statusCode()).isEqualTo(401);
        assertThat(http.get(pathOf(signed.replace("ik-s=", "ik-s=0"))).statusCode()).isEqualTo(401);
        // ImageKit lets named transformations through on private files.
        assertThat(http.get(pathOf(u.get("thumbnailUrl").asString())).statusCode()).isEqualTo(200);
    }

    @Test
    void media_library_thumbnail_fits_the_box_and_follows_accept() {
        JsonNode u = upload(Images.jpeg(1600, 900), "wide.jpg", "/delivery/thumbs", false);
        String path = pathOf(u.get("thumbnailUrl").asString());
        var jpeg = http.send(http.request(path).header("Accept", "image/jpeg").GET().build());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.headers().allValues("Vary").toString()).contains("Accept");
        java.awt.image.BufferedImage img = read(jpeg.body());
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(225);
        var webp = http.send(http.request(path).header("Accept", "image/webp,*/*").GET().build());
        assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(new String(webp.body(), 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        var avif = http.send(http.request(path).header("Accept", "image/avif,image/webp,*/*").GET().build());
        assertThat(avif.headers().firstValue("Content-Type")).hasValue("image/avif");
        var queryForm = http.get(pathOf(u.get("url").asString()) + "?tr=n-ik_ml_thumbnail");
        assertThat(queryForm.statusCode()).isEqualTo(200);
        assertThat(read(queryForm.body()).getWidth()).isEqualTo(400);
    }

    @Test
    void attachment_parameter_sets_content_disposition() {
        JsonNode u = upload(Images.jpeg(8, 8), "report.jpg", "/delivery/attach", false);
        var r = http.get(pathOf(u.get("url").asString()) + "?ik-attachment=true");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("report.jpg");
    }

    private static java.awt.image.BufferedImage read(byte[] b) {
        try {
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(b));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
