package dev.pixkit.url.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Lower-case hex HMACs as ImageKit computes them, and a constant-time comparison of hex digests. */
public final class Hmac {
    private Hmac() {}

    /** {@code hex(HMAC-SHA1(key, message))}, used by upload signatures and signed URLs. */
    public static String sha1Hex(String key, String message) {
        return HexFormat.of().formatHex(mac("HmacSHA1", key, message));
    }

    /** Raw HMAC-SHA256, used by the upload v2 JWT (HS256). */
    public static byte[] sha256(String key, String message) {
        return mac("HmacSHA256", key, message);
    }

    /** Compares two hex digests case-insensitively without leaking where they differ. */
    public static boolean hexEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(String algorithm, String key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable in this JVM", e);
        }
    }
}
