package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Effects;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.util.List;
import java.util.Map;

/**
 * Builds what the rendering stages need without the pipeline: synthetic images made by libvips, ASTs, a
 * {@link StepContext}, and a {@link StepContext.LayerRenderer} that renders layers with the stages under test.
 */
final class StageFixtures {

    /** The stages owned by the rendering work, in pipeline order (resize/pad belong to the core and are skipped). */
    static final List<PipelineStep> STAGES = List.of(
            new RotateFlipStep(), new EffectsStep(), new RadiusBorderStep(), new LayersStep());

    private StageFixtures() {}

    // --- contexts -----------------------------------------------------------------------------------------------

    static StepContext context(VipsScope s, VipsImage image, Step step) {
        return context(s, image, step, (layer, w, h, b) -> {
            throw new AssertionError("no layers expected");
        });
    }

    static StepContext context(VipsScope s, VipsImage image, Step step, StepContext.LayerRenderer layers) {
        int w = image.width();
        int h = BackgroundPainter.frameHeight(image);
        return new StepContext(s, image, step, geometry(w, h), Expr.Bindings.of(w, h, w, h), layers);
    }

    /** The geometry of a step that does not resize (the rendering stages do not read it). */
    static Geometry geometry(int w, int h) {
        return Geometry.identity(w, h);
    }

    /** Applies {@code stage} to {@code image} with {@code step} and returns the result (tracked by {@code s}). */
    static VipsImage run(VipsScope s, PipelineStep stage, VipsImage image, Step step) {
        StepContext ctx = context(s, image, step);
        stage.apply(ctx);
        return ctx.image();
    }

    /**
     * A layer renderer for tests: text and canvas sources through {@link TextRenderer}/{@link CanvasRenderer}, image
     * sources from {@code library}; then the rest of the layer's transformation through {@link #STAGES}, recursively
     * for nested layers.
     */
    static StepContext.LayerRenderer renderer(VipsScope s, Map<String, VipsImage> library) {
        return new StepContext.LayerRenderer() {
            @Override
            public VipsImage render(Layer layer, int baseWidth, int baseHeight, Expr.Bindings outer) {
                VipsImage source;
                Transformation rest;
                switch (layer.source()) {
                    case Layer.Source.Text _ -> {
                        source = s.track(TextRenderer.render(layer, baseWidth, baseHeight, outer));
                        rest = TextRenderer.remaining(layer);
                    }
                    case Layer.Source.Canvas _ -> {
                        source = s.track(CanvasRenderer.render(layer, baseWidth, baseHeight, outer));
                        rest = CanvasRenderer.remaining(layer);
                    }
                    case Layer.Source.Image(String path) -> {
                        source = library.get(path);
                        if (source == null) {
                            throw new AssertionError("no test image " + path);
                        }
                        rest = layer.transformation();
                    }
                }
                VipsImage image = source;
                for (Step step : rest.steps()) {
                    Expr.Bindings b = new Expr.Bindings(source.width(), source.height(), image.width(),
                            image.height(), baseWidth, baseHeight);
                    StepContext ctx = new StepContext(s, image, step, geometry(image.width(), image.height()), b,
                            this);
                    for (PipelineStep stage : STAGES) {
                        stage.apply(ctx);
                    }
                    image = ctx.image();
                }
                return BackgroundPainter.own(image);
            }
        };
    }

    // --- ASTs ---------------------------------------------------------------------------------------------------

    static Expr num(double v) {
        return new Expr.Num(v);
    }

    static Expr var(Expr.Variable v) {
        return new Expr.Var(v);
    }

    static Step decoration(Decoration d) {
        return Step.NONE.withDecoration(d);
    }

    static Step effects(Effects e) {
        return Step.NONE.withEffects(e);
    }

    static Effects fx() {
        return Effects.NONE;
    }

    // --- synthetic images (tracked by s) ------------------------------------------------------------------------

    /**
     * R = x ramp, G = y ramp, B = 128, posterised to 16 levels per channel: orientation is visible at a glance and
     * the PNG goldens made from it stay small.
     */
    static VipsImage gradient(VipsScope s, int w, int h) {
        VipsImage xy = s.image(Vips.op("xyz").in("width", w).in("height", h), "out");
        VipsImage scaled = s.image(Vips.op("linear").in("in", xy)
                .in("a", 255.0 / Math.max(1, w - 1), 255.0 / Math.max(1, h - 1)).in("b", 0.0, 0.0)
                .in("uchar", true), "out");
        VipsImage steps = s.image(Vips.op("boolean_const").in("in", scaled).in("boolean", "and").in("c", 240.0), "out");
        VipsImage three = s.image(Vips.op("bandjoin_const").in("in", steps).in("c", 128.0), "out");
        return srgb(s, three);
    }

    static VipsImage solid(VipsScope s, int w, int h, Color c) {
        return BackgroundPainter.solid(s, w, h, c, !c.isOpaque());
    }

    static VipsImage solidRgba(VipsScope s, int w, int h, Color c) {
        return BackgroundPainter.solid(s, w, h, c, true);
    }

