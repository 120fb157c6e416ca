package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.url.transform.Effects;
import java.util.Arrays;

/**
 * {@code t-true} / {@code t-N}: trims a uniform border. The border colour is the top-left pixel; {@code N} (1–99) is
 * libvips {@code find_trim}'s threshold (how different a pixel may be and still count as background), default 10.
 * For animations the first frame decides and every frame is cut alike. An image that is all background is left as
 * it is. Trimming needs pixels, so a step with {@code t} computes its geometry afterwards, from the trimmed size.
 * {@code t-false} turns trimming off; an image layer's first step trims by default [REFERENCE.md §2.3: "overlay
 * trim defaults to true"].
 */
final class TrimStep implements PipelineStep {

    static final int DEFAULT_THRESHOLD = 10;

    /** The threshold this step trims with, or 0 for no trimming. */
    static int threshold(StepContext ctx) {
        Effects.Trim trim = ctx.step().effects().trim();
        if (trim == null) {
            boolean imageLayer = ctx.isFirstStep() && ctx.source() != null && ctx.state() != null
                    && ctx.source() != ctx.state().mainSource;
            return imageLayer ? DEFAULT_THRESHOLD : 0;
        }
        if (trim.isOff()) {
            return 0;
        }
        return trim.threshold() == null ? DEFAULT_THRESHOLD : trim.threshold();
    }

    @Override
    public void apply(StepContext ctx) {
        int threshold = threshold(ctx);
        if (threshold <= 0) {
            return;
        }
        VipsImage image = ctx.image();
        int frameHeight = ctx.frameHeight();
        VipsImage first = ctx.frameCount() > 1
                ? ctx.scope().image(Vips.op("extract_area").in("input", image).in("left", 0).in("top", 0)
                        .in("width", image.width()).in("height", frameHeight), "out")
                : image;
        double[] corner;
        try (Result r = Vips.op("getpoint").in("in", first).in("x", 0).in("y", 0).call()) {
            corner = r.doubles("out_array");
        }
        if (first.hasAlpha() && corner.length > 1) {
            corner = Arrays.copyOf(corner, corner.length - 1);
        }
        int left;
        int top;
        int width;
        int height;
        try (Result r = Vips.op("find_trim").in("in", first).in("threshold", (double) threshold)
                .in("background", corner).call()) {
            left = r.getInt("left");
            top = r.getInt("top");
            width = r.getInt("width");
            height = r.getInt("height");
        }
        if (width <= 0 || height <= 0 || (width == image.width() && height == frameHeight)) {
            return;
        }
        ctx.mapFrames(frame -> Vips.op("extract_area").in("input", frame).in("left", left).in("top", top)
                .in("width", width).in("height", height).callImage("out"));
        ctx.geometry(null);
    }
}
