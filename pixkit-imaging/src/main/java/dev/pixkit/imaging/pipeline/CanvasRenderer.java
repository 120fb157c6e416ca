package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.util.ArrayList;
import java.util.List;

/**
 * The source of {@code l-image,i-ik_canvas,…}: a solid block sized by the layer's first step's {@code w} and
 * {@code h} (expressions; 0 &lt; v &lt; 1 is a fraction of the base; missing: the base's size) and painted with its
 * {@code bg} colour. Without {@code bg} the block is transparent, so {@code l-image,i-ik_canvas,e-gradient,l-end}
 * shows just the gradient. {@code bg-blurred}/{@code bg-dominant} have nothing to derive from here and paint
 * transparent too.
 *
 * <p>For the pipeline's layer renderer: render the source with {@link #render}, then run {@link #remaining} (the
 * layer's transformation without the size and background this class consumed) over it — e.g. {@code r}, {@code rt},
 * {@code e-gradient} and nested layers still apply.
 */
final class CanvasRenderer {

    /** The canvas colour when the layer has no {@code bg}. */
    static final Color DEFAULT_COLOR = new Color(0, 0, 0, 0);

    private CanvasRenderer() {}

    /** The canvas image (8-bit sRGB with alpha); the caller owns it. Same arguments as the layer renderer. */
    static VipsImage render(Layer layer, int baseWidth, int baseHeight, Expr.Bindings outer) {
        if (!(layer.source() instanceof Layer.Source.Canvas)) {
            throw new IllegalArgumentException("not a canvas layer: " + layer.source());
        }
        Step first = layer.transformation().steps().getFirst();
        Expr.Bindings b = new Expr.Bindings(outer.iw(), outer.ih(), baseWidth, baseHeight, baseWidth, baseHeight);
        int width = size(first.resize().width(), baseWidth, b);
        int height = size(first.resize().height(), baseHeight, b);
        Color color = first.decoration().background() instanceof Color c ? c : DEFAULT_COLOR;
        try (VipsScope s = new VipsScope()) {
            return BackgroundPainter.own(BackgroundPainter.solid(s, width, height, color, true));
        }
    }

    /** {@code w}/{@code h} of a canvas or text box: pixels, an expression, or a fraction of the base. */
    static int size(Resize.Dimension dimension, int base, Expr.Bindings b) {
        if (!(dimension instanceof Resize.Dimension.Of(Expr e))) {
            return Math.max(1, base);
        }
        double v = e.eval(b);
        if (v > 0 && v < 1) {
            v *= base;
        }
        return (int) Math.max(1, Math.round(v));
    }

    /** The layer's transformation without what {@link #render} consumed: the first step's size and background. */
    static Transformation remaining(Layer layer) {
        List<Step> steps = new ArrayList<>(layer.transformation().steps());
        Step first = steps.getFirst();
        Decoration d = first.decoration();
        steps.set(0, first.withResize(Resize.NONE)
                .withDecoration(new Decoration(d.rotation(), d.flip(), d.radius(), d.border(), null)));
        return new Transformation(steps);
    }
}
