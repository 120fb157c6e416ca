package dev.pixkit.server.delivery;

import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import dev.pixkit.url.signing.SignedUrls;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Transformations through the delivery URL, on a server of its own with named transformations and tight limits:
 * path and query forms, f-auto negotiation, named and default images, layers from the media library, validators,
 * and the errors for bad, unsupported and oversized requests.
 */
class TransformedDeliveryTest {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        Path named = Files.createTempFile("named-", ".properties");
        Files.writeString(named, "square=w-64,h-64\nbanner=w-200,h-50,f-png\n");
        server = TestServer.start(Map.of(
                "PIXKIT_NAMED_TRANSFORMATIONS", named.toString(),
                "PIXKIT_MAX_SRC_PIXELS", "4000000",
                "PIXKIT_MAX_OUTPUT_SIDE", "2000"));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode upload(byte[] content, String path, boolean isPrivate) {
        int slash = path.lastIndexOf('/');
        var r = http.upload(new Multipart().file("file", "f", content).field("fileName", path.substring(slash + 1))
                .field("folder", path.substring(0, slash)).field("useUniqueFileName", "false")
                .field("isPrivateFile", Boolean.toString(isPrivate)));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return json(r);
    }

    private static BufferedImage image(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(img).as("decodable image").isNotNull();
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void path_and_query_forms_resize_and_convert() {
        upload(Images.jpeg(800, 600), "/t/forms/photo.jpg", false);
        var path = http.get("/media/tr:w-200/t/forms/photo.jpg");
        assertThat(path.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image(path).getWidth()).isEqualTo(200);
        assertThat(image(path).getHeight()).isEqualTo(150);

        var query = http.get("/media/t/forms/photo.jpg?tr=w-100,h-100,f-png");
        assertThat(query.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image(query).getWidth()).isEqualTo(100);
        assertThat(image(query).getHeight()).isEqualTo(100);

        var chained = http.get("/media/tr:w-300,h-200,c-force:rt-90/t/forms/photo.jpg");
        assertThat(image(chained).getWidth()).isEqualTo(200);
        assertThat(image(chained).getHeight()).isEqualTo(300);

        var encoded = http.get("/media/t/forms/photo.jpg?tr=w-120%2Ch-90");
        assertThat(image(encoded).getWidth()).isEqualTo(120);
        assertThat(encoded.headers().allValues("Vary")).isEmpty();
    }

    @Test
    void f_auto_follows_accept_and_varies_on_it() {
        upload(Images.png(300, 200, true), "/t/auto/alpha.png", false);
        upload(Images.jpeg(300, 200), "/t/auto/opaque.jpg", false);
        var avif = http.send(http.request("/media/tr:w-100,f-auto/t/auto/opaque.jpg")
                .header("Accept", "image/avif,image/webp,*/*").GET().build());
        assertThat(avif.headers().firstValue("Content-Type")).hasValue("image/avif");
        assertThat(avif.headers().allValues("Vary").toString()).contains("Accept");
        var webp = http.send(http.request("/media/tr:w-100,f-auto/t/auto/opaque.jpg")
                .header("Accept", "image/webp").GET().build());
        assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
        assertThat(avif.headers().firstValue("ETag")).isNotEqualTo(webp.headers().firstValue("ETag"));
        var png = http.send(http.request("/media/tr:w-100,f-auto/t/auto/alpha.png").header("Accept", "*/*").GET().build());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        var jpeg = http.send(http.request("/media/tr:w-100,f-auto/t/auto/opaque.jpg").GET().build());
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void renditions_answer_conditional_requests_and_head() {
        upload(Images.jpeg(400, 300), "/t/cond/photo.jpg", false);
        String path = "/media/tr:w-150/t/cond/photo.jpg";
        var first = http.get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{40}\"");
        var again = http.send(http.request(path).header("If-None-Match", etag).GET().build());
        assertThat(again.statusCode()).isEqualTo(304);
        var head = http.send(http.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(http.get("/media/tr:w-151/t/cond/photo.jpg").headers().firstValue("ETag")).isNotEqualTo(etag);
    }

    @Test
    void named_transformations_expand_and_pass_private_files() {
        upload(Images.jpeg(500, 400), "/t/named/secret.jpg", true);
        BufferedImage square = image(http.get("/media/tr:n-square/t/named/secret.jpg"));
        assertThat(square.getWidth()).isEqualTo(64);
        assertThat(square.getHeight()).isEqualTo(64);
        var banner = http.get("/media/t/named/secret.jpg?tr=n-banner");
        assertThat(banner.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(http.get("/media/tr:w-64/t/named/secret.jpg").statusCode()).isEqualTo(401);
        String signed = SignedUrls.sign(TestServer.PRIVATE_KEY, server.endpoint(), "tr:w-64/t/named/secret.jpg",
                Instant.now().plusSeconds(60));
        assertThat(image(http.get(pathOf(signed))).getWidth()).isEqualTo(64);
        var unknown = http.get("/media/tr:n-nope/t/named/secret.jpg");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("message").asString()).contains("nope");
    }

    @Test
    void orig_serves_the_stored_bytes_and_di_stands_in_for_missing_files() {
        byte[] jpeg = Images.jpeg(90, 60);
        upload(jpeg, "/t/orig/a.jpg", false);
        upload(Images.png(40, 40, false), "/t/orig/fallback.png", false);
        var orig = http.get("/media/tr:w-10,orig-true/t/orig/a.jpg");
        assertThat(Images.sha256(orig.body())).isEqualTo(Images.sha256(jpeg));
        BufferedImage fallback = image(http.get("/media/tr:w-20,di-t@@orig@@fallback.png/t/orig/missing.jpg"));
        assertThat(fallback.getWidth()).isEqualTo(20);
        assertThat(http.get("/media/tr:w-20,di-t@@orig@@none.png/t/orig/missing.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void image_layers_come_from_the_media_library() {
        upload(Images.jpeg(400, 300), "/t/layers/base.jpg", false);
        upload(Images.png(50, 50, true), "/t/layers/logo.png", false);
        BufferedImage out = image(http.get("/media/tr:w-400,l-image,i-t@@layers@@logo.png,lx-10,ly-10,l-end"
                + "/t/layers/base.jpg"));
        assertThat(out.getWidth()).isEqualTo(400);
        assertThat(out.getHeight()).isEqualTo(300);
        BufferedImage plain = image(http.get("/media/tr:w-400/t/layers/base.jpg"));
        assertThat(out.getRGB(20, 20)).isNotEqualTo(plain.getRGB(20, 20));
        var missing = http.get("/media/tr:l-image,i-t@@layers@@nope.png,l-end/t/layers/base.jpg");
        assertThat(missing.statusCode()).isIn(400, 404);
        assertThat(json(missing).get("message").asString()).contains("nope.png");
    }

    @Test
    void invalid_and_unsupported_parameters_are_400_naming_them() {
        upload(Images.jpeg(100, 100), "/t/bad/a.jpg", false);
        var invalid = http.get("/media/tr:w-abc/t/bad/a.jpg");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("message").asString()).contains("w-abc");
        var unsupported = http.get("/media/tr:e-bgremove/t/bad/a.jpg");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(json(unsupported).get("message").asString()).contains("e-bgremove").contains("not supported");
        var unknown = http.get("/media/t/bad/a.jpg?tr=zz-1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("help").asString()).isNotEmpty();
    }

    @Test
    void limits_are_enforced_before_decoding() {
        upload(Images.jpeg(2100, 2000), "/t/limits/huge.jpg", false); // 4.2 MP > 4 MP
        upload(Images.jpeg(100, 100), "/t/limits/small.jpg", false);
        var tooBig = http.get("/media/tr:w-100/t/limits/huge.jpg");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(json(tooBig).get("message").asString()).contains("maxSourcePixels");
        assertThat(http.get("/media/t/limits/huge.jpg").statusCode()).as("originals are not rendered").isEqualTo(200);
        var tooWide = http.get("/media/tr:w-2500,h-2500,c-force/t/limits/small.jpg");
        assertThat(tooWide.statusCode()).isEqualTo(400);
        var tooLong = http.get("/media/tr:" + "w-10:".repeat(25) + "w-10/t/limits/small.jpg");
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    @Test
    void non_images_cannot_be_transformed() {
        upload("plain text".getBytes(java.nio.charset.StandardCharsets.UTF_8), "/t/text/a.txt", false);
        var r = http.get("/media/tr:w-10/t/text/a.txt");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asString()).contains("text/plain");
    }
}
