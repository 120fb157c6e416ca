package dev.pixkit.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.auth.UploadJwt.Problem;
import dev.pixkit.server.auth.UploadJwt.Rejected;
import dev.pixkit.server.support.Jwts;
import dev.pixkit.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The v2 upload JWT, rule by rule, with tokens built independently of the verifier ({@link Jwts}). */
class UploadJwtTest {
    private static final byte[] PRIVATE = TestServer.PRIVATE_KEY.getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_900_000_000L;
    private static final Map<String, String> FIELDS = Map.of("fileName", "dress.jpg", "useUniqueFileName", "false",
            "tags", "summer,dress");

    private static UploadJwt.Verified verify(String token, Map<String, List<String>> request) {
        return UploadJwt.verify(token, TestServer.PUBLIC_KEY, PRIVATE, request, Instant.ofEpochSecond(NOW));
    }

    private static Map<String, List<String>> sent(Map<String, String> fields) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    private static String valid() {
        return Jwts.token(FIELDS, NOW - 10, NOW + 600);
    }

    private static void rejected(String token, Map<String, List<String>> request, Problem problem,
            String detailPart) {
        assertThatThrownBy(() -> verify(token, request))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.problem).isEqualTo(problem))
                .satisfies(e -> {
                    if (detailPart != null) {
                        assertThat(e.getMessage()).contains(detailPart);
                    }
                });
    }

    @Test
    void a_token_signed_over_exactly_the_sent_fields_is_accepted() {
        String token = valid();
        UploadJwt.Verified v = verify(token, sent(FIELDS));
        assertThat(v.expiresAt()).isEqualTo(NOW + 600);
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        assertThat(v.replayKey()).isEqualTo(java.util.HexFormat.of().formatHex(sig));
    }

    @Test
    void numbers_and_booleans_in_the_payload_compare_as_their_text() {
        String token = Jwts.token(Map.of("fileName", "a.jpg", "useUniqueFileName", false, "n", 3), NOW, NOW + 60);
        verify(token, sent(Map.of("fileName", "a.jpg", "useUniqueFileName", "false", "n", "3")));
    }

    @Test
    void a_tampered_payload_fails_the_signature() {
        String token = valid();
        String[] parts = token.split("\\.");
        Map<String, Object> forged = new LinkedHashMap<>(FIELDS);
        forged.put("folder", "/elsewhere");
        forged.put("iat", NOW - 10);
        forged.put("exp", NOW + 600);
        String tampered = parts[0] + "." + Jwts.encode(dev.pixkit.server.support.Http.JSON.writeValueAsString(forged))
                + "." + parts[2];
        Map<String, String> request = new LinkedHashMap<>(FIELDS);
        request.put("folder", "/elsewhere");
        rejected(tampered, sent(request), Problem.INVALID, null);
    }

    @Test
    void a_token_signed_with_another_key_is_invalid() {
        Map<String, Object> payload = new LinkedHashMap<>(FIELDS);
        payload.put("iat", NOW);
        payload.put("exp", NOW + 60);
        rejected(Jwts.sign(Jwts.header(), payload, "private_other_key"), sent(FIELDS), Problem.INVALID, null);
    }

    @Test
    void a_field_with_another_value_is_a_payload_mismatch() {
        Map<String, String> request = new LinkedHashMap<>(FIELDS);
        request.put("useUniqueFileName", "true");
        rejected(valid(), sent(request), Problem.PAYLOAD_MISMATCH, "'useUniqueFileName' differs");
    }

    @Test
    void an_extra_request_field_is_a_payload_mismatch() {
        Map<String, String> request = new LinkedHashMap<>(FIELDS);
        request.put("folder", "/x");
        rejected(valid(), sent(request), Problem.PAYLOAD_MISMATCH, "'folder' is in the request but not in the token");
    }

    @Test
    void a_missing_request_field_is_a_payload_mismatch() {
        Map<String, String> request = new LinkedHashMap<>(FIELDS);
        request.remove("tags");
        rejected(valid(), sent(request), Problem.PAYLOAD_MISMATCH, "'tags' is in the token but not in the request");
    }

    @Test
    void a_field_sent_twice_is_a_payload_mismatch() {
        Map<String, List<String>> request = sent(FIELDS);
        request.put("tags", List.of("summer,dress", "other"));
        rejected(valid(), request, Problem.PAYLOAD_MISMATCH, "more than once");
    }

    @Test
    void objects_in_the_payload_must_be_stringified() {
        String token = Jwts.token(Map.of("fileName", "a.jpg", "customMetadata", Map.of("k", "v")), NOW, NOW + 60);
        rejected(token, sent(Map.of("fileName", "a.jpg", "customMetadata", "{\"k\":\"v\"}")),
                Problem.PAYLOAD_MISMATCH, "must be a string");
    }

    @Test
    void an_expired_token_is_refused() {
        rejected(Jwts.token(FIELDS, NOW - 700, NOW - 100), sent(FIELDS), Problem.EXPIRED, null);
        rejected(Jwts.token(FIELDS, NOW - 700, NOW), sent(FIELDS), Problem.EXPIRED, null);
    }

    @Test
    void a_lifetime_over_an_hour_is_invalid() {
        rejected(Jwts.token(FIELDS, NOW, NOW + 3601), sent(FIELDS), Problem.INVALID, "at most 3600 seconds");
        verify(Jwts.token(FIELDS, NOW, NOW + 3600), sent(FIELDS));
    }

    @Test
    void times_must_be_present_ordered_and_not_in_the_future() {
        Map<String, Object> noExp = new LinkedHashMap<>(FIELDS);
        noExp.put("iat", NOW);
        rejected(Jwts.sign(Jwts.header(), noExp, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "exp");
        Map<String, Object> textExp = new LinkedHashMap<>(FIELDS);
        textExp.put("iat", NOW);
        textExp.put("exp", String.valueOf(NOW + 60));
        rejected(Jwts.sign(Jwts.header(), textExp, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "exp");
        rejected(Jwts.token(FIELDS, NOW + 60, NOW), sent(FIELDS), Problem.INVALID, "after iat");
        // issued a day ahead: would stretch the one-hour limit
        rejected(Jwts.token(FIELDS, NOW + 86_400, NOW + 86_400 + 600), sent(FIELDS), Problem.INVALID, "future");
    }

    @Test
    void alg_none_and_other_algorithms_are_refused() {
        Map<String, Object> payload = new LinkedHashMap<>(FIELDS);
        payload.put("iat", NOW);
        payload.put("exp", NOW + 60);
        rejected(Jwts.unsigned(payload), sent(FIELDS), Problem.INVALID, null);
        String unsignedWithSig = Jwts.unsigned(payload) + "AAAA";
        rejected(unsignedWithSig, sent(FIELDS), Problem.INVALID, "HS256");
        for (String alg : List.of("none", "None", "HS512", "RS256", "hs256")) {
            Map<String, Object> header = Jwts.header();
            header.put("alg", alg);
            rejected(Jwts.sign(header, payload, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "HS256");
        }
        Map<String, Object> noAlg = Jwts.header();
        noAlg.remove("alg");
        rejected(Jwts.sign(noAlg, payload, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "HS256");
    }

    @Test
    void another_kid_is_an_unknown_key_and_a_missing_one_is_invalid() {
        Map<String, Object> payload = new LinkedHashMap<>(FIELDS);
        payload.put("iat", NOW);
        payload.put("exp", NOW + 60);
        Map<String, Object> other = Jwts.header();
        other.put("kid", "public_other_key");
        rejected(Jwts.sign(other, payload, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.UNKNOWN_KEY, null);
        Map<String, Object> none = Jwts.header();
        none.remove("kid");
        rejected(Jwts.sign(none, payload, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "kid");
    }

    @Test
    void malformed_tokens_are_invalid() {
        for (String token : List.of("", "abc", "a.b", "a.b.c.d", "..", "!!!.e30.AAAA", Jwts.encode("[]") + ".e30.AAAA",
                Jwts.encode("{\"alg\":\"HS256\",\"alg\":\"HS256\"}") + ".e30.AAAA")) {
            rejected(token, sent(FIELDS), Problem.INVALID, null);
        }
    }

    @Test
    void duplicate_payload_keys_are_refused_even_when_signed() {
        String header = Jwts.encode(dev.pixkit.server.support.Http.JSON.writeValueAsString(Jwts.header()));
        String payload = Jwts.encode("{\"fileName\":\"a.jpg\",\"fileName\":\"b.jpg\",\"iat\":" + NOW + ",\"exp\":"
                + (NOW + 60) + "}");
        byte[] sig = UploadJwt.hmacSha256(PRIVATE, (header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        rejected(token, sent(Map.of("fileName", "b.jpg")), Problem.INVALID, "payload");
    }

    @Test
    void another_spelling_of_the_same_signature_has_the_same_replay_key() {
        String token = valid();
        String sig = token.substring(token.lastIndexOf('.') + 1);
        // 32 bytes → 43 base64url characters; the last one carries 2 unused bits a lenient decoder ignores
        char last = sig.charAt(sig.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char variant = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String respelt = token.substring(0, token.length() - 1) + variant;
        UploadJwt.Verified a = verify(token, sent(FIELDS));
        try {
            UploadJwt.Verified b = verify(respelt, sent(FIELDS));
            assertThat(b.replayKey()).isEqualTo(a.replayKey());
        } catch (Rejected e) {
            assertThat(e.problem).isEqualTo(Problem.INVALID); // or refused outright: either way no second use
        }
    }

    @Test
    void registered_claims_are_not_upload_fields() {
        Map<String, Object> payload = new LinkedHashMap<>(FIELDS);
        payload.put("iat", NOW);
        payload.put("exp", NOW + 60);
        payload.put("jti", "abc");
        payload.put("nbf", NOW);
        verify(Jwts.sign(Jwts.header(), payload, TestServer.PRIVATE_KEY), sent(FIELDS));
        payload.put("nbf", NOW + 3000);
        rejected(Jwts.sign(Jwts.header(), payload, TestServer.PRIVATE_KEY), sent(FIELDS), Problem.INVALID, "nbf");
    }
}
