package dev.pixkit.imaging.metadata;

import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.Thumbnails;
import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsBlob;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Computes {@link ImageMetadata} with libvips. The header is loaded once (no pixels are decoded for it) for the
 * dimensions, format, alpha, resolution, ICC profile and EXIF block; the perceptual hash decodes a 32x32 thumbnail
 * with shrink-on-load; the JPEG quality estimate reads the file's headers in Java. Memory use is therefore small
 * and bounded whatever the image size, and time grows with the size only where a format cannot shrink on load
 * (PNG, GIF, TIFF), which {@link #maxHashPixels} bounds.
 *
 * <p>Corrupt, truncated or unsupported input fails with {@link UnsupportedImageException}; every libvips object is
 * released on every path. Safe for concurrent use.
 */
public final class MetadataReader {

    /** No perceptual hash above 100 megapixels unless configured otherwise. */
    public static final long DEFAULT_MAX_HASH_PIXELS = 100_000_000L;
    /** The usual default, and what ImageKit reports for files without a resolution. */
    static final int DEFAULT_DENSITY = 72;

    private static final MetadataReader DEFAULT = new MetadataReader(DEFAULT_MAX_HASH_PIXELS);

    private final long maxHashPixels;

    /** @param maxHashPixels images with more pixels (per page) get no {@code pHash} */
    public MetadataReader(long maxHashPixels) {
        if (maxHashPixels <= 0) {
            throw new IllegalArgumentException("maxHashPixels must be > 0");
        }
        this.maxHashPixels = maxHashPixels;
    }

    /** A reader with {@link #DEFAULT_MAX_HASH_PIXELS}. */
    public static MetadataReader standard() {
        return DEFAULT;
    }

    /**
     * Metadata of an image file.
     *
     * @throws UncheckedIOException      wrapping {@link NoSuchFileException} if the file does not exist, or another
     *                                   {@link IOException} if it cannot be read
     * @throws UnsupportedImageException if it is not an image Pixkit can read
     */
    public ImageMetadata read(Path file) {
        Objects.requireNonNull(file, "file");
        ImageHeader header = ImageProbe.probe(file);
        Fields fields = withHeader(file, Fields::of);
        long size;
        Integer quality = null;
        try {
            size = Files.size(file);
            if (header.format() == ImageFormat.JPEG) {
                try (InputStream in = Files.newInputStream(file)) {
                    quality = boxed(JpegQuality.estimate(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String pHash = hashable(header) ? PerceptualHash.hex(hash(() -> Thumbnails.thumbnail(file,
                PerceptualHash.thumbnailOptions()))) : null;
        return assemble(header, fields, size, quality, pHash);
    }

    /**
     * Metadata of encoded image bytes.
     *
     * @throws UnsupportedImageException if they are not an image Pixkit can read
     */
    public ImageMetadata read(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (VipsBlob blob = VipsBlob.copyOf(data)) {
            ImageHeader header = ImageProbe.probe(blob);
            Fields fields = withHeader(blob, Fields::of);
            Integer quality = header.format() == ImageFormat.JPEG ? boxed(JpegQuality.estimate(data)) : null;
            String pHash = hashable(header) ? PerceptualHash.hex(hash(() -> Thumbnails.thumbnail(blob,
                    PerceptualHash.thumbnailOptions()))) : null;
            return assemble(header, fields, data.length, quality, pHash);
        }
    }

    /**
     * Runs {@code reader} on the header-only load of {@code file} (the loader libvips picks; no pixels decoded).
     *
     * @throws UnsupportedImageException if libvips cannot read the file
     */
    static <T> T withHeader(Path file, Function<VipsImage, T> reader) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        try {
            String loader = Vips.findLoader(file);
            try (VipsImage image = Vips.op(loader).in("filename", file.toString()).callImage("out")) {
                return reader.apply(image);
            }
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e.operation(), e.vipsMessage());
        }
    }

    /** Like {@link #withHeader(Path, Function)} for bytes held by libvips. */
    static <T> T withHeader(VipsBlob blob, Function<VipsImage, T> reader) {
        try {
            String loader = Vips.findLoader(blob);
            try (VipsImage image = Vips.op(loader).in("buffer", blob).callImage("out")) {
                return reader.apply(image);
            }
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e.operation(), e.vipsMessage());
        }
    }

    private boolean hashable(ImageHeader header) {
        return (long) header.width() * header.height() <= maxHashPixels;
    }

    private interface ThumbnailSource {
        VipsImage load();
    }

    private static long hash(ThumbnailSource source) {
        try (VipsImage thumb = source.load()) {
            return PerceptualHash.ofThumbnail(thumb);
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e.operation(), e.vipsMessage());
        }
    }

    private static ImageMetadata assemble(ImageHeader header, Fields fields, long size, Integer quality,
            String pHash) {
        return new ImageMetadata(header.width(), header.height(), size, formatName(header.format()),
                fields.hasColorProfile(), quality, fields.density(), header.hasAlpha(), pHash,
                ExifParser.parse(fields.exif()));
    }

    /** ImageKit's name for a format (sharp's, which ImageKit reports): {@code jpg} for JPEG, {@code heif} for HEIC. */
    static String formatName(ImageFormat format) {
        return switch (format) {
            case HEIF -> "heif";
            case TIFF -> "tiff";
            default -> format.extension();
        };
    }

    private static Integer boxed(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    /** What the header load contributes. */
    private record Fields(boolean hasColorProfile, Integer density, byte[] exif) {

        static Fields of(VipsImage image) {
            return new Fields(image.hasField("icc-profile-data"), density(image),
                    image.getBlob("exif-data").orElse(null));
        }

        /**
         * libvips holds the resolution as pixels per millimetre, with 1.0 (25.4 DPI) as its "none recorded" default.
         * Like sharp, whose figures ImageKit reports, only a resolution above that default counts; anything else
         * reads as the customary {@value #DEFAULT_DENSITY}.
         */
        private static Integer density(VipsImage image) {
            OptionalDouble xres = image.getDouble("xres");
            if (xres.isEmpty() || !(xres.getAsDouble() > 1.0 + 1e-9) || !Double.isFinite(xres.getAsDouble())) {
                return DEFAULT_DENSITY;
            }
            long dpi = Math.round(xres.getAsDouble() * 25.4);
            return dpi > 1_000_000 ? DEFAULT_DENSITY : (int) dpi;
        }
    }
}
