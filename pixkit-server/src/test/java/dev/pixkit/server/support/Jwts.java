package dev.pixkit.server.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Upload v2 tokens built the way ImageKit's docs (and jsonwebtoken's {@code sign}) build them, independently of the
 * server's verifier: base64url JSON header and payload, HMAC-SHA256 with the private key.
 */
public final class Jwts {
    private Jwts() {}

    /** The standard header: HS256, JWT, kid = the test public key. */
    public static Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "HS256");
        h.put("typ", "JWT");
        h.put("kid", TestServer.PUBLIC_KEY);
        return h;
    }

    /** {@code fields} plus iat = now and exp = now + {@code seconds}, signed with the test private key. */
    public static String token(Map<String, ?> fields, long seconds) {
        long now = Instant.now().getEpochSecond();
        return token(fields, now, now + seconds);
    }

    public static String token(Map<String, ?> fields, long iat, long exp) {
        Map<String, Object> payload = new LinkedHashMap<>(fields);
        payload.put("iat", iat);
        payload.put("exp", exp);
        return sign(header(), payload, TestServer.PRIVATE_KEY);
    }

    public static String sign(Map<String, ?> header, Map<String, ?> payload, String key) {
        String signingInput = encode(Http.JSON.writeValueAsString(header)) + "."
                + encode(Http.JSON.writeValueAsString(payload));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac(key, signingInput));
    }

    /** An unsigned token ({@code alg: none}) as an attacker would send it: empty signature part. */
    public static String unsigned(Map<String, ?> payload) {
        Map<String, Object> h = header();
        h.put("alg", "none");
        return encode(Http.JSON.writeValueAsString(h)) + "." + encode(Http.JSON.writeValueAsString(payload)) + ".";
    }

    public static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
