package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.url.transform.Color;

/**
 * Last stage: encodes with the format of the {@link OutputPlan} (PNG or JPEG by alpha when the plan leaves it open).
 * Quality {@code q} (default 80) for JPEG, WebP and AVIF; {@code pr-true} writes progressive JPEG / interlaced PNG;
 * {@code lo-true} writes lossless WebP / AVIF. JPEG has no alpha: transparent images are flattened on the step's
 * {@code bg} colour, white without one [decided]. Frames stacked with {@code page-height} are written as an
 * animation by GIF and WebP (delays and loop count come from the source's metadata). Metadata follows
 * {@link MetadataStep}'s decision ({@code keep} on libvips 8.15+, {@code strip} before).
 */
final class EncodeStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        RenderState state = ctx.state();
        VipsImage image = ctx.image();
        ImageFormat format = state.plan.formatFor(image.hasAlpha());
        if (!state.plan.animate() && ctx.frameCount() > 1) {
            // Not an animated output: keep the first frame only (defensive; the loader normally read one frame).
            image = ctx.scope().image(Vips.op("extract_area").in("input", image).in("left", 0).in("top", 0)
                    .in("width", image.width()).in("height", ctx.frameHeight()), "out");
            image = ctx.scope().track(image.without(Frames.PAGE_HEIGHT));
            ctx.replace(image);
        }
        if (format == ImageFormat.JPEG && image.hasAlpha()) {
            Color bg = ctx.step().decoration().background() instanceof Color c ? c : Color.WHITE;
            double[] background = image.bands() - 1 >= 3
                    ? new double[] {bg.red(), bg.green(), bg.blue()}
                    : new double[] {0.2126 * bg.red() + 0.7152 * bg.green() + 0.0722 * bg.blue()};
            image = ctx.scope().image(Vips.op("flatten").in("in", image).in("background", background), "out");
            image = ctx.scope().image(Vips.op("cast").in("in", image).in("format", "uchar"), "out");
            ctx.replace(image);
        }
        String saver = format.saver().orElseThrow();
        Operation op = Vips.op(saver).in("in", image);
        int q = state.plan.quality();
        switch (format) {
            case JPEG -> {
                // Optimised Huffman tables: ~15-20 % smaller files for a few percent of encode time, as sharp does.
                op.in("Q", q).in("optimize_coding", true);
                if (state.plan.progressive()) {
                    op.in("interlace", true);
                }
            }
            case PNG -> {
                if (state.plan.progressive()) {
                    op.in("interlace", true);
                }
            }
            case WEBP -> {
                op.in("Q", q);
                if (state.plan.lossless()) {
                    op.in("lossless", true);
                }
            }
            case AVIF -> {
                op.in("Q", q).in("compression", "av1");
                if (state.plan.lossless()) {
                    op.in("lossless", true);
                }
            }
            default -> { }
        }
        keep(op, saver, state.keep);
        state.bytes = op.callBytes("buffer");
        state.format = format;
    }

    private static void keep(Operation op, String saver, RenderState.Keep keep) {
        if (Vips.hasArgument(saver, "keep")) {
            op.in("keep", switch (keep) {
                case NONE -> "none";
                case ICC -> "icc";
                case ALL -> "exif|xmp|iptc|icc|other";
            });
        } else if (keep == RenderState.Keep.NONE) {
            op.in("strip", true);
        }
    }
}
