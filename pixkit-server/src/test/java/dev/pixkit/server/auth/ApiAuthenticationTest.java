package dev.pixkit.server.auth;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import dev.pixkit.url.signing.UploadSignature;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Authorization forms ImageKit's SDKs send, and client-side (signed) uploads. */
class ApiAuthenticationTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {
        "Basic cHJpdmF0ZV90ZXN0X2tleTo=",                  // v6: base64("private_test_key:")
        "Basic cHJpdmF0ZV90ZXN0X2tleTpkb19ub3Rfc2V0",      // v7: base64("private_test_key:do_not_set")
        "Basic private_test_key",                          // the spec's raw, non-base64 form
        "basic cHJpdmF0ZV90ZXN0X2tleTo=",
    })
    void sdk_authorization_forms_are_accepted(String header) {
        var r = http.send(http.request("/v1/files/000000000000000000000000/details").header("Authorization", header)
                .GET().build());
        assertThat(r.statusCode()).isEqualTo(404); // authenticated, and the file does not exist
    }

    @Test
    void no_key_is_401_and_a_wrong_key_is_403_with_imagekits_messages() {
        var none = http.get("/v1/files/000000000000000000000000/details");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("message").asString()).isEqualTo("Your request does not contain private API key.");
        var bearer = http.send(http.request("/v1/files/x/details").header("Authorization", "Bearer abc").GET().build());
        assertThat(bearer.statusCode()).isEqualTo(401);
        var wrong = http.send(http.request("/v1/files/x/details")
                .header("Authorization", Http.basic("private_other")).GET().build());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(wrong).get("message").asString()).isEqualTo("Your account cannot be authenticated.");
        var delete = http.send(http.request("/v1/files/x").header("Authorization", Http.basic("nope")).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(403);
    }

    @Test
    void client_side_signed_upload_works_once_per_token() {
        UploadSignature sig = UploadSignature.create(TestServer.PRIVATE_KEY, Instant.now(), Duration.ofMinutes(30));
        Multipart form = signed(sig, TestServer.PUBLIC_KEY).field("fileName", "client.jpg");
        var first = unauthenticated(form);
        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(first).get("width").asInt()).isEqualTo(12);

        var replay = unauthenticated(signed(sig, TestServer.PUBLIC_KEY).field("fileName", "client.jpg"));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).get("message").asString()).contains("already been used");
    }

    @Test
    void client_side_upload_is_refused_for_bad_signature_expiry_key_or_mixed_auth() {
        Instant now = Instant.now();
        long rows = server.fileRows();
        UploadSignature good = UploadSignature.create(TestServer.PRIVATE_KEY, now, Duration.ofMinutes(10));
        var forged = new UploadSignature(good.token(), good.expire(), "0".repeat(40));
        assertThat(unauthenticated(signed(forged, TestServer.PUBLIC_KEY).field("fileName", "a.jpg")).statusCode())
                .isEqualTo(400);
        UploadSignature tooLong = UploadSignature.create(TestServer.PRIVATE_KEY, now, Duration.ofHours(2));
        var r = unauthenticated(signed(tooLong, TestServer.PUBLIC_KEY).field("fileName", "a.jpg"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asString()).contains("invalid expire parameter");
        UploadSignature expired = UploadSignature.create(TestServer.PRIVATE_KEY, now.minusSeconds(3600),
                Duration.ofMinutes(10));
        assertThat(unauthenticated(signed(expired, TestServer.PUBLIC_KEY).field("fileName", "a.jpg")).statusCode())
                .isEqualTo(400);
        assertThat(unauthenticated(signed(good, "public_other_key").field("fileName", "a.jpg")).statusCode())
                .isEqualTo(403);
        var both = http.upload(signed(good, TestServer.PUBLIC_KEY).field("fileName", "a.jpg"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("message").asString()).contains("both signature and basic auth");
        assertThat(server.fileRows()).isEqualTo(rows);
    }

    private static Multipart signed(UploadSignature sig, String publicKey) {
        return new Multipart().file("file", "c.jpg", Images.jpeg(12, 9)).field("publicKey", publicKey)
                .field("signature", sig.signature()).field("expire", Long.toString(sig.expire()))
                .field("token", sig.token());
    }

    private java.net.http.HttpResponse<byte[]> unauthenticated(Multipart form) {
        return http.send(http.request("/api/v1/files/upload").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

}
