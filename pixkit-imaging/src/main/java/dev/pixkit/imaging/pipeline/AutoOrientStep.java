package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Vips;

/**
 * First step only: turns the image upright by its EXIF orientation ({@code autorot}), so every size and coordinate
 * of the transformation refers to the image as displayed. The orientation tag is removed by {@code autorot}.
 */
final class AutoOrientStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        if (!ctx.isFirstStep() || ctx.image().orientation() == 1) {
            return;
        }
        ctx.replace(Vips.op("autorot").in("in", ctx.image()).callImage("out"));
    }
}
