package dev.pixkit.imaging;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;

/** Generates test images with libvips itself (no binary fixtures in the repo). */
final class TestImages {

    private TestImages() {}

    /** Random-noise sRGB image, 3 bands uchar. Caller closes. */
    static VipsImage rgb(int width, int height) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage noise = scope.image(Vips.op("gaussnoise").in("width", width).in("height", height)
                    .in("mean", 128.0).in("sigma", 40.0), "out");
            VipsImage ramp = scope.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage x = scope.image(Vips.op("extract_band").in("in", ramp).in("band", 0), "out");
            VipsImage three = scope.image(Vips.op("bandjoin").in("in", noise, x, noise), "out");
            return srgbUchar(scope, three);
        }
    }

    /** Like {@link #rgb} plus a varying (not fully opaque) alpha band. Caller closes. */
    static VipsImage rgba(int width, int height) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage colour = scope.track(rgb(width, height));
            VipsImage ramp = scope.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage y = scope.image(Vips.op("extract_band").in("in", ramp).in("band", 1), "out");
            // 1..255: translucent but never fully transparent (lossless WebP may rewrite invisible pixels).
            VipsImage alpha = scope.image(Vips.op("linear").in("in", y).in("a", 254.0 / Math.max(1, height - 1))
                    .in("b", 1.0).in("uchar", true), "out");
            VipsImage four = scope.image(Vips.op("bandjoin").in("in", colour, alpha), "out");
            return srgbUchar(scope, four);
        }
    }

    /** A cheap, compressible gradient image (fast to encode even when large). Caller closes. */
    static VipsImage gradient(int width, int height) {
        try (VipsScope scope = new VipsScope()) {
            VipsImage xy = scope.image(Vips.op("xyz").in("width", width).in("height", height), "out");
            VipsImage wrapped = scope.image(Vips.op("remainder_const").in("in", xy).in("c", 256), "out");
            VipsImage three = scope.image(Vips.op("bandjoin_const").in("in", wrapped).in("c", 128.0), "out");
            return srgbUchar(scope, three);
        }
    }

    static byte[] jpeg(VipsImage image) {
        return ImageEncoder.encode(image, EncodeOptions.of(ImageFormat.JPEG).withQuality(85));
    }

    static byte[] png(VipsImage image) {
        return ImageEncoder.encode(image, ImageFormat.PNG);
    }

    private static VipsImage srgbUchar(VipsScope scope, VipsImage image) {
        VipsImage u8 = scope.image(Vips.op("cast").in("in", image).in("format", "uchar"), "out");
        return Vips.op("copy").in("in", u8).in("interpretation", "srgb").callImage("out");
    }
}
