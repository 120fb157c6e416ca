package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test inputs made with libvips at run time (no binary fixtures). */
final class Fixtures {

    private Fixtures() {}

    /** A smooth colour gradient plus a little noise, sRGB uchar; caller closes. */
    static VipsImage rgb(int width, int height) {
        try (VipsScope s = new VipsScope()) {
            VipsImage xy = s.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage x = s.image(Vips.op("extract_band").in("in", xy).in("band", 0), "out");
            VipsImage y = s.image(Vips.op("extract_band").in("in", xy).in("band", 1), "out");
            VipsImage r = s.image(Vips.op("linear").in("in", x).in("a", 255.0 / Math.max(1, width - 1)).in("b", 0.0), "out");
            VipsImage g = s.image(Vips.op("linear").in("in", y).in("a", 255.0 / Math.max(1, height - 1)).in("b", 0.0), "out");
            VipsImage noise = s.image(Vips.op("gaussnoise").in("width", width).in("height", height)
                    .in("mean", 128.0).in("sigma", 30.0), "out");
            VipsImage three = s.image(Vips.op("bandjoin").in("in", r, g, noise), "out");
            return srgb(s, three);
        }
    }

    /** {@link #rgb} with a varying, never fully transparent alpha; caller closes. */
    static VipsImage rgba(int width, int height) {
        try (VipsScope s = new VipsScope()) {
            VipsImage colour = s.track(rgb(width, height));
            VipsImage xy = s.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage x = s.image(Vips.op("extract_band").in("in", xy).in("band", 0), "out");
            VipsImage a = s.image(Vips.op("linear").in("in", x).in("a", 200.0 / Math.max(1, width - 1))
                    .in("b", 40.0), "out");
            VipsImage four = s.image(Vips.op("bandjoin").in("in", colour, a), "out");
            return srgb(s, four);
        }
    }

    /** A flat colour; caller closes. */
    static VipsImage solid(int width, int height, int r, int g, int b) {
        try (VipsScope s = new VipsScope()) {
            VipsImage black = s.image(Vips.op("black").in("width", width).in("height", height).in("bands", 3), "out");
            VipsImage c = s.image(Vips.op("linear").in("in", black).in("a", 1.0, 1.0, 1.0)
                    .in("b", (double) r, g, b), "out");
            return srgb(s, c);
        }
    }

    /** {@code frames} frames of {@code width × height}, each a different flat colour, stacked; caller closes. */
    static VipsImage animation(int width, int height, int frames) {
        try (VipsScope s = new VipsScope()) {
            VipsImage[] list = new VipsImage[frames];
            for (int i = 0; i < frames; i++) {
                list[i] = s.track(solid(width, height, (i * 80) % 256, 255 - (i * 60) % 256, (i * 120) % 256));
            }
            VipsImage strip = s.image(Vips.op("arrayjoin").in("in", list).in("across", 1), "out");
            VipsImage tagged = s.track(strip.withInt("page-height", height));
            return tagged.withInt("loop", 0);
        }
    }

    private static VipsImage srgb(VipsScope s, VipsImage image) {
        VipsImage u8 = s.image(Vips.op("cast").in("in", image).in("format", "uchar"), "out");
        return Vips.op("copy").in("in", u8).in("interpretation", "srgb").callImage("out");
    }

    /** Encodes with a libvips saver ({@code jpeg}, {@code png}, {@code webp}, {@code avif}, {@code gif}). */
    static byte[] encode(VipsImage image, String format) {
        Operation op = switch (format) {
            case "jpeg", "jpg" -> Vips.op("jpegsave_buffer").in("in", image).in("Q", 90);
            case "png" -> Vips.op("pngsave_buffer").in("in", image);
            case "webp" -> Vips.op("webpsave_buffer").in("in", image).in("Q", 90);
            case "avif" -> Vips.op("heifsave_buffer").in("in", image).in("compression", "av1").in("Q", 60)
                    .in("effort", 0);
            case "gif" -> Vips.op("gifsave_buffer").in("in", image);
            default -> throw new IllegalArgumentException(format);
        };
        return op.callBytes("buffer");
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes {@code image} as {@code format} into {@code dir/name}. */
    static Path save(Path dir, String name, VipsImage image, String format) {
        return write(dir, name, encode(image, format));
    }
}
