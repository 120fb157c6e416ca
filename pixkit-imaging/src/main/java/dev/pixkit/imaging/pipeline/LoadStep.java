package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;

/**
 * First step only: opens the source with its libvips loader, shrinking while decoding where the format can and the
 * first step's geometry allows it.
 *
 * <p>Shrink-on-load: the factor comes from the region the step keeps and its resize target, so the decoded region is
 * never smaller than the target (a later crop or extract always has the pixels it needs). JPEG uses libjpeg's DCT
 * scaling ({@code shrink} 2/4/8) with the largest factor that does not go below the target, as imgproxy and sharp do
 * (libvips' own {@code thumbnail} stops a factor of two earlier: measured in bench/peers, that decodes 4× the pixels
 * for a 4000×3000 → 300 px rendition and gives 17–28 % larger, slightly sharper files); the final resize does the
 * rest. WebP decodes straight at the scale. Steps without a resize
 * ({@code cm-extract}, padding at the same size) never shrink. Other formats load at full size.
 *
 * <p>Loads with {@code access=sequential} when {@link Pipeline} has decided the whole render reads top to bottom
 * (no rotation, trim, content-aware crop or layers), as {@code vipsthumbnail} does. Animations kept animated load
 * every frame ({@code n=-1}). Non-RGB sources (CMYK, Lab…) are turned into sRGB here, so every later stage works on
 * sRGB or grey; RGB ICC profiles are handled at the end by {@link ColourProfileStep}.
 */
final class LoadStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        if (!ctx.isFirstStep() || ctx.image() != null) {
            return;
        }
        SourceImage source = ctx.source();
        String loader = source.loader();
        Operation op = Vips.op(loader).in("filename", source.path().toString());
        if (ctx.state() != null && ctx.state().sequential && source == ctx.state().mainSource) {
            op.in("access", "sequential");
        }
        if (source.animate() && Vips.hasArgument(loader, "n")) {
            op.in("n", -1);
        }
        shrinkOnLoad(ctx.geometry(), loader, op);
        VipsImage image;
        try {
            image = op.callImage("out");
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(loader, e.getMessage());
        }
        ctx.replace(image);
        ctx.replace(toProcessingSpace(ctx.image()));
    }

    /** The common shrink of the first step: how much smaller the resize target is than the region it comes from. */
    static double commonShrink(Geometry g) {
        if (g == null || !g.resizes()) {
            return 1;
        }
        return Math.min((double) g.crop().width() / g.resizeWidth(), (double) g.crop().height() / g.resizeHeight());
    }

    /** The largest DCT scaling factor that keeps the decoded image at least as large as the target. */
    static int jpegShrink(double shrink) {
        if (shrink >= 8) {
            return 8;
        } else if (shrink >= 4) {
            return 4;
        } else if (shrink >= 2) {
            return 2;
        }
        return 1;
    }

    private static void shrinkOnLoad(Geometry g, String loader, Operation op) {
        double shrink = commonShrink(g);
        if (shrink < 2) {
            return;
        }
        if (loader.startsWith("jpegload") && Vips.hasArgument(loader, "shrink")) {
            int factor = jpegShrink(shrink);
            if (factor > 1) {
                op.in("shrink", factor);
            }
        } else if (loader.startsWith("webpload") && Vips.hasArgument(loader, "scale")) {
            op.in("scale", 1.0 / shrink);
        }
    }

    /** CMYK, Lab and other non-RGB images become sRGB (their ICC profile, used for that, is then dropped). */
    private static VipsImage toProcessingSpace(VipsImage image) {
        String interpretation = image.interpretation();
        switch (interpretation) {
            case "srgb", "b-w", "rgb16", "grey16", "rgb", "multiband" -> {
                return image;
            }
            default -> {
                try (VipsImage srgb = Vips.op("colourspace").in("in", image).in("space", "srgb").callImage("out")) {
                    return srgb.hasField(ColourProfileStep.ICC) ? srgb.without(ColourProfileStep.ICC)
                            : Vips.op("copy").in("in", srgb).callImage("out");
                }
            }
        }
    }
}
