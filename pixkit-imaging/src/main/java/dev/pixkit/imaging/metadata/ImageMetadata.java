package dev.pixkit.imaging.metadata;

import java.util.Objects;

/**
 * What ImageKit's metadata API reports about an image ({@code #/components/schemas/Metadata}), field for field.
 *
 * @param width           stored width in pixels (before EXIF orientation, as ImageKit reports it)
 * @param height          stored height of one page/frame in pixels
 * @param size            encoded size in bytes
 * @param format          ImageKit's format name: {@code jpg}, {@code png}, {@code webp}, {@code gif}, {@code avif},
 *                        {@code tiff}, {@code heif}, {@code svg}, {@code pdf}, {@code bmp}, {@code jxl}, {@code jp2}
 * @param hasColorProfile an ICC profile is embedded
 * @param quality         for JPEG, the estimated quality setting 1..100 ({@link JpegQuality}); null for other
 *                        formats and for JPEGs whose tables give no estimate
 * @param density         resolution in dots per inch, rounded; 72 when the file records none (or 25.4 DPI or
 *                        less, which libvips cannot tell from none)
 * @param hasTransparency the image has an alpha channel
 * @param pHash           64-bit DCT perceptual hash as 16 lowercase hex digits ({@link PerceptualHash}); null when
 *                        the image was too large to hash under the reader's limit
 * @param exif            EXIF tags by group; {@link Exif#NONE} when the file has none
 */
public record ImageMetadata(
        int width,
        int height,
        long size,
        String format,
        boolean hasColorProfile,
        Integer quality,
        Integer density,
        boolean hasTransparency,
        String pHash,
        Exif exif) {

    public ImageMetadata {
        Objects.requireNonNull(format, "format");
        exif = exif == null ? Exif.NONE : exif;
    }
}
