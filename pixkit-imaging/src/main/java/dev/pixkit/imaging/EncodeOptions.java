package dev.pixkit.imaging;

import java.util.Objects;

/**
 * How to encode an image.
 *
 * @param format   output format; must be {@linkplain ImageFormat#isWritable() writable}
 * @param quality  1..100, or 0 for the saver's default (used by JPEG, WebP and AVIF; ignored by PNG/GIF)
 * @param lossless lossless compression (WebP and AVIF; ignored by the others)
 * @param strip    drop metadata (EXIF, XMP, IPTC, ICC) — {@code keep=none} on libvips 8.15+,
 *                 {@code strip=true} before
 */
public record EncodeOptions(ImageFormat format, int quality, boolean lossless, boolean strip) {

    public EncodeOptions {
        Objects.requireNonNull(format, "format");
        if (!format.isWritable()) {
            throw new IllegalArgumentException(format + " cannot be written");
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100 (or 0 for default), got " + quality);
        }
    }

    /** Defaults for {@code format}: saver's default quality, lossy, metadata kept. */
    public static EncodeOptions of(ImageFormat format) {
        return new EncodeOptions(format, 0, false, false);
    }

    public EncodeOptions withQuality(int quality) {
        return new EncodeOptions(format, quality, lossless, strip);
    }

    public EncodeOptions withLossless(boolean lossless) {
        return new EncodeOptions(format, quality, lossless, strip);
    }

    public EncodeOptions withStrip(boolean strip) {
        return new EncodeOptions(format, quality, lossless, strip);
    }
}
