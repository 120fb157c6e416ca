package dev.pixkit.imaging.metadata;

import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import java.util.Random;

/** Test pictures made with libvips: smooth random "scenes" that have structure at every scale, like photographs. */
final class Pictures {

    private Pictures() {}

    /** A 3-band sRGB scene; different seeds give unrelated pictures. Caller closes. */
    static VipsImage scene(int seed, int width, int height) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage[] bands = new VipsImage[3];
            for (int b = 0; b < 3; b++) {
                // libvips' noise is correlated between nearby seeds, so spread them.
                int noiseSeed = new Random(seed * 31L + b).nextInt(1 << 30);
                VipsImage noise = scope.image(Vips.op("gaussnoise").in("width", width).in("height", height)
                        .in("mean", 128.0).in("sigma", 90.0).in("seed", noiseSeed), "out");
                bands[b] = scope.image(Vips.op("gaussblur").in("in", noise).in("sigma", width / 24.0), "out");
            }
            VipsImage joined = scope.image(Vips.op("bandjoin").in("in", bands), "out");
            VipsImage stretched = scope.image(Vips.op("linear").in("in", joined).in("a", 4.0).in("b", -384.0), "out");
            VipsImage u8 = scope.image(Vips.op("cast").in("in", stretched).in("format", "uchar"), "out");
            return Vips.op("copy").in("in", u8).in("interpretation", "srgb").callImage("out");
        }
    }

    /** {@link #scene} plus a gradient alpha band. Caller closes. */
    static VipsImage sceneWithAlpha(int seed, int width, int height) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage colour = scope.track(scene(seed, width, height));
            VipsImage xy = scope.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage x = scope.image(Vips.op("extract_band").in("in", xy).in("band", 0), "out");
            VipsImage alpha = scope.image(Vips.op("linear").in("in", x).in("a", 255.0 / width).in("b", 0.0)
                    .in("uchar", true), "out");
            VipsImage four = scope.image(Vips.op("bandjoin").in("in", colour, alpha), "out");
            return Vips.op("copy").in("in", four).in("interpretation", "srgb").callImage("out");
        }
    }

    static byte[] jpeg(VipsImage image, int quality) {
        return Vips.op("jpegsave_buffer").in("in", image).in("Q", quality).callBytes("buffer");
    }

    static byte[] save(VipsImage image, String saver) {
        return Vips.op(saver).in("in", image).callBytes("buffer");
    }

    /**
     * {@code image} encoded by {@code saver} with no metadata: {@code keep=none} on libvips 8.15+, {@code strip} on
     * older ones (Debian's 8.14), which have no {@code keep}.
     */
    static byte[] saveWithoutMetadata(VipsImage image, String saver, int quality) {
        Operation op = Vips.op(saver).in("in", image);
        if (quality > 0) {
            op.in("Q", quality);
        }
        if (Vips.hasArgument(saver, "keep")) {
            op.in("keep", "none");
        } else {
            op.in("strip", true);
        }
        return op.callBytes("buffer");
    }

    /** {@code image} recorded at {@code dpi}. Caller closes. */
    static VipsImage atDpi(VipsImage image, double dpi) {
        return Vips.op("copy").in("in", image).in("xres", dpi / 25.4).in("yres", dpi / 25.4).callImage("out");
    }

    /** {@code image} halved in size. Caller closes. */
    static VipsImage half(VipsImage image) {
        return Vips.op("resize").in("in", image).in("scale", 0.5).callImage("out");
    }
}
