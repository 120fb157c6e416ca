package dev.pixkit.server.catalog;

import java.util.Locale;
import java.util.Map;

/** ImageKit's {@code format} of a file: the short format name of its content, else its name's extension. */
public final class Formats {
    private static final Map<String, String> BY_MIME = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
            Map.entry("image/gif", "gif"), Map.entry("image/avif", "avif"), Map.entry("image/svg+xml", "svg"),
            Map.entry("image/tiff", "tiff"), Map.entry("image/heif", "heif"), Map.entry("image/bmp", "bmp"),
            Map.entry("image/x-icon", "ico"), Map.entry("application/pdf", "pdf"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/webm", "webm"));

    private Formats() {}

    /** {@code image/jpeg} → {@code jpg}; unknown content → the extension of {@code name}, lower case, or empty. */
    public static String of(String mime, String name) {
        String known = BY_MIME.get(mime);
        if (known != null) {
            return known;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.length() <= 16 && ext.chars().allMatch(Character::isLetterOrDigit) ? ext : "";
    }
}
