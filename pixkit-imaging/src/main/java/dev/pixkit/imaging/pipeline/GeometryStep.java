package dev.pixkit.imaging.pipeline;

import dev.pixkit.url.transform.Expr;

/**
 * Computes the step's {@link Geometry} from the size the step starts with, unless the pipeline already did so from
 * the header (first step, before loading, so that loading can shrink). Runs after trim, whose result size cannot be
 * known earlier. The geometry passes the output-side limit here, before any of the step's pixel work.
 */
final class GeometryStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        if (ctx.geometry() != null) {
            return;
        }
        int width = ctx.image().width();
        int height = ctx.frameHeight();
        Expr.Bindings old = ctx.bindings();
        Expr.Bindings bindings = new Expr.Bindings(old.iw(), old.ih(), width, height, old.bw(), old.bh());
        ctx.bindings(bindings);
        Geometry g = Geometry.compute(width, height, ctx.step().resize(), bindings, options(ctx));
        if (ctx.state() != null) {
            ctx.state().limits.checkGeometry(g);
        }
        ctx.geometry(g);
    }

    /** Geometry options of a step: limits, client hints, and custom coordinates for the first step only. */
    static Geometry.Options options(StepContext ctx) {
        RenderState state = ctx.state();
        if (state == null) {
            return Geometry.Options.DEFAULT;
        }
        RenderRequest.ClientHints hints = state.request.clientHints();
        CustomCoordinates custom = ctx.isFirstStep() && ctx.source() != null ? ctx.source().custom() : null;
        return new Geometry.Options(state.limits.limits().maxOutputSide(), custom, hints.width(), hints.dpr());
    }
}
