package dev.pixkit.imaging;

import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes images to bytes with libvips' {@code *save_buffer} savers. Encoding is where a lazy
 * pipeline actually runs, so decode errors of damaged input can also surface here as
 * {@link VipsException}s.
 */
public final class ImageEncoder {

    private static final Map<ImageFormat, SaveSupport> SUPPORT = new ConcurrentHashMap<>();

    private ImageEncoder() {}

    /** Encodes with the format's defaults. */
    public static byte[] encode(VipsImage image, ImageFormat format) {
        return encode(image, EncodeOptions.of(format));
    }

    /**
     * Encodes {@code image}.
     *
     * @throws VipsException if libvips cannot encode (e.g. no AV1 encoder in this build)
     */
    public static byte[] encode(VipsImage image, EncodeOptions options) {
        Objects.requireNonNull(image, "image");
        String saver = options.format().saver().orElseThrow();
        Operation op = Vips.op(saver).in("in", image);
        switch (options.format()) {
            case JPEG -> quality(op, options);
            case WEBP, AVIF -> {
                quality(op, options);
                if (options.lossless()) {
                    op.in("lossless", true);
                }
                if (options.format() == ImageFormat.AVIF) {
                    op.in("compression", "av1");
                }
            }
            default -> { }
        }
        if (options.strip()) {
            if (Vips.hasArgument(saver, "keep")) {
                op.in("keep", "none");
            } else {
                op.in("strip", true);
            }
        }
        return op.callBytes("buffer");
    }

    private static void quality(Operation op, EncodeOptions options) {
        if (options.quality() > 0) {
            op.in("Q", options.quality());
        }
    }

    /** True if this libvips can encode {@code format} (tested once by really encoding a tiny image). */
    public static boolean canSave(ImageFormat format) {
        return saveSupport(format).supported();
    }

    /** The result of test-encoding a tiny image as {@code format}, with libvips' reason on failure. */
    public static SaveSupport saveSupport(ImageFormat format) {
        Objects.requireNonNull(format, "format");
        return SUPPORT.computeIfAbsent(format, ImageEncoder::probeSaver);
    }

    private static SaveSupport probeSaver(ImageFormat format) {
        if (!format.isWritable()) {
            return new SaveSupport(format, false, format + " is an input-only format");
        }
        String saver = format.saver().orElseThrow();
        if (!Vips.hasOperation(saver)) {
            return new SaveSupport(format, false, "libvips " + Vips.runtime().version() + " has no " + saver);
        }
        try (VipsImage black = Vips.op("black").in("width", 16).in("height", 16).in("bands", 3).callImage("out");
             VipsImage srgb = Vips.op("copy").in("in", black).in("interpretation", "srgb").callImage("out")) {
            byte[] bytes = encode(srgb, format);
            return bytes.length > 0
                    ? new SaveSupport(format, true, "ok")
                    : new SaveSupport(format, false, saver + " produced no bytes");
        } catch (VipsException e) {
            return new SaveSupport(format, false, e.getMessage());
        }
    }
}
