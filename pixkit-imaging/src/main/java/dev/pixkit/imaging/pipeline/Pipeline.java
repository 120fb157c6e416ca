package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Effects;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.util.List;

/**
 * Runs chains: for every {@code :} step, the stages in the fixed order of {@link PipelineStep}, each step starting
 * from the previous step's result; after the last step of the main chain, the final stages (colour profile →
 * metadata → encode). Layers' own chains run through the same stages, without the final ones.
 */
final class Pipeline {

    /** Per chain step, in order. */
    static final List<PipelineStep> STEP_STAGES = List.of(
            new LoadStep(),
            new AutoOrientStep(),
            new TrimStep(),
            new GeometryStep(),
            new CropStep(),
            new ResizeStep(),
            new RotateFlipStep(),
            new EffectsStep(),
            new PadStep(),
            new RadiusBorderStep(),
            new LayersStep());

    /** After the last step of the main chain, in order. */
    static final List<PipelineStep> FINAL_STAGES = List.of(
            new ColourProfileStep(),
            new MetadataStep(),
            new EncodeStep());

    private Pipeline() {}

    /**
     * Runs {@code t} on {@code source} (loaded by the first step) and returns the last step's context, whose image is
     * the result (tracked by {@code scope}).
     *
     * @param baseWidth  {@code bw} for expressions (the input size at top level, the base image under a layer)
     * @param depth      0 for the main chain, n for a layer nested n deep
     */
    static StepContext run(VipsScope scope, RenderState state, SourceImage source, Transformation t, int baseWidth,
            int baseHeight, int depth) {
        return chain(scope, state, source, null, t, baseWidth, baseHeight, depth);
    }

    /** Runs {@code t} on an image that already exists (text and canvas layers). */
    static StepContext runOn(VipsScope scope, RenderState state, VipsImage image, Transformation t, int baseWidth,
            int baseHeight, int depth) {
        return chain(scope, state, null, image, t, baseWidth, baseHeight, depth);
    }

    private static StepContext chain(VipsScope scope, RenderState state, SourceImage source, VipsImage start,
            Transformation t, int baseWidth, int baseHeight, int depth) {
        int iw = start == null ? source.displayWidth() : start.width();
        int ih = start == null ? source.displayHeight() : Frames.height(start);
        StepContext.LayerRenderer layers = new PipelineLayers(scope, state, depth);
        List<Step> steps = t.steps();
        VipsImage image = start;
        StepContext ctx = null;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int cw = image == null ? iw : image.width();
            int ch = image == null ? ih : Frames.height(image);
            Expr.Bindings bindings = new Expr.Bindings(iw, ih, cw, ch, baseWidth, baseHeight);
            ctx = new StepContext(scope, image, step, null, bindings, layers, state, source, i, steps.size());
            if (image == null && TrimStep.threshold(ctx) == 0) {
                // Known before decoding: lets the loader shrink, and the output limit apply before any pixel work.
                Geometry g = Geometry.compute(iw, ih, step.resize(), bindings, GeometryStep.options(ctx));
                state.limits.checkGeometry(g);
                ctx.geometry(g);
                if (depth == 0) {
                    state.sequential = sequential(t, source, g);
                }
            }
            for (PipelineStep stage : STEP_STAGES) {
                stage.apply(ctx);
            }
            image = ctx.image();
        }
        return ctx;
    }

    /** Runs the final stages on the main chain's last context. */
    static void finish(StepContext last) {
        for (PipelineStep stage : FINAL_STAGES) {
            stage.apply(last);
        }
    }

    /**
     * True if every stage of this render reads the source strictly top to bottom, so the loader may stream it
     * ({@code access=sequential}, as {@code vipsthumbnail} does): one step, no EXIF rotation, no trim or other effect,
     * no content-aware crop, no rotation/flip/radius/border, no painted background, no layers, not animated.
     */
    static boolean sequential(Transformation t, SourceImage source, Geometry first) {
        if (t.steps().size() != 1 || source.header().orientation() != 1 || source.animate()) {
            return false;
        }
        Step step = t.steps().getFirst();
        Decoration d = step.decoration();
        return step.effects().equals(Effects.NONE)
                && d.rotation() == null && d.flip() == null && d.radius() == null && d.border() == null
                && (d.background() == null || d.background() instanceof Color)
                && step.layers().isEmpty()
                && !first.crop().placement().isContentAware();
    }
}
