package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.BackgroundPainter.alphaBand;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.call;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.colourBands;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.constant;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.over;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.perFrame;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.srgb;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.withAlpha;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Expr;
import java.util.Arrays;

/**
 * {@code r} (rounded corners) then {@code b} (border).
 *
 * <ul>
 *   <li>{@code r-N} / {@code r-tl_tr_br_bl}: circular corner arcs, antialiased (coverage of each pixel); radii that do
 *       not fit are scaled down together as CSS does ({@code border-radius}), so {@code r-9999} gives a pill/circle.
 *       {@code r-max}: the ellipse inscribed in the image (a circle for a square). The cut-away corners become
 *       transparent: an alpha band is added when absent. When the output format cannot hold alpha the encoder
 *       flattens them onto the background colour.</li>
 *   <li>{@code b-W_RRGGBB[AA]}: a border W pixels wide (an expression; rounded to whole pixels) added around the
 *       image, so the canvas grows by 2W. With {@code r} the border follows the rounded shape: its outer corners use
 *       radius + W (the ellipse grows for {@code r-max}), giving a border of even width; the image's antialiased
 *       edge is laid over the border colour, so no seam shows. A translucent border colour stays translucent.
 *       Without {@code r}, an opaque image and an opaque colour, the border is a plain {@code embed}.</li>
 * </ul>
 * Animated images are processed frame by frame.
 */
