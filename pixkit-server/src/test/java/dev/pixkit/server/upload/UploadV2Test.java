package dev.pixkit.server.upload;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Jwts;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code POST /api/v2/files/upload}: a JWT that covers every field, or Basic auth. A refused request stores nothing
 * (checked on rows and blobs in each test).
 */
@Isolated
class UploadV2Test {
    private static final String V2 = "/api/v2/files/upload";
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    private static Map<String, String> fields(String fileName) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("fileName", fileName);
        f.put("folder", "/v2");
        f.put("useUniqueFileName", "false");
        f.put("tags", "summer,dress");
        return f;
    }

    private static Multipart form(Map<String, String> fields, String token) {
        Multipart m = new Multipart().file("file", "x.jpg", Images.jpeg(16, 8));
        fields.forEach(m::field);
        return token == null ? m : m.field("token", token);
    }

    private HttpResponse<byte[]> unauthenticated(Multipart form) {
        return http.send(http.request(V2).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    private HttpResponse<byte[]> basic(Multipart form) {
        return http.send(http.authed(V2).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    /** The request is refused with {@code status} and a message starting with {@code message}; nothing stored. */
    private void refused(Multipart form, int status, String message) {
        long rows = server.fileRows();
        long blobs = server.blobCount();
        var r = unauthenticated(form);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(json(r).get("message").asString()).startsWith(message);
        assertThat(json(r).get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
        assertThat(server.fileRows()).isEqualTo(rows);
        assertThat(server.blobCount()).isEqualTo(blobs);
    }

    @Test
    void a_valid_token_uploads_with_the_signed_fields_once() {
        Map<String, String> f = fields("jwt.jpg");
        String token = Jwts.token(f, 600);
        var r = unauthenticated(form(f, token));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(r).get("filePath").asString()).isEqualTo("/v2/jwt.jpg");
        assertThat(json(r).get("width").asInt()).isEqualTo(16);

        refused(form(f, token), 400, "Your request has invalid token.");
        var replay = unauthenticated(form(f, token));
        assertThat(json(replay).get("message").asString()).contains("already been used");
    }

    @Test
    void a_changed_field_value_is_refused() {
        Map<String, String> f = fields("a.jpg");
        String token = Jwts.token(f, 600);
        f.put("folder", "/elsewhere");
        refused(form(f, token), 400, "Your request contains invalid payload. It does not match with the payload used"
                + " to generate token.");
    }

    @Test
    void an_extra_field_is_refused() {
        Map<String, String> f = fields("a.jpg");
        String token = Jwts.token(f, 600);
        f.put("isPrivateFile", "true");
        refused(form(f, token), 400, "Your request contains invalid payload.");
    }

    @Test
    void a_field_in_the_query_string_counts_as_sent() {
        Map<String, String> f = fields("a.jpg");
        Multipart m = form(f, Jwts.token(f, 600));
        var r = http.send(http.request(V2 + "?folder=/evil").header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.bytes())).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asString()).startsWith("Your request contains invalid payload.");
    }

    @Test
    void a_missing_field_is_refused() {
        Map<String, String> f = fields("a.jpg");
        String token = Jwts.token(f, 600);
        f.remove("tags");
        refused(form(f, token), 400, "Your request contains invalid payload.");
    }

    @Test
    void a_tampered_token_is_refused() {
        Map<String, String> f = fields("a.jpg");
        String token = Jwts.token(f, 600);
        Map<String, Object> forged = new LinkedHashMap<>(f);
        forged.put("folder", "/elsewhere");
        forged.put("iat", Instant.now().getEpochSecond());
        forged.put("exp", Instant.now().getEpochSecond() + 600);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + Jwts.encode(Http.JSON.writeValueAsString(forged)) + "." + parts[2];
        f.put("folder", "/elsewhere");
        refused(form(f, tampered), 400, "Your request has invalid token.");
    }

    @Test
    void an_expired_token_is_refused() {
        Map<String, String> f = fields("a.jpg");
        long now = Instant.now().getEpochSecond();
        refused(form(f, Jwts.token(f, now - 700, now - 100)), 400, "Your request contains expired token.");
    }

    @Test
    void a_lifetime_over_an_hour_is_refused() {
        Map<String, String> f = fields("a.jpg");
        long now = Instant.now().getEpochSecond();
        refused(form(f, Jwts.token(f, now, now + 3601)), 400, "Your request has invalid token.");
    }

    @Test
    void alg_none_is_refused() {
        Map<String, String> f = fields("a.jpg");
        Map<String, Object> payload = new LinkedHashMap<>(f);
        payload.put("iat", Instant.now().getEpochSecond());
        payload.put("exp", Instant.now().getEpochSecond() + 600);
        refused(form(f, Jwts.unsigned(payload)), 400, "Your request has invalid token.");
    }

    @Test
    void another_public_key_as_kid_is_403() {
        Map<String, String> f = fields("a.jpg");
        Map<String, Object> payload = new LinkedHashMap<>(f);
        payload.put("iat", Instant.now().getEpochSecond());
        payload.put("exp", Instant.now().getEpochSecond() + 600);
        Map<String, Object> header = Jwts.header();
        header.put("kid", "public_other_key");
        refused(form(f, Jwts.sign(header, payload, TestServer.PRIVATE_KEY)), 403,
                "Your account cannot be authenticated.");
    }

    @Test
    void no_token_and_no_basic_auth_is_refused() {
        refused(form(fields("a.jpg"), null), 400, "Your request is missing token parameter.");
    }

    @Test
    void basic_auth_uploads_without_a_token() {
        var r = basic(form(fields("basic-v2.jpg"), null));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(r).get("filePath").asString()).isEqualTo("/v2/basic-v2.jpg");
        var wrong = http.send(http.request(V2).header("Authorization", Http.basic("private_wrong_key"))
                .header("Content-Type", form(fields("w.jpg"), null).contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(fields("w.jpg"), null).bytes())).build());
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void a_token_together_with_basic_auth_is_refused() {
        long rows = server.fileRows();
        Map<String, String> f = fields("a.jpg");
        var r = basic(form(f, Jwts.token(f, 600)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asString()).isEqualTo("Your request contains both token and basic auth"
                + " parameter. Use only one method, you might be exposing your private API key.");
        assertThat(server.fileRows()).isEqualTo(rows);
    }

    @Test
    void signed_checks_are_enforced() {
        Map<String, String> f = fields("checked.jpg");
        f.put("checks", "\"file.size\" < \"10b\"");
        refused(form(f, Jwts.token(f, 600)), 400, "Your request failed 'checks' validation.");
        Map<String, String> ok = fields("checked.jpg");
        ok.put("checks", "\"mediaMetadata.width\" = 16 AND \"request.folder\" = \"/v2\"");
        var r = unauthenticated(form(ok, Jwts.token(ok, 600)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }
}
