package dev.pixkit.server.cleanup;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of SHA-256 hex strings kept as the first 128 bits (two longs in an open-addressing table): 16 bytes a hash
 * instead of about 150 for a {@code HashSet<String>}, so fsck can hold the hashes of millions of blobs within the
 * server's small heap. Two different contents sharing their first 128 bits is not a practical concern. Strings that
 * are not 64 hex digits (a damaged row) are kept as they are.
 */
final class ShaSet {
    private long[] table = new long[2 * 1024];
    private int size;
    private boolean hasZero;
    private final Set<String> odd = new HashSet<>();

    void add(String sha256) {
        if (!isHex(sha256)) {
            odd.add(sha256);
            return;
        }
        long a = Long.parseUnsignedLong(sha256, 0, 16, 16);
        long b = Long.parseUnsignedLong(sha256, 16, 32, 16);
        if (a == 0 && b == 0) {
            hasZero = true; // (0, 0) marks an empty slot
            return;
        }
        if ((size + 1) * 4L > (table.length / 2) * 3L) {
            grow();
        }
        if (insert(table, a, b)) {
            size++;
        }
    }

    boolean contains(String sha256) {
        if (!isHex(sha256)) {
            return odd.contains(sha256);
        }
        long a = Long.parseUnsignedLong(sha256, 0, 16, 16);
        long b = Long.parseUnsignedLong(sha256, 16, 32, 16);
        if (a == 0 && b == 0) {
            return hasZero;
        }
        int slots = table.length / 2;
        for (int i = slot(a, slots); ; i = (i + 1) & (slots - 1)) {
            long x = table[2 * i];
            long y = table[2 * i + 1];
            if (x == 0 && y == 0) {
                return false;
            }
            if (x == a && y == b) {
                return true;
            }
        }
    }

    int size() {
        return size + (hasZero ? 1 : 0) + odd.size();
    }

    private static boolean insert(long[] t, long a, long b) {
        int slots = t.length / 2;
        for (int i = slot(a, slots); ; i = (i + 1) & (slots - 1)) {
            long x = t[2 * i];
            long y = t[2 * i + 1];
            if (x == 0 && y == 0) {
                t[2 * i] = a;
                t[2 * i + 1] = b;
                return true;
            }
            if (x == a && y == b) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != 0 || table[i + 1] != 0) {
                insert(bigger, table[i], table[i + 1]);
            }
        }
        table = bigger;
    }

    /** The hash is already uniform; mixing only guards against a crafted run of equal prefixes. */
    private static int slot(long a, int slots) {
        long h = a * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (slots - 1);
    }

    private static boolean isHex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
