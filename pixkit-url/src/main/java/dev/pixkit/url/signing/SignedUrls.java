package dev.pixkit.url.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ImageKit signed delivery URLs. The signature is {@code hex(HMAC-SHA1(privateKey, S + T))} where {@code S} is the URL
 * after the URL endpoint and its {@code /}, without the {@code ik-s} and {@code ik-t} parameters, and {@code T} is the
 * {@code ik-t} value or {@value #NO_EXPIRY} when the URL does not expire.
 *
 * <p>Verification works on the raw, undecoded request target, because SDKs sign their own encoding of it.
 */
public final class SignedUrls {
    /** The expiry that SDKs sign when a URL never expires. */
    public static final String NO_EXPIRY = "9999999999";

    public enum Verdict { VALID, UNSIGNED, INVALID, EXPIRED }

    private SignedUrls() {}

    /** Signs {@code target}, the part of the URL after {@code endpoint + "/"}, e.g. {@code tr:w-300/a.jpg}. */
    public static String signature(String privateKey, String target, String expiry) {
        return Hmac.sha1Hex(privateKey, target + expiry);
    }

    /** Appends {@code ik-t} (when {@code expiresAt} is not null) and {@code ik-s} as the SDKs do. */
    public static String sign(String privateKey, String urlEndpoint, String target, Instant expiresAt) {
        String base = urlEndpoint.endsWith("/") ? urlEndpoint : urlEndpoint + "/";
        String expiry = expiresAt == null ? NO_EXPIRY : Long.toString(expiresAt.getEpochSecond());
        String sig = signature(privateKey, target, expiry);
        String sep = target.contains("?") ? "&" : "?";
        return base + target + sep + (expiresAt == null ? "" : "ik-t=" + expiry + "&") + "ik-s=" + sig;
    }

    /**
     * Checks a raw request target relative to the endpoint (path and raw query, no leading slash), e.g.
     * {@code a.jpg?tr=w-300&ik-t=1795267885&ik-s=...}. {@code ik-s} and {@code ik-t} may appear anywhere in the query.
     */
    public static Verdict verify(String privateKey, String rawTarget, Instant now) {
        int q = rawTarget.indexOf('?');
        if (q < 0) {
            return Verdict.UNSIGNED;
        }
        String path = rawTarget.substring(0, q);
        String sig = null;
        String expiry = null;
        List<String> kept = new ArrayList<>();
        for (String param : rawTarget.substring(q + 1).split("&", -1)) {
            if (param.startsWith("ik-s=")) {
                sig = param.substring(5);
            } else if (param.startsWith("ik-t=")) {
                expiry = param.substring(5);
            } else if (!param.isEmpty()) {
                kept.add(param);
            }
        }
        if (sig == null) {
            return Verdict.UNSIGNED;
        }
        String signed = kept.isEmpty() ? path : path + "?" + String.join("&", kept);
        String t = expiry == null ? NO_EXPIRY : expiry;
        if (!Hmac.hexEquals(signature(privateKey, signed, t), sig)) {
            return Verdict.INVALID;
        }
        if (expiry != null) {
            try {
                if (Long.parseLong(expiry) < now.getEpochSecond()) {
                    return Verdict.EXPIRED;
                }
            } catch (NumberFormatException e) {
                return Verdict.INVALID;
            }
        }
        return Verdict.VALID;
    }
}
