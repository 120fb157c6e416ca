package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.BackgroundPainter.frame0;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.frameHeight;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.over;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.perFrame;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.srgb;

import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Resize;
import java.util.List;

/**
 * Composites the step's layers on the image, in the order written. Each layer image comes from
 * {@link StepContext#renderLayer} (its source through its own transformation) and is laid "over" the base; parts
 * outside the base are clipped, the base keeps its size, and it keeps (or lacks) its alpha band.
 *
 * <h2>Position</h2>
 * Expressions are evaluated with {@code bw/bh} = the base (the image as the layers stage begins, one frame of it
 * for animations), {@code cw/ch} = the rendered layer, {@code iw/ih} = the step's input.
 * <ul>
 *   <li>{@code lx}, {@code ly}: the layer's top-left corner in base pixels. A negative value ({@code N} prefix, even
 *       {@code N0}) counts from the opposite edge: {@code lx-N10} puts the layer's right edge 10 px from the base's
 *       right edge, {@code ly-N0} puts it flush with the bottom (as ImageKit does).</li>
 *   <li>{@code lxc}, {@code lyc}: the layer's centre; negative values count from the right/bottom edge too.</li>
 *   <li>An axis without {@code lx}/{@code lxc} ({@code ly}/{@code lyc}) is 0 when any of the four is given.</li>
 *   <li>Otherwise {@code lfo} places the layer at one of nine anchors; default {@code center}.</li>
 * </ul>
 * Animated bases get the layer on every frame; an animated layer contributes its first frame.
 */
final class LayersStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        List<Layer> layers = ctx.step().layers();
        if (layers.isEmpty()) {
            return;
        }
        VipsScope s = ctx.scope();
        for (Layer layer : layers) {
            VipsImage base = ctx.image();
            VipsImage rendered = ctx.renderLayer(layer);
            VipsImage overlay = srgb(s, frame0(s, rendered));
            int[] xy = position(layer.position(), base.width(), frameHeight(base), overlay.width(), overlay.height(),
                    ctx.bindings());
            ctx.replace(perFrame(s, base, f -> over(s, f, overlay, xy[0], xy[1])));
        }
    }

    /** Top-left of a {@code lw × lh} layer on a {@code bw × bh} base (see the class comment). */
    static int[] position(Layer.Position p, int bw, int bh, int lw, int lh, Expr.Bindings outer) {
        boolean explicit = p.x() != null || p.y() != null || p.xCenter() != null || p.yCenter() != null;
        if (!explicit) {
            return anchor(p.focus() == null ? Resize.Anchor.CENTER : p.focus(), bw, bh, lw, lh);
        }
        Expr.Bindings b = new Expr.Bindings(outer.iw(), outer.ih(), lw, lh, bw, bh);
        return new int[] {axis(p.x(), p.xCenter(), bw, lw, b), axis(p.y(), p.yCenter(), bh, lh, b)};
    }

    private static int axis(Expr corner, Expr centre, int baseSize, int layerSize, Expr.Bindings b) {
        if (corner != null) {
            double v = corner.eval(b);
            return (int) Math.round(isNegative(v) ? baseSize - layerSize + v : v);
        }
        if (centre != null) {
            double v = centre.eval(b);
            double c = isNegative(v) ? baseSize + v : v;
            return (int) Math.round(c - layerSize / 2.0);
        }
        return 0;
    }

    /** True for negative numbers including -0 (ImageKit's {@code N0}). */
    private static boolean isNegative(double v) {
        return Double.compare(v, 0.0) < 0;
    }

    static int[] anchor(Resize.Anchor anchor, int bw, int bh, int lw, int lh) {
        int left = 0;
        int centreX = Math.floorDiv(bw - lw, 2);
        int right = bw - lw;
        int top = 0;
        int centreY = Math.floorDiv(bh - lh, 2);
        int bottom = bh - lh;
        return switch (anchor) {
            case CENTER -> new int[] {centreX, centreY};
            case TOP -> new int[] {centreX, top};
            case BOTTOM -> new int[] {centreX, bottom};
            case LEFT -> new int[] {left, centreY};
            case RIGHT -> new int[] {right, centreY};
            case TOP_LEFT -> new int[] {left, top};
            case TOP_RIGHT -> new int[] {right, top};
            case BOTTOM_LEFT -> new int[] {left, bottom};
            case BOTTOM_RIGHT -> new int[] {right, bottom};
        };
    }
}
