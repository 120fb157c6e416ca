package dev.pixkit.url.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Client-side upload authentication (ImageKit upload v1): {@code signature = hex(HMAC-SHA1(privateKey, token + expire))},
 * where {@code expire} is a Unix time in seconds less than one hour in the future and {@code token} is single-use.
 */
public record UploadSignature(String token, long expire, String signature) {

    /** ImageKit rejects an {@code expire} further than this into the future. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(1);

    /** Parameters for one upload, valid for {@code validity} (the SDKs default to 30 minutes). */
    public static UploadSignature create(String privateKey, Instant now, Duration validity) {
        String token = UUID.randomUUID().toString();
        long expire = now.plus(validity).getEpochSecond();
        return new UploadSignature(token, expire, sign(privateKey, token, expire));
    }

    public static String sign(String privateKey, String token, long expire) {
        return Hmac.sha1Hex(privateKey, token + expire);
    }

    /** Whether {@code signature} was made with {@code privateKey} for this token and expire (expiry is checked separately). */
    public static boolean matches(String privateKey, String token, String expire, String signature) {
        return Hmac.hexEquals(Hmac.sha1Hex(privateKey, token + expire), signature);
    }

    /** Whether {@code expire} (Unix seconds) lies in {@code (now, now + 1h]}. */
    public static boolean expireAcceptable(long expire, Instant now) {
        long nowSeconds = now.getEpochSecond();
        return expire > nowSeconds && expire <= nowSeconds + MAX_VALIDITY.toSeconds();
    }
}
