package dev.pixkit.server.upload;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Bad uploads get a clear 4xx in ImageKit's error shape and leave nothing behind: no catalog row, no blob, no
 * staging file. The server's limit is {@link TestServer#MAX_UPLOAD_BYTES} (2 MB).
 */
@Isolated
class UploadRejectionTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private TestServer.Footprint before;

    @BeforeEach
    void snapshot() {
        before = server.footprint();
    }

    @AfterEach
    void nothing_was_written() throws InterruptedException {
        before.assertUnchanged();
    }

    @Test
    void empty_file_is_refused() {
        expect(http.upload(new Multipart().file("file", "e.jpg", new byte[0]).field("fileName", "e.jpg")), 400,
                "The file is empty");
    }

    @Test
    void missing_file_name_is_refused() {
        expect(http.upload(new Multipart().file("file", "x.jpg", Images.jpeg(4, 4))), 400,
                "Missing fileName parameter");
    }

    @Test
    void missing_file_is_refused() {
        expect(http.upload(new Multipart().field("fileName", "x.jpg")), 400, "Your request is missing file parameter.");
    }

    @Test
    void oversize_binary_part_within_the_declared_length_slack_is_refused_while_streaming() {
        expect(http.upload(new Multipart().file("file", "big.bin", new byte[3 * 1024 * 1024]).field("fileName", "b")),
                413, "The file size exceeds limits");
    }

    @Test
    void oversize_declared_content_length_is_refused_before_reading_the_body() {
        byte[] body = new Multipart().file("file", "huge.bin", new byte[6 * 1024 * 1024]).field("fileName", "h")
                .bytes();
        var response = http.send(http.authed("/api/v1/files/upload")
                .header("Content-Type", "multipart/form-data; boundary=whatever")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        expect(response, 413, "The file size exceeds limits");
    }

    @Test
    void oversize_chunked_upload_without_length_is_refused() {
        Multipart form = new Multipart().file("file", "big.bin", new byte[3 * 1024 * 1024]).field("fileName", "c");
        byte[] body = form.bytes();
        var response = http.send(http.authed("/api/v1/files/upload").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        expect(response, 413, "The file size exceeds limits");
    }

    @Test
    void oversize_base64_text_is_refused_after_decoding() {
        String b64 = Base64.getEncoder().encodeToString(new byte[(int) (2.5 * 1024 * 1024)]);
        expect(http.upload(new Multipart().field("file", b64).field("fileName", "big.png")), 413,
                "The file size exceeds limits");
    }

    @Test
    void path_traversal_in_file_name_is_refused() {
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "../evil.jpg")),
                400, "must not contain '/'");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "..")), 400,
                "is not a file name");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a\\b.jpg")), 400,
                "must not contain");
    }

    @Test
    void path_traversal_in_folder_is_refused() {
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg")
                .field("folder", "/safe/../../etc")), 400, "'.' and '..' segments are not allowed");
    }

    @Test
    void control_characters_are_refused() {
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a\u0007b.jpg")),
                400, "control characters");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "ok.jpg")
                .field("folder", "/a\u001bb")), 400, "control characters");
    }

    @Test
    void malformed_multipart_is_refused() {
        var response = http.send(http.authed("/api/v1/files/upload")
                .header("Content-Type", "multipart/form-data; boundary=abc")
                .POST(HttpRequest.BodyPublishers.ofString("--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n"
                        + "\r\nnot terminated")).build());
        expect(response, 400, "multipart");
    }

    @Test
    void non_multipart_body_is_refused() {
        var response = http.send(http.authed("/api/v1/files/upload").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"a.jpg\"}")).build());
        expect(response, 400, "multipart/form-data");
    }

    @Test
    void invalid_field_values_are_refused_naming_the_field() {
        Multipart base = new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg");
        expect(http.upload(base.field("useUniqueFileName", "yes")), 400, "useUniqueFileName");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg")
                .field("customCoordinates", "1,2,3")), 400, "customCoordinates");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg")
                .field("customMetadata", "{not json")), 400, "customMetadata");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg")
                .field("responseFields", "tags,nonsense")), 400, "responseFields");
        expect(http.upload(new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg")
                .field("extensions", "[{\"name\":\"google-auto-tagging\"}]")), 400, "extensions");
        expect(http.upload(new Multipart().field("file", "data:image/png,rawnotbase64").field("fileName", "a.png")),
                400, "data URI");
    }

    @Test
    void missing_or_wrong_key_is_refused() {
        Multipart form = new Multipart().file("file", "x", Images.jpeg(4, 4)).field("fileName", "a.jpg");
        var none = http.send(http.request("/api/v1/files/upload").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
        expect(none, 401, "Your request does not contain private API key.");
        var wrong = http.send(http.request("/api/v1/files/upload").header("Content-Type", form.contentType())
                .header("Authorization", Http.basic("private_wrong_key"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
        expect(wrong, 403, "Your account cannot be authenticated.");
    }

    private static void expect(HttpResponse<byte[]> response, int status, String messagePart) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var json = json(response);
        assertThat(json.get("message").asString()).contains(messagePart);
        assertThat(json.get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
    }
}
