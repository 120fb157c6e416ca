package dev.pixkit.server.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one layout every store uses for a blob: {@code ab/cd/<sha256>}, the first two pairs of hex digits as
 * directories (local disk, read-through cache) or key segments (S3). The path depends on nothing but the content,
 * so a lookup by hash needs no index, and each level holds at most 256 entries.
 */
final class BlobPaths {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private BlobPaths() {}

    static boolean isSha256(String s) {
        return SHA256.matcher(s).matches();
    }

    /** {@code ab/cd/abcd…}; refuses anything but a lower-case hex SHA-256, so no caller can escape the layout. */
    static String relative(String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }

    /** The hash of a {@link #relative} path, or null when {@code path} is not one (a stray file, a temp file). */
    static String shaOf(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        return isSha256(name) && path.endsWith(relative(name)) ? name : null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
