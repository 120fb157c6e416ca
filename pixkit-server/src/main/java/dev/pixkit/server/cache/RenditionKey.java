package dev.pixkit.server.cache;

import java.util.regex.Pattern;

/**
 * What identifies a rendition: the source content's SHA-256 and a digest of everything else that shapes the output
 * (canonical transformation, negotiated format, client hints). The variant is also the rendition's ETag.
 */
public record RenditionKey(String contentSha256, String variant) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public RenditionKey {
        if (contentSha256.length() != 64 || !HEX.matcher(contentSha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + contentSha256);
        }
        if (variant.isEmpty() || variant.length() > 64 || !HEX.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant must be lower-case hex: " + variant);
        }
    }
}
