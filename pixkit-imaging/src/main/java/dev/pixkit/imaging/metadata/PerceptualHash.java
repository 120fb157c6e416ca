package dev.pixkit.imaging.metadata;

import dev.pixkit.imaging.ThumbnailOptions;
import dev.pixkit.imaging.Thumbnails;
import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsBlob;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The DCT perceptual hash (the pHash.org construction): the picture as seen (EXIF orientation applied, transparency
 * flattened onto white, grey) is scaled to 32x32, transformed with a 2-D DCT-II, and the 8x8 lowest frequencies
 * after the DC term (rows and columns 1..8) become 64 bits, each set when its coefficient is above their median.
 * Written as 16 lowercase hex digits, most significant bit first.
 *
 * <p>Similar pictures have hashes a small Hamming distance apart ({@link #distance}): re-encoding, resizing or mild
 * colour changes typically flip fewer than 6 bits, while unrelated pictures differ in about half of the 64 bits.
 * Cropping, rotation and mirroring change the hash.
 *
 * <p>The 32x32 thumbnail comes from libvips' {@code thumbnail}, which shrinks while decoding where the format
 * allows (JPEG DCT scaling, WebP, HEIF), so large images are cheap to hash.
 */
public final class PerceptualHash {

    static final int SIZE = 32;
    private static final int BITS = 8;
    private static final double[][] COS = new double[BITS + 1][SIZE];

    static {
        for (int u = 0; u <= BITS; u++) {
            for (int x = 0; x < SIZE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
    }

    private PerceptualHash() {}

    /**
     * Hash of an image file.
     *
     * @throws UnsupportedImageException if the file is not an image libvips can read
     */
    public static String of(Path file) {
        try (VipsImage thumb = Thumbnails.thumbnail(file, thumbnailOptions())) {
            return hex(ofThumbnail(thumb));
        }
    }

    /**
     * Hash of encoded image bytes.
     *
     * @throws UnsupportedImageException if the bytes are not an image libvips can read
     */
    public static String of(byte[] data) {
        try (VipsBlob blob = VipsBlob.copyOf(data)) {
            return of(blob);
        }
    }

    /** Hash of encoded bytes already held by libvips. */
    public static String of(VipsBlob blob) {
        try (VipsImage thumb = Thumbnails.thumbnail(blob, thumbnailOptions())) {
            return hex(ofThumbnail(thumb));
        }
    }

    /** Number of differing bits between two hashes written by this class. */
    public static int distance(String a, String b) {
        return Long.bitCount(parse(a) ^ parse(b));
    }

    /** The 32x32 load this hash starts from: shrink-on-load, aspect ratio ignored, orientation applied. */
    static ThumbnailOptions thumbnailOptions() {
        return ThumbnailOptions.box(SIZE, SIZE).withSize(ThumbnailOptions.Size.FORCE);
    }

    /**
     * The hash of an image already scaled to 32x32 (any bands, any band format).
     *
     * @throws UnsupportedImageException if libvips cannot compute its pixels (e.g. damaged data under a strict load)
     */
    static long ofThumbnail(VipsImage thumb) {
        try {
            return ofGrey(grey(thumb));
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e.operation(), e.vipsMessage());
        }
    }

    /** Hash of 32x32 grey values, row-major. */
    static long ofGrey(double[] pixels) {
        if (pixels.length != SIZE * SIZE) {
            throw new IllegalArgumentException("need " + SIZE * SIZE + " pixels, got " + pixels.length);
        }
        // Only rows/columns 0..8 of the DCT are needed: first along x, then along y.
        double[][] rows = new double[SIZE][BITS + 1];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 1; u <= BITS; u++) {
                double s = 0;
                for (int x = 0; x < SIZE; x++) {
                    s += pixels[y * SIZE + x] * COS[u][x];
                }
                rows[y][u] = s;
            }
        }
        double[] coefficients = new double[BITS * BITS];
        for (int v = 1; v <= BITS; v++) {
            for (int u = 1; u <= BITS; u++) {
                double s = 0;
                for (int y = 0; y < SIZE; y++) {
                    s += rows[y][u] * COS[v][y];
                }
                coefficients[(v - 1) * BITS + (u - 1)] = s;
            }
        }
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (double c : coefficients) {
            hash = (hash << 1) | (c > median ? 1 : 0);
        }
        return hash;
    }

    static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    private static long parse(String hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length() != 16) {
            throw new IllegalArgumentException("not a 64-bit hex hash: " + hash);
        }
        return HexFormat.fromHexDigitsToLong(hash.toLowerCase(Locale.ROOT));
    }

    /** Flattened onto white, one grey band, as doubles. */
    private static double[] grey(VipsImage thumb) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage image = thumb;
            if (image.hasAlpha()) {
                image = scope.image(Vips.op("flatten").in("in", image).in("background", new double[] {255.0}), "out");
            }
            String space = image.interpretation();
            if (image.bands() > 1 || !(space.equals("b-w") || space.equals("grey16"))) {
                image = scope.image(Vips.op("colourspace").in("in", image).in("space", "b-w"), "out");
            }
            if (image.bands() > 1) {
                image = scope.image(Vips.op("extract_band").in("in", image).in("band", 0), "out");
            }
            if (image.width() != SIZE || image.height() != SIZE) {
                image = scope.image(Vips.op("resize").in("in", image).in("scale", (double) SIZE / image.width())
                        .in("vscale", (double) SIZE / image.height()), "out");
            }
            VipsImage doubles = scope.image(Vips.op("cast").in("in", image).in("format", "double"), "out");
            ByteBuffer raw = ByteBuffer.wrap(doubles.pixels()).order(ByteOrder.nativeOrder());
            double[] out = new double[SIZE * SIZE];
            raw.asDoubleBuffer().get(out);
            return out;
        }
    }
}