    /** A {@code w × h} transparent image with an opaque {@code c} disc of diameter {@code d} in the middle. */
    static VipsImage disc(VipsScope s, int w, int h, int d, Color c) {
        VipsImage mask = RadiusBorderStep.ellipseMask(s, d, d);
        VipsImage placed = s.image(Vips.op("embed").in("in", mask).in("x", (w - d) / 2).in("y", (h - d) / 2)
                .in("width", w).in("height", h), "out");
        VipsImage colour = BackgroundPainter.solid(s, w, h, c, false);
        VipsImage out = s.image(Vips.op("bandjoin").in("in", colour, placed), "out");
        return s.image(Vips.op("copy").in("in", out).in("interpretation", "srgb"), "out");
    }

    /** Left half {@code a}, right half {@code b}. */
    static VipsImage halves(VipsScope s, int w, int h, Color a, Color b) {
        VipsImage left = BackgroundPainter.solid(s, w / 2, h, a, false);
        VipsImage right = BackgroundPainter.solid(s, w - w / 2, h, b, false);
        return s.image(Vips.op("join").in("in1", left).in("in2", right).in("direction", "horizontal"), "out");
    }

    /** An animation: {@code colors.length} frames of {@code w × h}, frame i filled with colors[i]. */
    static VipsImage animation(VipsScope s, int w, int h, Color... colors) {
        VipsImage[] frames = new VipsImage[colors.length];
        for (int i = 0; i < colors.length; i++) {
            // A marker in the top-left quarter shows orientation within each frame.
            VipsImage frame = BackgroundPainter.solid(s, w, h, colors[i], false);
            VipsImage mark = BackgroundPainter.solid(s, Math.max(1, w / 4), Math.max(1, h / 4), Color.WHITE, false);
            frames[i] = s.image(Vips.op("insert").in("main", frame).in("sub", mark).in("x", 0).in("y", 0), "out");
        }
        VipsImage joined = s.image(Vips.op("arrayjoin").in("in", frames).in("across", 1), "out");
        VipsImage paged = s.track(joined.withInt("page-height", h));
        return s.track(paged.withInt("n-pages", colors.length));
    }

    static VipsImage srgb(VipsScope s, VipsImage image) {
        VipsImage u8 = s.image(Vips.op("cast").in("in", image).in("format", "uchar"), "out");
        return s.image(Vips.op("copy").in("in", u8).in("interpretation", "srgb"), "out");
    }

    // --- reading pixels -----------------------------------------------------------------------------------------

    static double[] px(VipsImage image, int x, int y) {
        return BackgroundPainter.point(image, x, y);
    }

    /** Alpha at (x, y) (255 for an image without alpha). */
    static double alpha(VipsImage image, int x, int y) {
        double[] p = px(image, x, y);
        return image.hasAlpha() ? p[p.length - 1] : 255;
    }

    static boolean near(double[] pixel, Color c, double tolerance) {
        return Math.abs(pixel[0] - c.red()) <= tolerance && Math.abs(pixel[1] - c.green()) <= tolerance
                && Math.abs(pixel[2] - c.blue()) <= tolerance;
    }

    static double avg(VipsImage image) {
        return BackgroundPainter.avg(image);
    }

    static double[] minMax(VipsImage image) {
        try (Result min = Vips.op("min").in("in", image).call();
             Result max = Vips.op("max").in("in", image).call()) {
            return new double[] {min.getDouble("out"), max.getDouble("out")};
        }
    }

    /**
     * Bounding box {minX, minY, maxX, maxY} of the pixels whose last band (alpha, or the only band of a mask) exceeds
     * {@code threshold}; null when there are none. Uses row/column projections, so it costs w + h reads.
     */
    static int[] bounds(VipsImage image, double threshold) {
        try (VipsScope s = new VipsScope()) {
            VipsImage band = s.image(Vips.op("extract_band").in("in", image).in("band", image.bands() - 1), "out");
            VipsImage mask = s.image(Vips.op("relational_const").in("in", band).in("relational", "more")
                    .in("c", threshold), "out");
            try (Result p = Vips.op("project").in("in", mask).call()) {
                VipsImage columns = s.track(p.image("columns"));
                VipsImage rows = s.track(p.image("rows"));
                int minX = -1;
                int maxX = -1;
                for (int x = 0; x < columns.width(); x++) {
                    if (px(columns, x, 0)[0] > 0) {
                        minX = minX < 0 ? x : minX;
                        maxX = x;
                    }
                }
                if (minX < 0) {
                    return null;
                }
                int minY = -1;
                int maxY = -1;
                for (int y = 0; y < rows.height(); y++) {
                    if (px(rows, 0, y)[0] > 0) {
                        minY = minY < 0 ? y : minY;
                        maxY = y;
                    }
                }
                return new int[] {minX, minY, maxX, maxY};
            }
        }
    }

    static double deviation(VipsImage image) {
        try (Result r = Vips.op("deviate").in("in", image).call()) {
            return r.getDouble("out");
        }
    }
}
