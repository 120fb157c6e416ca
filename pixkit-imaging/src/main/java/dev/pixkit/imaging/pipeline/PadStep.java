package dev.pixkit.imaging.pipeline;

import dev.pixkit.url.transform.Background;

/**
 * Adds {@link Geometry#padding()} ({@code cm-pad_resize}, {@code cm-pad_extract}…), painted by
 * {@link BackgroundPainter#behind} with the step's {@code bg}: a colour ({@code RRGGBBAA} alpha allowed), a blurred
 * copy of the image ({@code bg-blurred}) or its dominant colour ({@code bg-dominant}); without {@code bg}, ImageKit's
 * default black [REFERENCE.md §2.2]. Animations are padded frame by frame.
 */
final class PadStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        Geometry g = ctx.geometry();
        if (!g.pads()) {
            return;
        }
        Geometry.Padding p = g.padding();
        Background bg = ctx.step().decoration().background();
        ctx.replace(BackgroundPainter.behind(ctx.scope(), ctx.image(), p.left(), p.top(), g.outputWidth(),
                g.outputHeight(), bg, ctx.image()));
    }
}
