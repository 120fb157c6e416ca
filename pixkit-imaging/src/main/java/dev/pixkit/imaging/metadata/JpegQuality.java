package dev.pixkit.imaging.metadata;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalInt;

/**
 * Estimates the quality setting a JPEG was saved with from its quantisation tables, the way ImageMagick's
 * {@code identify -format %Q} does: a "hash" of four table entries (luminance [2] and [53], chrominance [0] and [63],
 * in natural order) and the sum of all entries are compared with the same figures for the IJG reference tables
 * scaled to each quality 1..100, and the first quality whose tables are not coarser than the file's is the answer.
 * A file with only a luminance table (greyscale) is matched on that table alone.
 *
 * <p>ImageMagick ships the reference figures as literal tables; here they are computed from the IJG tables (JPEG
 * Annex K) with libjpeg's own quality scaling, which yields the same numbers (the tests check some against
 * ImageMagick's). For files written by IJG-compatible encoders (libjpeg, libjpeg-turbo, mozjpeg with its default
 * tables, libvips, Pillow, the JDK) the estimate equals the quality used; for encoders with their own tables
 * (Photoshop, some cameras) it is the nearest IJG quality, as in ImageMagick.
 *
 * <p>Only the headers are read: markers are walked up to the first scan (SOS), skipping other segments' payloads,
 * so the cost does not depend on the image size.
 */
public final class JpegQuality {

    /** JPEG Annex K luminance table, natural (row-major) order. */
    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99};
    /** JPEG Annex K chrominance table, natural order. */
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99};
    /** Position in natural order of the k-th coefficient in zig-zag (file) order. */
    private static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    /** Index q-1: reference hash and sum for quality q, with both tables / with the luminance table only. */
    static final int[] HASH_TWO = new int[100];
    static final int[] SUM_TWO = new int[100];
    static final int[] HASH_ONE = new int[100];
    static final int[] SUM_ONE = new int[100];

    static {
        for (int q = 1; q <= 100; q++) {
            int[] luma = scaled(LUMA, q);
            int[] chroma = scaled(CHROMA, q);
            HASH_TWO[q - 1] = luma[2] + luma[53] + chroma[0] + chroma[63];
            SUM_TWO[q - 1] = sum(luma) + sum(chroma);
            HASH_ONE[q - 1] = luma[2] + luma[53];
            SUM_ONE[q - 1] = sum(luma);
        }
    }

    /** Headers larger than this (before the first scan) are not a JPEG we estimate. */
    private static final long MAX_HEADER_BYTES = 16L * 1024 * 1024;

    private JpegQuality() {}

    /** The estimate for JPEG bytes; empty if they are not a JPEG or hold no quantisation table. */
    public static OptionalInt estimate(byte[] jpeg) {
        try {
            return estimate(new ByteArrayInputStream(jpeg));
        } catch (UncheckedIOException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The estimate for a JPEG stream, read up to its first scan; empty if it is not a JPEG, is damaged before the
     * first scan, or holds no quantisation table.
     *
     * @throws UncheckedIOException if reading the stream fails
     */
    public static OptionalInt estimate(InputStream in) {
        try {
            int[][] tables = readTables(in);
            return tables == null ? OptionalInt.empty() : estimate(tables);
        } catch (EOFException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ImageMagick's matching rule over tables indexed by table id, in natural order. */
    static OptionalInt estimate(int[][] tables) {
        if (tables[0] == null) {
            return OptionalInt.empty();
        }
        int sum = 0;
        for (int[] t : tables) {
            if (t != null) {
                sum += sum(t);
            }
        }
        int[] hashes;
        int[] sums;
        int hash;
        if (tables[1] != null) {
            hashes = HASH_TWO;
            sums = SUM_TWO;
            hash = tables[0][2] + tables[0][53] + tables[1][0] + tables[1][63];
        } else {
            hashes = HASH_ONE;
            sums = SUM_ONE;
            hash = tables[0][2] + tables[0][53];
        }
        for (int i = 0; i < 100; i++) {
            if (hash < hashes[i] && sum < sums[i]) {
                continue;
            }
            if ((hash <= hashes[i] && sum <= sums[i]) || i >= 50) {
                return OptionalInt.of(i + 1);
            }
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    /** The DQT tables (by id 0..3, natural order) defined before the first scan, or null if not a JPEG. */
    private static int[][] readTables(InputStream in) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            return null;
        }
        int[][] tables = new int[4][];
        long consumed = 2;
        while (consumed < MAX_HEADER_BYTES) {
            int b = readByte(in);
            if (b != 0xFF) {
                return null; // garbage between segments: damaged header
            }
            int marker = readByte(in);
            while (marker == 0xFF) { // fill bytes
                marker = readByte(in);
            }
            consumed += 2;
            if (marker == 0xD9 || marker == 0xDA) { // EOI or SOS: no more tables before the image data
                return tables;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            int length = (readByte(in) << 8) | readByte(in);
            if (length < 2) {
                return null;
            }
            consumed += length;
            if (marker == 0xDB) {
                readDqt(in, length - 2, tables);
            } else {
                skip(in, length - 2);
            }
        }
        return null;
    }

    private static void readDqt(InputStream in, int length, int[][] tables) throws IOException {
        int remaining = length;
        while (remaining > 0) {
            int pqTq = readByte(in);
            int precision = pqTq >> 4;
            int id = pqTq & 0x0F;
            int entrySize = precision == 0 ? 1 : 2;
            if (id > 3 || remaining < 1 + 64 * entrySize) {
                skip(in, remaining - 1);
                return;
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                int v = readByte(in);
                if (entrySize == 2) {
                    v = (v << 8) | readByte(in);
                }
                table[NATURAL_ORDER[k]] = v;
            }
            tables[id] = table;
            remaining -= 1 + 64 * entrySize;
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                readByte(in);
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** libjpeg's {@code jpeg_quality_scaling} applied to a base table, clamped to baseline (1..255). */
    private static int[] scaled(int[] base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        int[] out = new int[64];
        for (int i = 0; i < 64; i++) {
            out[i] = Math.clamp((base[i] * scale + 50) / 100, 1, 255);
        }
        return out;
    }

    private static int sum(int[] table) {
        int s = 0;
        for (int v : table) {
            s += v;
        }
        return s;
    }
}
