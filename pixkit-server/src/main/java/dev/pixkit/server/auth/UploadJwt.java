package dev.pixkit.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JWT of ImageKit's upload API v2: header {@code {"alg":"HS256","typ":"JWT","kid":<public key>}}, HMAC-SHA256
 * with the private key, and a payload that repeats every upload field except {@code file} and {@code token} (values
 * stringified) plus {@code iat} and {@code exp}, at most an hour apart. Verifying it proves that the server holding the
 * private key chose exactly these field values, so the fields are compared one by one with the request.
 *
 * <p>Pure: no I/O and no clock of its own, so every rule is unit-tested. Single use is the caller's job, keyed by
 * {@link Verified#replayKey()}.
 */
final class UploadJwt {
    /** Longest lifetime, {@code exp - iat}, that ImageKit accepts. */
    static final long MAX_LIFETIME_SECONDS = 3600;
    /** Tolerated difference between the token issuer's clock and ours, for {@code iat} and {@code nbf}. */
    static final long CLOCK_SKEW_SECONDS = 60;
    /**
     * JWT registered claims: token metadata, not upload fields. {@code iat} and {@code exp} are required,
     * {@code nbf} is honoured, the others are ignored.
     */
    private static final Set<String> CLAIMS = Set.of("iat", "exp", "nbf", "jti", "iss", "sub", "aud");
    /** Duplicate keys would let the signed value and the value we read differ: refused. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private UploadJwt() {}

    /** Why a token was refused; the caller maps it to ImageKit's status and message. */
    enum Problem {
        /** Malformed, another algorithm, a bad signature, missing or impossible times. */
        INVALID,
        EXPIRED,
        /** A field differs from the payload, or is in only one of them. */
        PAYLOAD_MISMATCH,
        /** {@code kid} is not this server's public key. */
        UNKNOWN_KEY
    }

    /** A refused token: {@link #problem} decides the answer, {@link #getMessage()} says what exactly was wrong. */
    static final class Rejected extends RuntimeException {
        final Problem problem;

        Rejected(Problem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }
    }

    /**
     * A valid token.
     *
     * @param replayKey identifies the token for single use: the hex of its signature bytes (so another base64
     *                  spelling of the same signature is the same token)
     * @param expiresAt {@code exp}, Unix seconds
     */
    record Verified(String replayKey, long expiresAt) {}

    /**
     * Verifies {@code token} against the keys and the request's upload fields ({@code file} and {@code token}
     * excluded; each name with every value it was sent with).
     *
     * @throws Rejected when anything is wrong, the first problem found
     */
    static Verified verify(String token, String publicKey, byte[] privateKey, Map<String, List<String>> fields,
            Instant now) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw invalid("It must be three base64url parts separated by '.'.");
        }
        JsonNode header = object(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isString() || !alg.asString().equals("HS256")) {
            throw invalid("Its algorithm must be HS256.");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && (!typ.isString() || !typ.asString().equalsIgnoreCase("JWT"))) {
            throw invalid("Its type must be JWT.");
        }
        if (header.has("crit")) {
            throw invalid("Critical header extensions are not supported.");
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isString()) {
            throw invalid("Its header must name your public key as kid.");
        }
        if (!MessageDigest.isEqual(publicKey.getBytes(StandardCharsets.UTF_8),
                kid.asString().getBytes(StandardCharsets.UTF_8))) {
            throw new Rejected(Problem.UNKNOWN_KEY, "kid is not this server's public key.");
        }
        byte[] signature = base64url(parts[2], "signature");
        byte[] expected = hmacSha256(privateKey, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw invalid(null);
        }

        JsonNode payload = object(parts[1], "payload");
        long iat = seconds(payload, "iat");
        long exp = seconds(payload, "exp");
        long epoch = now.getEpochSecond();
        if (exp - iat > MAX_LIFETIME_SECONDS) {
            throw invalid("exp must be at most " + MAX_LIFETIME_SECONDS + " seconds after iat.");
        }
        if (exp <= iat) {
            throw invalid("exp must be after iat.");
        }
        if (iat > epoch + CLOCK_SKEW_SECONDS) {
            throw invalid("iat is in the future.");
        }
        if (exp <= epoch) {
            throw new Rejected(Problem.EXPIRED, "It expired at " + Instant.ofEpochSecond(exp) + ".");
        }
        if (payload.has("nbf") && seconds(payload, "nbf") > epoch + CLOCK_SKEW_SECONDS) {
            throw invalid("It is not valid yet (nbf).");
        }
        compareFields(payload, fields);
        return new Verified(HexFormat.of().formatHex(signature), exp);
    }

    /** Every payload field must be sent once with the same text, and every sent field must be in the payload. */
    private static void compareFields(JsonNode payload, Map<String, List<String>> fields) {
        Map<String, String> signed = new TreeMap<>();
        for (var e : payload.properties()) {
            if (CLAIMS.contains(e.getKey())) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isString() || v.isNumber() || v.isBoolean()) {
                signed.put(e.getKey(), v.asString());
            } else {
                throw mismatch("Its value of '" + e.getKey() + "' must be a string (stringify objects, arrays and"
                        + " booleans).");
            }
        }
        Set<String> names = new TreeSet<>(signed.keySet());
        names.addAll(fields.keySet());
        for (String name : names) {
            String expected = signed.get(name);
            List<String> sent = fields.get(name);
            if (sent == null || sent.isEmpty()) {
                throw mismatch("'" + name + "' is in the token but not in the request.");
            }
            if (expected == null) {
                throw mismatch("'" + name + "' is in the request but not in the token.");
            }
            if (sent.size() > 1) {
                throw mismatch("'" + name + "' is sent more than once.");
            }
            if (!expected.equals(sent.getFirst())) {
                throw mismatch("'" + name + "' differs.");
            }
        }
    }

    private static JsonNode object(String part, String what) {
        byte[] bytes = base64url(part, what);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw invalid("Its " + what + " is not a JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw invalid("Its " + what + " is not a JSON object.");
        }
        return node;
    }

    private static byte[] base64url(String part, String what) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw invalid("Its " + what + " is not base64url.");
        }
    }

    private static long seconds(JsonNode payload, String claim) {
        JsonNode v = payload.get(claim);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid("Its payload needs " + claim + " as integer Unix seconds.");
        }
        return v.asLong();
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Rejected invalid(String detail) {
        return new Rejected(Problem.INVALID, detail);
    }

    private static Rejected mismatch(String detail) {
        return new Rejected(Problem.PAYLOAD_MISMATCH, detail);
    }
}
