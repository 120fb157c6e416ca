package dev.pixkit.server.auth;

import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.signing.UploadSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * ImageKit's authentication: HTTP Basic with the private key as the username (password ignored; a raw, non-base64
 * key after {@code Basic } is accepted too), or, for uploads only, a client-side signature (v1) or JWT (v2).
 */
@Component
public class ApiKeyAuthenticator {
    static final String MISSING_KEY = "Your request does not contain private API key.";
    static final String BAD_KEY = "Your account cannot be authenticated.";
    static final String INVALID_TOKEN = "Your request has invalid token.";
    static final String EXPIRED_TOKEN = "Your request contains expired token.";
    static final String PAYLOAD_MISMATCH = "Your request contains invalid payload. It does not match with the payload"
            + " used to generate token.";

    private final byte[] privateKey;
    private final String publicKey;
    private final String privateKeyText;
    private final UploadTokens tokens;
    private final Clock clock;

    ApiKeyAuthenticator(PixkitSettings settings, UploadTokens tokens, Clock clock) {
        this.privateKeyText = settings.privateKey();
        this.privateKey = settings.privateKey().getBytes(StandardCharsets.UTF_8);
        this.publicKey = settings.publicKey();
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Passes when the request carries the private key; 401 when it carries none, 403 when it carries another. */
    public void requirePrivateKey(HttpServletRequest request) {
        String presented = basicUser(request);
        if (presented == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, MISSING_KEY);
        }
        if (!MessageDigest.isEqual(privateKey, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.FORBIDDEN, BAD_KEY);
        }
    }

    /**
     * Authorises an upload: Basic auth, or the client-side fields {@code publicKey}, {@code signature},
     * {@code expire} and {@code token} (single use), but never both.
     */
    public void authorizeUpload(HttpServletRequest request, ClientSignature signature) {
        boolean hasBasic = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (signature.isEmpty()) {
            requirePrivateKey(request);
            return;
        }
        if (hasBasic) {
            throw ApiException.badRequest("Your request contains both signature and basic auth parameter. Use only one"
                    + " method, you might be exposing your private API key.");
        }
        if (signature.publicKey() == null) {
            throw ApiException.badRequest("Missing publicKey parameter.");
        }
        if (!MessageDigest.isEqual(publicKey.getBytes(StandardCharsets.UTF_8),
                signature.publicKey().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.FORBIDDEN, BAD_KEY);
        }
        if (signature.signature() == null || signature.token() == null || signature.expire() == null) {
            throw ApiException.badRequest("Your request is missing the signature, token or expire parameter.");
        }
        long expire;
        try {
            expire = Long.parseLong(signature.expire());
        } catch (NumberFormatException e) {
            expire = -1;
        }
        if (!UploadSignature.expireAcceptable(expire, clock.instant())) {
            throw ApiException.badRequest("Your request contains invalid expire parameter. Expire parameter should be"
                    + " a Unix time in less than 1 hour into the future.");
        }
        if (!UploadSignature.matches(privateKeyText, signature.token(), signature.expire(), signature.signature())) {
            throw ApiException.badRequest("Your request contains invalid signature. Please generate a new signature"
                    + " with your private key.");
        }
        if (!tokens.claim(signature.token(), expire)) {
            throw ApiException.badRequest("The token in your request has already been used. Generate a new token for"
                    + " every upload.");
        }
    }

    /**
     * Authorises an upload to {@code /api/v2/files/upload}: Basic auth, or a single-use {@code token} JWT whose
     * payload matches every other request field (see {@link UploadJwt}), but never both.
     */
    public void authorizeUploadV2(HttpServletRequest request) {
        String[] sent = request.getParameterValues("token");
        boolean hasToken = sent != null && !(sent.length == 1 && sent[0].isBlank());
        boolean hasBasic = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (!hasToken) {
            if (!hasBasic) {
                throw ApiException.badRequest("Your request is missing token parameter.");
            }
            requirePrivateKey(request);
            return;
        }
        if (hasBasic) {
            throw ApiException.badRequest("Your request contains both token and basic auth parameter. Use only one"
                    + " method, you might be exposing your private API key.");
        }
        if (sent.length > 1) {
            throw ApiException.badRequest(INVALID_TOKEN + " Send exactly one token.");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("file") && !name.equals("token")) {
                fields.put(name, List.of(values));
            }
        });
        UploadJwt.Verified token;
        try {
            token = UploadJwt.verify(sent[0], publicKey, privateKey, fields, clock.instant());
        } catch (UploadJwt.Rejected e) {
            String detail = e.getMessage() == null ? "" : " " + e.getMessage();
            throw switch (e.problem) {
                case UNKNOWN_KEY -> new ApiException(HttpStatus.FORBIDDEN, BAD_KEY);
                case EXPIRED -> ApiException.badRequest(EXPIRED_TOKEN);
                case PAYLOAD_MISMATCH -> ApiException.badRequest(PAYLOAD_MISMATCH + detail);
                case INVALID -> ApiException.badRequest(INVALID_TOKEN + detail);
            };
        }
        if (!tokens.claim("jwt:" + token.replayKey(), token.expiresAt())) {
            throw ApiException.badRequest(INVALID_TOKEN + " It has already been used: generate a new token for every"
                    + " upload.");
        }
    }

    private static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String credentials = header.substring(6).trim();
        if (credentials.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return credentials; // the spec allows the raw key
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            // "Basic <raw key>" that happens to be valid base64 decodes to noise without a colon.
            return credentials;
        }
        return decoded.substring(0, colon);
    }

    /** The client-side upload fields; all null for a server-side upload. */
    public record ClientSignature(String publicKey, String signature, String expire, String token) {
        boolean isEmpty() {
            return publicKey == null && signature == null && expire == null && token == null;
        }
    }
}