final class RadiusBorderStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        Decoration d = ctx.step().decoration();
        if (d.radius() == null && d.border() == null) {
            return;
        }
        VipsScope s = ctx.scope();
        Expr.Bindings bindings = ctx.bindings();
        VipsImage out = perFrame(s, ctx.image(), f -> decorate(s, f, d.radius(), d.border(), bindings));
        ctx.replace(out);
    }

    /** Rounds {@code image} with {@code radius} (may be null) and then adds {@code border} (may be null). */
    static VipsImage decorate(VipsScope s, VipsImage image, Decoration.Radius radius, Decoration.Border border,
            Expr.Bindings bindings) {
        VipsImage img = srgb(s, image);
        int w = img.width();
        int h = img.height();
        double[] radii = radius instanceof Decoration.Radius.Corners c ? radii(c, w, h, bindings) : null;
        if (radii != null && Arrays.stream(radii).allMatch(r -> r <= 0)) {
            radius = null; // r-0: square corners, no alpha band needed
            radii = null;
        }
        VipsImage mask = null;
        if (radius != null) {
            mask = radius instanceof Decoration.Radius.Max ? ellipseMask(s, w, h) : roundedMask(s, w, h, radii);
            img = applyMask(s, img, mask);
        }
        if (border != null) {
            int width = (int) Math.round(Math.max(0, border.width().eval(bindings)));
            if (width > 0) {
                img = border(s, img, width, border.color(), radius, radii, mask);
            }
        }
        return img;
    }

    /** Rounds {@code image} (the text and canvas layers use this too). */
    static VipsImage round(VipsScope s, VipsImage image, Decoration.Radius radius, Expr.Bindings bindings) {
        return decorate(s, image, radius, null, bindings);
    }

    /**
     * The corner radii tl, tr, br, bl in pixels: evaluated, negatives as 0, then scaled by one common factor so
     * adjacent radii never add up to more than the side they share (CSS border-radius rule).
     */
    static double[] radii(Decoration.Radius.Corners c, int w, int h, Expr.Bindings bindings) {
        double[] r = {
            Math.max(0, c.topLeft().eval(bindings)), Math.max(0, c.topRight().eval(bindings)),
            Math.max(0, c.bottomRight().eval(bindings)), Math.max(0, c.bottomLeft().eval(bindings)),
        };
        double f = 1.0;
        f = Math.min(f, fit(w, r[0] + r[1]));
        f = Math.min(f, fit(w, r[3] + r[2]));
        f = Math.min(f, fit(h, r[0] + r[3]));
        f = Math.min(f, fit(h, r[1] + r[2]));
        for (int i = 0; i < 4; i++) {
            r[i] *= f;
        }
        return r;
    }

    private static double fit(int side, double sum) {
        return sum > side ? side / sum : 1.0;
    }

    /** A one-band uchar coverage mask (255 inside) of a rectangle with corner radii tl, tr, br, bl. */
    static VipsImage roundedMask(VipsScope s, int w, int h, double[] radii) {
        VipsImage mask = constant(s, w, h, 255);
        for (int corner = 0; corner < 4; corner++) {
            double r = radii[corner];
            int n = (int) Math.ceil(r);
            if (n <= 0) {
                continue;
            }
            n = Math.min(n, Math.min(w, h));
            VipsImage tile = cornerTile(s, r, n);
            int x = 0;
            int y = 0;
            switch (corner) {
                case 1 -> {
                    tile = call(s, Vips.op("flip").in("in", tile).in("direction", "horizontal"));
                    x = w - n;
                }
                case 2 -> {
                    tile = call(s, Vips.op("rot").in("in", tile).in("angle", "d180"));
                    x = w - n;
                    y = h - n;
                }
                case 3 -> {
                    tile = call(s, Vips.op("flip").in("in", tile).in("direction", "vertical"));
                    y = h - n;
                }
                default -> { }
            }
            mask = call(s, Vips.op("insert").in("main", mask).in("sub", tile).in("x", x).in("y", y));
        }
        return mask;
    }

    /** The top-left corner ({@code n × n}) of a radius-{@code r} rounded rectangle's coverage mask. */
    private static VipsImage cornerTile(VipsScope s, double r, int n) {
        VipsImage xy = call(s, Vips.op("xyz").in("width", n).in("height", n));
        // Distance of each pixel centre outside the arc centre (r, r) along each axis, 0 on the straight parts.
        VipsImage d = call(s, Vips.op("linear").in("in", xy).in("a", -1.0, -1.0).in("b", r - 0.5, r - 0.5));
        VipsImage positive = call(s, Vips.op("linear").in("in",
                call(s, Vips.op("add").in("left", call(s, Vips.op("abs").in("in", d))).in("right", d)))
                .in("a", 0.5).in("b", 0.0));
        VipsImage dist = length(s, positive);
        return call(s, Vips.op("linear").in("in", dist).in("a", -255.0).in("b", 255.0 * (r + 0.5))
                .in("uchar", true));
    }

    /** A one-band uchar coverage mask of the ellipse inscribed in {@code w × h}. */
    static VipsImage ellipseMask(VipsScope s, int w, int h) {
        double a = w / 2.0;
        double b = h / 2.0;
        VipsImage xy = call(s, Vips.op("xyz").in("width", w).in("height", h));
        VipsImage uv = call(s, Vips.op("linear").in("in", xy).in("a", 1 / a, 1 / b)
                .in("b", (0.5 - a) / a, (0.5 - b) / b));
        VipsImage d = length(s, uv);
        double m = Math.min(a, b);
        return call(s, Vips.op("linear").in("in", d).in("a", -255.0 * m).in("b", 255.0 * (m + 0.5))
                .in("uchar", true));
    }

    /** sqrt(band0² + band1²) of a two-band image. */
    private static VipsImage length(VipsScope s, VipsImage twoBands) {
        VipsImage sq = call(s, Vips.op("multiply").in("left", twoBands).in("right", twoBands));
        VipsImage x = call(s, Vips.op("extract_band").in("in", sq).in("band", 0));
        VipsImage y = call(s, Vips.op("extract_band").in("in", sq).in("band", 1));
        VipsImage sum = call(s, Vips.op("add").in("left", x).in("right", y));
        return call(s, Vips.op("math2_const").in("in", sum).in("math2", "pow").in("c", 0.5));
    }

    /** {@code image} (sRGB) with its alpha multiplied by {@code mask} (an alpha band is added when absent). */
    static VipsImage applyMask(VipsScope s, VipsImage image, VipsImage mask) {
        if (!image.hasAlpha()) {
            VipsImage out = call(s, Vips.op("bandjoin").in("in", image, mask));
            return call(s, Vips.op("copy").in("in", out).in("interpretation", "srgb"));
        }
        VipsImage alpha = alphaBand(s, image);
        VipsImage product = call(s, Vips.op("multiply").in("left", alpha).in("right", mask));
        VipsImage scaled = call(s, Vips.op("linear").in("in", product).in("a", 1 / 255.0).in("b", 0.0)
                .in("uchar", true));
        VipsImage out = call(s, Vips.op("bandjoin").in("in", colourBands(s, image), scaled));
        return call(s, Vips.op("copy").in("in", out).in("interpretation", "srgb"));
    }

    /**
     * {@code image} (sRGB, already rounded with {@code shape} when {@code radius} is set) inside a border {@code width}
     * pixels wide of {@code color}.
     */
    static VipsImage border(VipsScope s, VipsImage image, int width, Color color, Decoration.Radius radius,
            double[] radii, VipsImage shape) {
        int w = image.width();
        int h = image.height();
        int bw = w + 2 * width;
        int bh = h + 2 * width;
        if (radius == null && !image.hasAlpha() && color.isOpaque()) {
            return call(s, Vips.op("embed").in("in", image).in("x", width).in("y", width).in("width", bw)
                    .in("height", bh).in("extend", "background").in("background", BackgroundPainter.rgb(color)));
        }
        VipsImage outer;
        if (radius == null) {
            outer = constant(s, bw, bh, 255);
        } else if (radius instanceof Decoration.Radius.Max) {
            outer = ellipseMask(s, bw, bh);
        } else {
            double[] grown = new double[4];
            for (int i = 0; i < 4; i++) {
                grown[i] = radii[i] > 0 ? radii[i] + width : 0;
            }
            outer = roundedMask(s, bw, bh, grown);
        }
        // The border lies under everything outside the image's fully covered core, so antialiased edges blend
        // onto the border colour while the image's own transparency inside stays transparent.
        VipsImage inner = shape == null ? constant(s, w, h, 255) : shape;
        VipsImage core = call(s, Vips.op("relational_const").in("in", inner).in("relational", "equal").in("c", 255.0));
        VipsImage hole = call(s, Vips.op("embed").in("in", core).in("x", width).in("y", width).in("width", bw)
                .in("height", bh));
        VipsImage ring = call(s, Vips.op("ifthenelse").in("cond", hole).in("in1", constant(s, bw, bh, 0))
                .in("in2", outer));
        if (!color.isOpaque()) {
            ring = call(s, Vips.op("linear").in("in", ring).in("a", color.alpha() / 255.0).in("b", 0.0)
                    .in("uchar", true));
        }
        VipsImage paint = BackgroundPainter.solid(s, bw, bh, color, false);
        VipsImage layer = call(s, Vips.op("bandjoin").in("in", paint, ring));
        layer = call(s, Vips.op("copy").in("in", layer).in("interpretation", "srgb"));
        return over(s, layer, withAlpha(s, image), width, width);
    }
}
