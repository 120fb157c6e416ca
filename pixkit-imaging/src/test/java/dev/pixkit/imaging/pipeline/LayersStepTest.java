package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.animation;
import static dev.pixkit.imaging.pipeline.StageFixtures.context;
import static dev.pixkit.imaging.pipeline.StageFixtures.gradient;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.num;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static dev.pixkit.imaging.pipeline.StageFixtures.renderer;
import static dev.pixkit.imaging.pipeline.StageFixtures.solid;
import static dev.pixkit.imaging.pipeline.StageFixtures.var;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Effects;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Layer.Position;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Resize.Anchor;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayersStepTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color GREEN = new Color(0, 255, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);
    private static final Color WHITE = Color.WHITE;

    private static Layer image(String path, Position position) {
        return new Layer(new Layer.Source.Image(path), position, null, Transformation.of(Step.NONE));
    }

    private static Layer image(String path, Position position, Transformation t) {
        return new Layer(new Layer.Source.Image(path), position, null, t);
    }

    private static Position at(double x, double y) {
        return new Position(num(x), num(y), null, null, null);
    }

    private static Position focus(Anchor a) {
        return new Position(null, null, a, null, null);
    }

    private static Layer canvas(int w, int h, Color bg, Position position) {
        Step step = Step.NONE.withResize(size(w, h))
                .withDecoration(new Decoration(null, null, null, null, bg));
        return new Layer(new Layer.Source.Canvas(), position, null, Transformation.of(step));
    }

    private static Resize size(double w, double h) {
        return new Resize(Resize.Dimension.of(w), Resize.Dimension.of(h), null, null, null, null, null, null, null,
                null, null, null);
    }

    /** Composites {@code layers} on {@code base} with the test renderer and {@code library} images. */
    private static VipsImage composite(VipsScope s, VipsImage base, Map<String, VipsImage> library, Layer... layers) {
        StepContext ctx = context(s, base, Step.NONE.withLayers(List.of(layers)), renderer(s, library));
        new LayersStep().apply(ctx);
        return ctx.image();
    }

    @Test
    void noLayersNoChange() {
        try (VipsScope s = new VipsScope()) {
            VipsImage base = solid(s, 10, 10, WHITE);
            assertThat(composite(s, base, Map.of())).isSameAs(base);
        }
    }

    @Test
    void lxLyPlaceTheLayersTopLeftCorner() {
        try (VipsScope s = new VipsScope()) {
            VipsImage base = solid(s, 100, 100, WHITE);
            VipsImage out = composite(s, base, Map.of("red.png", solid(s, 20, 20, RED)),
                    image("red.png", at(10, 20)));
            assertThat(out.width()).isEqualTo(100);
            assertThat(out.bands()).isEqualTo(3);
            assertThat(near(px(out, 15, 25), RED, 0)).isTrue();
            assertThat(near(px(out, 10, 20), RED, 0)).isTrue();
            assertThat(near(px(out, 29, 39), RED, 0)).isTrue();
            assertThat(near(px(out, 5, 5), WHITE, 0)).isTrue();
            assertThat(near(px(out, 30, 40), WHITE, 0)).isTrue();
            assertThat(near(px(out, 9, 25), WHITE, 0)).isTrue();
        }
    }

    @Test
    void withoutPositionTheLayerIsCentred() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = composite(s, solid(s, 100, 60, WHITE), Map.of("red.png", solid(s, 20, 20, RED)),
                    image("red.png", Position.NONE));
            assertThat(near(px(out, 40, 20), RED, 0)).isTrue();
            assertThat(near(px(out, 59, 39), RED, 0)).isTrue();
            assertThat(near(px(out, 39, 20), WHITE, 0)).isTrue();
            assertThat(near(px(out, 60, 39), WHITE, 0)).isTrue();
        }
    }

    @Test
    void negativeOffsetsCountFromTheRightAndBottomEdges() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 20, 20, RED));
            // lx-N10,ly-N0: right edge 10 px from the base's right edge, flush with the bottom.
            VipsImage out = composite(s, solid(s, 100, 100, WHITE), lib, image("red.png", at(-10, -0.0)));
            assertThat(near(px(out, 70, 80), RED, 0)).isTrue();
            assertThat(near(px(out, 89, 99), RED, 0)).isTrue();
            assertThat(near(px(out, 90, 90), WHITE, 0)).isTrue();
            assertThat(near(px(out, 69, 90), WHITE, 0)).isTrue();
            assertThat(near(px(out, 80, 79), WHITE, 0)).isTrue();
        }
    }

    @Test
    void lfoAnchorsAndLfoIsIgnoredWhenLxIsGiven() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 20, 10, RED));
            VipsImage base = solid(s, 100, 50, WHITE);
            VipsImage br = composite(s, base, lib, image("red.png", focus(Anchor.BOTTOM_RIGHT)));
            assertThat(near(px(br, 99, 49), RED, 0)).isTrue();
            assertThat(near(px(br, 80, 40), RED, 0)).isTrue();
            assertThat(near(px(br, 79, 40), WHITE, 0)).isTrue();
            assertThat(near(px(br, 80, 39), WHITE, 0)).isTrue();
            VipsImage top = composite(s, base, lib, image("red.png", focus(Anchor.TOP)));
            assertThat(near(px(top, 50, 0), RED, 0)).isTrue();
            assertThat(near(px(top, 50, 10), WHITE, 0)).isTrue();
            VipsImage left = composite(s, base, lib, image("red.png", focus(Anchor.LEFT)));
            assertThat(near(px(left, 0, 25), RED, 0)).isTrue();
            assertThat(near(px(left, 25, 25), WHITE, 0)).isTrue();
            // lx given: lfo ignored; ly missing → 0.
            VipsImage mixed = composite(s, base, lib,
                    image("red.png", new Position(num(30), null, Anchor.BOTTOM_RIGHT, null, null)));
            assertThat(near(px(mixed, 30, 0), RED, 0)).isTrue();
            assertThat(near(px(mixed, 99, 49), WHITE, 0)).isTrue();
        }
    }

    @Test
    void lxcLycPlaceTheCentre() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 20, 10, RED));
            VipsImage out = composite(s, solid(s, 100, 50, WHITE), lib,
                    image("red.png", new Position(null, null, null, num(20), num(10))));
            assertThat(near(px(out, 10, 5), RED, 0)).isTrue();
            assertThat(near(px(out, 29, 14), RED, 0)).isTrue();
            assertThat(near(px(out, 9, 5), WHITE, 0)).isTrue();
        }
    }

    @Test
    void positionExpressionsSeeTheBaseAndTheLayerSizes() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 20, 10, RED));
            // lx-bw_sub_cw: flush right; ly-bh_mul_0.5: halfway down.
            Expr x = new Expr.Binary(Expr.Op.SUB, var(Expr.Variable.BW), var(Expr.Variable.CW));
            Expr y = new Expr.Binary(Expr.Op.MUL, var(Expr.Variable.BH), num(0.5));
            VipsImage out = composite(s, solid(s, 100, 50, WHITE), lib,
                    image("red.png", new Position(x, y, null, null, null)));
            assertThat(near(px(out, 99, 25), RED, 0)).isTrue();
            assertThat(near(px(out, 80, 34), RED, 0)).isTrue();
            assertThat(near(px(out, 79, 25), WHITE, 0)).isTrue();
            assertThat(near(px(out, 90, 24), WHITE, 0)).isTrue();
        }
    }

    @Test
    void layersPastTheEdgesAreClippedAndTheBaseKeepsItsSize() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 40, 40, RED));
            VipsImage out = composite(s, solid(s, 50, 50, WHITE), lib, image("red.png", at(30, 30)));
            assertThat(out.width()).isEqualTo(50);
            assertThat(out.height()).isEqualTo(50);
            assertThat(near(px(out, 49, 49), RED, 0)).isTrue();
            assertThat(near(px(out, 29, 29), WHITE, 0)).isTrue();
            // Entirely outside: nothing happens.
            VipsImage away = composite(s, solid(s, 50, 50, WHITE), lib, image("red.png", at(60, 0)));
            assertThat(avg(away)).isEqualTo(255);
            // Partly off the top-left (lxc at the corner).
            VipsImage corner = composite(s, solid(s, 50, 50, WHITE), lib,
                    image("red.png", new Position(null, null, null, num(0), num(0))));
            assertThat(near(px(corner, 0, 0), RED, 0)).isTrue();
            assertThat(near(px(corner, 19, 19), RED, 0)).isTrue();
            assertThat(near(px(corner, 20, 20), WHITE, 0)).isTrue();
        }
    }

    private static double avg(VipsImage image) {
        return StageFixtures.avg(image);
    }

    @Test
    void layersApplyInOrderAndTranslucentLayersBlend() {
        try (VipsScope s = new VipsScope()) {
            Map<String, VipsImage> lib = Map.of("red.png", solid(s, 20, 20, RED), "blue.png", solid(s, 20, 20, BLUE),
                    "half.png", solid(s, 20, 20, new Color(0, 0, 0, 128)));
            VipsImage out = composite(s, solid(s, 60, 60, WHITE), lib,
                    image("red.png", at(0, 0)), image("blue.png", at(10, 10)), image("half.png", at(40, 40)));
            assertThat(near(px(out, 5, 5), RED, 0)).isTrue();
            assertThat(near(px(out, 15, 15), BLUE, 0)).isTrue(); // blue is on top
            assertThat(px(out, 50, 50)[0]).isBetween(120.0, 135.0); // half-black over white
            assertThat(out.hasAlpha()).isFalse();
        }
    }

    @Test
    void aBaseWithAlphaKeepsItAndLayersCoverTransparency() {
        try (VipsScope s = new VipsScope()) {
            VipsImage base = solid(s, 40, 40, new Color(0, 0, 0, 0));
            VipsImage out = composite(s, base, Map.of("red.png", solid(s, 10, 10, RED)), image("red.png", at(0, 0)));
            assertThat(out.hasAlpha()).isTrue();
            assertThat(alpha(out, 5, 5)).isEqualTo(255);
            assertThat(alpha(out, 20, 20)).isZero();
        }
    }

    @Test
    void aCanvasLayerIsASolidBlockOfItsBgColourAndExactSize() {
        try (VipsScope s = new VipsScope()) {
            Layer layer = canvas(30, 12, GREEN, at(5, 7));
            VipsImage block = s.track(CanvasRenderer.render(layer, 100, 100, Expr.Bindings.of(100, 100, 100, 100)));
            assertThat(block.width()).isEqualTo(30);
            assertThat(block.height()).isEqualTo(12);
            assertThat(px(block, 29, 11)).containsExactly(0, 255, 0, 255);
            VipsImage out = composite(s, solid(s, 100, 100, WHITE), Map.of(), layer);
            assertThat(near(px(out, 5, 7), GREEN, 0)).isTrue();
            assertThat(near(px(out, 34, 18), GREEN, 0)).isTrue();
            assertThat(near(px(out, 35, 18), WHITE, 0)).isTrue();
            assertThat(near(px(out, 34, 19), WHITE, 0)).isTrue();
            assertThat(near(px(out, 4, 7), WHITE, 0)).isTrue();
        }
    }

    @Test
    void aCanvasWithoutBgIsTransparentSoAGradientBlockShowsOnlyTheGradient() {
        try (VipsScope s = new VipsScope()) {
            Step step = Step.NONE.withResize(size(40, 20)).withEffects(new Effects(null, null, null, null, null, null,
                    new Effects.Gradient(180, RED, new Color(0, 0, 255, 255), null), null, null));
            Layer layer = new Layer(new Layer.Source.Canvas(), at(0, 0), null, Transformation.of(step));
            VipsImage out = composite(s, solid(s, 60, 60, WHITE), Map.of(), layer);
            assertThat(near(px(out, 10, 0), RED, 8)).isTrue();
            assertThat(near(px(out, 10, 19), BLUE, 8)).isTrue();
            assertThat(near(px(out, 10, 30), WHITE, 0)).isTrue();
        }
    }

    @Test
    void canvasSizeDefaultsToTheBaseAndAcceptsExpressions() {
        try (VipsScope s = new VipsScope()) {
            Step step = Step.NONE.withResize(new Resize(
                    new Resize.Dimension.Of(var(Expr.Variable.BW)),
                    new Resize.Dimension.Of(new Expr.Binary(Expr.Op.DIV, var(Expr.Variable.BH), num(10))),
                    null, null, null, null, null, null, null, null, null, null))
                    .withDecoration(new Decoration(null, null, null, null, RED));
            Layer strip = new Layer(new Layer.Source.Canvas(), new Position(null, num(-0.0), null, null, null), null,
                    Transformation.of(step));
            VipsImage out = composite(s, solid(s, 80, 50, WHITE), Map.of(), strip);
            // w-bw, h-bh_div_10, ly-N0: a 5 px red strip along the bottom.
            assertThat(near(px(out, 0, 45), RED, 0)).isTrue();
            assertThat(near(px(out, 79, 49), RED, 0)).isTrue();
            assertThat(near(px(out, 40, 44), WHITE, 0)).isTrue();
        }
    }

    @Test
    void aTextLayerRendersGlyphsInItsColourInsideItsBox() {
        try (VipsScope s = new VipsScope()) {
            Layer.TextStyle style = new Layer.TextStyle(num(20), null, RED, null, null, null, null, null);
            Layer text = new Layer(new Layer.Source.Text("Hello"), at(10, 10), style, Transformation.of(Step.NONE));
            VipsImage box = s.track(TextRenderer.render(text, 200, 100, Expr.Bindings.of(200, 100, 200, 100)));
            VipsImage out = composite(s, solid(s, 200, 100, WHITE), Map.of(), text);
            VipsImage r = s.image(Vips.op("extract_band").in("in", out).in("band", 0), "out");
            VipsImage g = s.image(Vips.op("extract_band").in("in", out).in("band", 1), "out");
            VipsImage reddish = s.image(Vips.op("boolean").in("left",
                    s.image(Vips.op("relational_const").in("in", r).in("relational", "more").in("c", 200.0), "out"))
                    .in("right", s.image(Vips.op("relational_const").in("in", g).in("relational", "less")
                            .in("c", 120.0), "out")).in("boolean", "and"), "out");
            VipsImage notWhite = s.image(Vips.op("relational_const").in("in", g).in("relational", "less")
                    .in("c", 255.0), "out");
            // Red ink exists, and everything that is not white lies inside the text box at (10, 10).
            assertThat(StageFixtures.bounds(reddish, 128)).isNotNull();
            int[] changed = StageFixtures.bounds(notWhite, 128);
            assertThat(changed[0]).isGreaterThanOrEqualTo(10);
            assertThat(changed[1]).isGreaterThanOrEqualTo(10);
            assertThat(changed[2]).isLessThan(10 + box.width());
            assertThat(changed[3]).isLessThan(10 + box.height());
            assertThat(StageFixtures.avg(reddish) / 255 * 200 * 100).isGreaterThan(20);
        }
    }

    @Test
    void aTextLayerWrapsWhenTheLayerWidthIsNarrower() {
        try (VipsScope s = new VipsScope()) {
            Layer.TextStyle style = new Layer.TextStyle(num(20), null, null, null, null, null, null, null);
            Expr.Bindings b = Expr.Bindings.of(400, 400, 400, 400);
            Layer wide = new Layer(new Layer.Source.Text("one two three four"), Position.NONE, style,
                    Transformation.of(Step.NONE));
            Layer narrow = new Layer(new Layer.Source.Text("one two three four"), Position.NONE, style,
                    Transformation.of(Step.NONE.withResize(new Resize(Resize.Dimension.of(80), null, null, null, null,
                            null, null, null, null, null, null, null))));
            VipsImage oneLine = s.track(TextRenderer.render(wide, 400, 400, b));
            VipsImage wrapped = s.track(TextRenderer.render(narrow, 400, 400, b));
            assertThat(wrapped.width()).isEqualTo(80);
            assertThat(wrapped.height()).isGreaterThan(2 * oneLine.height());
            assertThat(oneLine.width()).isGreaterThan(80);
        }
    }

    @Test
    void nestedTransformationInsideALayerRotatesAndCarriesItsOwnLayer() {
        try (VipsScope s = new VipsScope()) {
            // The layer: a 40×20 blue image, with (inside it) a 10×10 red layer at its top-left, then rt-90.
            Layer inner = image("red.png", at(0, 0));
            Step own = Step.NONE.withLayers(List.of(inner));
            Step turn = Step.NONE.withDecoration(new Decoration(new Decoration.Rotation.Degrees(90), null, null, null,
                    null));
            Layer outer = image("blue.png", at(0, 0), new Transformation(List.of(own, turn)));
            Map<String, VipsImage> lib = Map.of("blue.png", solid(s, 40, 20, BLUE), "red.png", solid(s, 10, 10, RED));
            VipsImage out = composite(s, solid(s, 100, 100, WHITE), lib, outer);
            // Rotated: 20×40 at (0,0); the red square went from top-left to top-right of the layer.
            assertThat(near(px(out, 15, 5), RED, 0)).isTrue();
            assertThat(near(px(out, 5, 5), BLUE, 0)).isTrue();
            assertThat(near(px(out, 5, 35), BLUE, 0)).isTrue();
            assertThat(near(px(out, 25, 5), WHITE, 0)).isTrue();
            assertThat(near(px(out, 5, 45), WHITE, 0)).isTrue();
        }
    }

    @Test
    void nestedLayersInOneStepWithRotationOfTheParentStep() {
        try (VipsScope s = new VipsScope()) {
            // One layer step with rt-90 and a nested layer: layers come after rotation in a step, so the nested
            // layer lands on the rotated image, at its top-left.
            Layer inner = image("red.png", at(0, 0));
            Step step = Step.NONE.withDecoration(new Decoration(new Decoration.Rotation.Degrees(90), null, null, null,
                    null)).withLayers(List.of(inner));
            Layer outer = image("blue.png", focus(Anchor.BOTTOM_RIGHT), Transformation.of(step));
            Map<String, VipsImage> lib = Map.of("blue.png", solid(s, 40, 20, BLUE), "red.png", solid(s, 10, 10, RED));
            VipsImage out = composite(s, solid(s, 100, 100, WHITE), lib, outer);
            // The rotated layer is 20×40 at the bottom-right: (80..99, 60..99); red at its top-left.
            assertThat(near(px(out, 85, 65), RED, 0)).isTrue();
            assertThat(near(px(out, 95, 65), BLUE, 0)).isTrue();
            assertThat(near(px(out, 85, 95), BLUE, 0)).isTrue();
            assertThat(near(px(out, 75, 95), WHITE, 0)).isTrue();
        }
    }

    @Test
    void animatedBasesGetTheLayerOnEveryFrame() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 40, 20, RED, GREEN);
            VipsImage out = composite(s, anim, Map.of("blue.png", solid(s, 10, 10, BLUE)),
                    image("blue.png", focus(Anchor.BOTTOM_RIGHT)));
            assertThat(out.height()).isEqualTo(40);
            assertThat(out.pageHeight()).isEqualTo(20);
            assertThat(near(px(out, 35, 15), BLUE, 0)).isTrue();
            assertThat(near(px(out, 35, 35), BLUE, 0)).isTrue();
            assertThat(near(px(out, 25, 35), GREEN, 0)).isTrue();
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            VipsImage base = gradient(s, 128, 96);
            Map<String, VipsImage> lib = Map.of("logo.png", StageFixtures.disc(s, 32, 32, 28, WHITE),
                    "tile.png", solid(s, 24, 16, new Color(20, 20, 20, 255)));
            VipsImage placed = composite(s, base, lib,
                    image("logo.png", focus(Anchor.TOP_RIGHT)),
                    image("tile.png", at(-4, -4)),
                    image("logo.png", new Position(null, null, null, num(30), num(60))),
                    canvas(40, 10, new Color(255, 255, 255, 128), focus(Anchor.BOTTOM_LEFT)));
            Goldens.assertMatches("layers_positions", placed);
            Layer inner = image("tile.png", at(0, 0));
            Step own = Step.NONE.withLayers(List.of(inner)).withDecoration(new Decoration(null, null,
                    Decoration.Radius.Corners.all(num(8)), null, null));
            Step turn = Step.NONE.withDecoration(new Decoration(new Decoration.Rotation.Degrees(-30), null, null, null,
                    null));
            Layer nested = image("card.png", Position.NONE, new Transformation(List.of(own, turn)));
            VipsImage withNested = composite(s, base, Map.of("card.png", solid(s, 60, 40, new Color(250, 200, 40, 255)),
                    "tile.png", solid(s, 24, 16, new Color(20, 20, 20, 255))), nested);
            Goldens.assertMatches("layers_nested", withNested);
        }
    }
}
