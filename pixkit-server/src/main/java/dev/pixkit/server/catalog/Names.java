package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * File and folder names as ImageKit accepts them: letters (any script), digits, {@code . _ -}; other characters,
 * spaces included, become {@code _}. What could escape the folder tree — control characters, separators in a file
 * name, {@code .} or {@code ..} segments — is refused, not rewritten.
 */
public final class Names {
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_FOLDER_BYTES = 1024;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {}

    /** A file name from the request field {@code field} (named in error messages), sanitised. */
    public static String fileName(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("Missing " + field + " parameter.");
        }
        rejectControl(raw, field);
        if (raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            throw ApiException.badRequest("Invalid " + field + " parameter: it must not contain '/' or '\\'. Use the"
                    + " folder parameter to choose a folder.");
        }
        String name = sanitize(raw.strip());
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("Invalid " + field + " parameter: '" + raw + "' is not a file name.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw ApiException.badRequest("Invalid " + field + " parameter: longer than " + MAX_NAME_BYTES + " bytes.");
        }
        return name;
    }

    /**
     * A folder path from the request field {@code field}: {@code "/"} or {@code "/a/b"} (leading slash, no trailing
     * slash, no empty segments); blank means the root.
     */
    public static String folder(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return "/";
        }
        rejectControl(raw, field);
        if (raw.indexOf('\\') >= 0) {
            throw ApiException.badRequest("Invalid " + field + " parameter: it must not contain '\\'.");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : raw.strip().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw ApiException.badRequest("Invalid " + field + " parameter: '.' and '..' segments are not allowed"
                        + " (got '" + raw + "').");
            }
            out.append('/').append(sanitize(segment));
        }
        String folder = out.isEmpty() ? "/" : out.toString();
        if (folder.getBytes(StandardCharsets.UTF_8).length > MAX_FOLDER_BYTES) {
            throw ApiException.badRequest("Invalid " + field + " parameter: longer than " + MAX_FOLDER_BYTES
                    + " bytes.");
        }
        return folder;
    }

    /** {@code photo.jpg} → {@code photo_Xq3k9PzL2.jpg}. */
    public static String unique(String name) {
        StringBuilder suffix = new StringBuilder("_");
        for (int i = 0; i < 9; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.';
            sb.appendCodePoint(ok ? cp : '_');
        });
        return sb.toString();
    }

    private static void rejectControl(String s, String field) {
        if (s.codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029)) {
            throw ApiException.badRequest("Invalid " + field + " parameter: control characters are not allowed.");
        }
    }
}
