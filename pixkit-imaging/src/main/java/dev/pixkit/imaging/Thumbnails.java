package dev.pixkit.imaging;

import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsBlob;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsSource;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Loads an image already scaled towards a target size with libvips' {@code thumbnail_buffer} /
 * {@code thumbnail}, which shrink while decoding where the format allows. EXIF orientation is
 * applied unless {@link ThumbnailOptions#noRotate()}. The caller owns (and must close) the result.
 */
public final class Thumbnails {

    private Thumbnails() {}

    /**
     * Thumbnails encoded bytes (copied once into libvips memory).
     *
     * @throws UnsupportedImageException if the input cannot be read
     */
    public static VipsImage thumbnail(byte[] data, ThumbnailOptions options) {
        Objects.requireNonNull(data, "data");
        try (VipsBlob blob = VipsBlob.copyOf(data)) {
            return thumbnail(blob, options);
        }
    }

    /** Thumbnails bytes already held by libvips, e.g. after {@link ImageProbe#probe(VipsBlob)}. */
    public static VipsImage thumbnail(VipsBlob blob, ThumbnailOptions options) {
        Operation op = Vips.op("thumbnail_buffer").in("buffer", blob)
                .in("option_string", "fail_on=" + nick(options.failOn()));
        return run(configure(op, options));
    }

    /**
     * Thumbnails a file (read lazily by libvips; keep the file until the result is encoded).
     *
     * @throws UncheckedIOException      wrapping {@link NoSuchFileException} if the file does not exist
     * @throws UnsupportedImageException if the file cannot be read as an image
     */
    public static VipsImage thumbnail(Path file, ThumbnailOptions options) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        String failOn = "fail_on=" + nick(options.failOn());
        if (file.getFileName().toString().endsWith("]")) {
            // thumbnail parses "[...]" at the end of a file name as load options (twice, in fact), so
            // such names go through a VipsSource, whose file name libvips never parses.
            try (VipsSource source = VipsSource.ofFile(file)) {
                return run(configure(Vips.op("thumbnail_source").in("source", source)
                        .in("option_string", failOn), options));
            } catch (VipsException e) {
                throw e instanceof UnsupportedImageException u ? u : new UnsupportedImageException(e);
            }
        }
        Operation op = Vips.op("thumbnail").in("filename", file + "[" + failOn + "]");
        return run(configure(op, options));
    }

    private static Operation configure(Operation op, ThumbnailOptions o) {
        boolean bothSet = o.width() > 0 && o.height() > 0;
        op.in("width", o.width() > 0 ? o.width() : ThumbnailOptions.UNCONSTRAINED)
                .in("height", o.height() > 0 ? o.height() : ThumbnailOptions.UNCONSTRAINED)
                .in("size", o.size())
                .in("no_rotate", o.noRotate());
        if (bothSet) {
            // With one side unconstrained a crop would "fill" a 10-million-pixel box: never do that.
            op.in("crop", o.crop());
        }
        return op;
    }

    private static VipsImage run(Operation op) {
        try {
            return op.callImage("out");
        } catch (VipsException e) {
            throw new UnsupportedImageException(e);
        }
    }

    private static String nick(ThumbnailOptions.FailOn failOn) {
        return failOn.name().toLowerCase(Locale.ROOT);
    }
}
