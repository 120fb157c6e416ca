package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.num;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Layer.Padding;
import dev.pixkit.url.transform.Layer.TextAlign;
import dev.pixkit.url.transform.Layer.TextStyle;
import dev.pixkit.url.transform.Layer.Typography;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import org.junit.jupiter.api.Test;

/**
 * Text rendering differs a little between libvips/Pango/FreeType builds, so these tests assert structure (sizes,
 * where ink is, colours) rather than exact pixels; the text goldens use {@link Goldens#TEXT_MIN_SSIM}.
 */
class TextRendererTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Expr.Bindings BINDINGS = Expr.Bindings.of(300, 200, 300, 200);

    private static TextStyle style(double size) {
        return new TextStyle(num(size), null, null, null, null, null, null, null);
    }

    private static Step width(double w) {
        return Step.NONE.withResize(new Resize(Resize.Dimension.of(w), null, null, null, null, null, null, null, null,
                null, null, null));
    }

    private static Step bg(Step step, Color c) {
        Decoration d = step.decoration();
        return step.withDecoration(new Decoration(d.rotation(), d.flip(), d.radius(), d.border(), c));
    }

    private static VipsImage render(VipsScope s, String text, TextStyle style, Step step) {
        Layer layer = new Layer(new Layer.Source.Text(text), Layer.Position.NONE, style, Transformation.of(step));
        return s.track(TextRenderer.render(layer, 300, 200, BINDINGS));
    }

    /** Bounding box of the pixels whose alpha exceeds 128: {minX, minY, maxX, maxY}, or null. */
    private static int[] ink(VipsImage image) {
        return StageFixtures.bounds(image, 128);
    }

    @Test
    void defaultsAreBlackDejaVuSansAt45pxOnATransparentBox() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "Hi", TextStyle.NONE, Step.NONE);
            assertThat(out.bands()).isEqualTo(4);
            assertThat(out.interpretation()).isEqualTo("srgb");
            // 45 px type; the box is trimmed to the ink (as ImageKit's layer text is): "Hi" is about 33 px tall.
            assertThat(out.height()).isBetween(28, 65);
            assertThat(alpha(out, 0, 0)).isZero();
            int[] box = ink(out);
            assertThat(box).isNotNull();
            // Ink is black.
            double[] p = px(out, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
            assertThat(alpha(out, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)).isGreaterThan(128);
            assertThat(near(p, Color.BLACK, 0)).isTrue();
        }
    }

    @Test
    void fontSizeScalesTheText() {
        try (VipsScope s = new VipsScope()) {
            VipsImage small = render(s, "Scale", style(12), Step.NONE);
            VipsImage large = render(s, "Scale", style(48), Step.NONE);
            assertThat((double) large.width() / small.width()).isCloseTo(4.0, within(0.8));
            assertThat((double) large.height() / small.height()).isCloseTo(4.0, within(0.8));
        }
    }

    @Test
    void colourAndTextAlphaAreApplied() {
        try (VipsScope s = new VipsScope()) {
            TextStyle red = new TextStyle(num(40), null, RED, null, null, null, null, null);
            VipsImage out = render(s, "I", red, Step.NONE);
            int[] box = ink(out);
            int cx = (box[0] + box[2]) / 2;
            int cy = (box[1] + box[3]) / 2;
            assertThat(near(px(out, cx, cy), RED, 0)).isTrue();
            assertThat(alpha(out, cx, cy)).isEqualTo(255);
            TextStyle faded = new TextStyle(num(40), null, RED, null, null, 5, null, null); // al-5 without bg
            VipsImage half = render(s, "I", faded, Step.NONE);
            assertThat(alpha(half, cx, cy)).isCloseTo(127, within(2.0));
        }
    }

    @Test
    void backgroundPaddingAndAlphaShapeTheBox() {
        try (VipsScope s = new VipsScope()) {
            TextStyle padded = new TextStyle(num(20), null, null, null, new Padding(10, 20, 30, 40), null, null, null);
            VipsImage plain = render(s, "box", style(20), Step.NONE);
            VipsImage out = render(s, "box", padded, bg(Step.NONE, new Color(255, 255, 0, 255)));
            assertThat(out.width()).isEqualTo(plain.width() + 60);
            assertThat(out.height()).isEqualTo(plain.height() + 40);
            // The whole box is filled with the background, opaque.
            assertThat(near(px(out, 0, 0), new Color(255, 255, 0, 255), 0)).isTrue();
            assertThat(alpha(out, out.width() - 1, out.height() - 1)).isEqualTo(255);
            // The text's dark ink lies inside the padding.
            try (VipsScope t = new VipsScope()) {
                VipsImage red = t.image(Vips.op("extract_band").in("in", out).in("band", 0), "out");
                VipsImage dark = t.image(Vips.op("relational_const").in("in", red).in("relational", "less")
                        .in("c", 100.0), "out");
                int[] box = StageFixtures.bounds(dark, 128);
                assertThat(box).isNotNull();
                assertThat(box[0]).isGreaterThanOrEqualTo(40);
                assertThat(box[1]).isGreaterThanOrEqualTo(10);
                assertThat(box[2]).isLessThan(out.width() - 20);
                assertThat(box[3]).isLessThan(out.height() - 30);
            }
            // al-4 with an opaque bg sets the background's opacity.
            TextStyle al = new TextStyle(num(20), null, null, null, new Padding(5, 5, 5, 5), 4, null, null);
            VipsImage translucent = render(s, "box", al, bg(Step.NONE, new Color(255, 255, 0, 255)));
            assertThat(alpha(translucent, 0, 0)).isCloseTo(102, within(1.0));
            // A bg with its own alpha wins over al.
            VipsImage own = render(s, "box", al, bg(Step.NONE, new Color(255, 255, 0, 200)));
            assertThat(alpha(own, 0, 0)).isCloseTo(200, within(1.0));
        }
    }

    @Test
    void widthWrapsTheTextAndAlignmentPlacesTheLines() {
        try (VipsScope s = new VipsScope()) {
            String text = "the quick brown fox jumps";
            VipsImage oneLine = render(s, text, style(20), Step.NONE);
            VipsImage wrapped = render(s, text, style(20), width(120));
            assertThat(wrapped.width()).isEqualTo(120);
            assertThat(wrapped.height()).isGreaterThanOrEqualTo(2 * oneLine.height());
            // A short text in a wide box: left/centre/right put the ink at the start, middle, end.
            TextStyle left = new TextStyle(num(20), null, null, TextAlign.LEFT, null, null, null, null);
            TextStyle right = new TextStyle(num(20), null, null, TextAlign.RIGHT, null, null, null, null);
            int[] l = ink(render(s, "ab", left, width(200)));
            int[] c = ink(render(s, "ab", style(20), width(200)));
            int[] r = ink(render(s, "ab", right, width(200)));
            assertThat(l[0]).isLessThan(10);
            assertThat(r[2]).isGreaterThan(188);
            assertThat((c[0] + c[2]) / 2.0).isCloseTo(100.0, within(10.0));
        }
    }

    @Test
    void aVeryLongWordBreaksInsideTheWidth() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "Supercalifragilisticexpialidocious", style(20), width(100));
            assertThat(out.width()).isEqualTo(100);
            assertThat(out.height()).isGreaterThan(40);
        }
    }

    @Test
    void typographyAndLineHeight() {
        try (VipsScope s = new VipsScope()) {
            VipsImage regular = render(s, "Bold text", style(30), Step.NONE);
            VipsImage bold = render(s, "Bold text",
                    new TextStyle(num(30), null, null, null, null, null, Typography.BOLD, null), Step.NONE);
            assertThat(bold.width()).isGreaterThan(regular.width());
            assertThat(StageFixtures.avg(bold)).isGreaterThan(StageFixtures.avg(regular) * 0.9);
            VipsImage italic = render(s, "Bold text",
                    new TextStyle(num(30), null, null, null, null, null, Typography.BOLD_ITALIC, null), Step.NONE);
            assertThat(italic.width()).isPositive();
            String lines = "one two three";
            VipsImage normal = render(s, lines, style(20), width(60));
            VipsImage tall = render(s, lines, new TextStyle(num(20), null, null, null, null, null, null, num(60)),
                    width(60));
            assertThat(tall.height()).isGreaterThan(normal.height() + 40);
        }
    }

    @Test
    void markupCharactersAreDrawnNotInterpreted() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "<b>a & b</b> 'q' \"x\"", style(20), Step.NONE);
            VipsImage plain = render(s, "<b>a &amp; b</b>", style(20), Step.NONE);
            assertThat(out.width()).isGreaterThan(100);
            assertThat(plain.width()).isGreaterThan(out.width() / 2);
            assertThat(TextRenderer.escape("<&>\"'")).isEqualTo("&lt;&amp;&gt;&quot;&apos;");
        }
    }

    @Test
    void emptyTextGivesAnEmptyBoxAndUnknownFontsFallBack() {
        try (VipsScope s = new VipsScope()) {
            VipsImage empty = render(s, "", new TextStyle(num(20), null, null, null, new Padding(5, 5, 5, 5), null,
                    null, null), bg(Step.NONE, RED));
            assertThat(empty.width()).isEqualTo(10);
            assertThat(empty.height()).isEqualTo(10);
            VipsImage custom = render(s, "x", new TextStyle(num(20), "fonts@@Lacquer.ttf", null, null, null, null, null,
                    null), Step.NONE);
            assertThat(custom.width()).isPositive();
            assertThat(TextRenderer.fontFamily("fonts@@Lacquer.ttf")).isEqualTo(TextRenderer.DEFAULT_FONT);
            assertThat(TextRenderer.fontFamily("Roboto")).isEqualTo("Roboto");
            VipsImage unknown = render(s, "x", new TextStyle(num(20), "NoSuchFamily", null, null, null, null, null,
                    null), Step.NONE);
            assertThat(unknown.width()).isPositive();
        }
    }

    @Test
    void radiusRoundsTheBoxAndRemainingDropsWhatTheRendererConsumed() {
        try (VipsScope s = new VipsScope()) {
            Step step = bg(width(120), RED).withDecoration(new Decoration(new Decoration.Rotation.Degrees(90), null,
                    Decoration.Radius.Corners.all(num(12)), null, RED));
            VipsImage out = render(s, "round", style(20), step);
            assertThat(out.width()).isEqualTo(120); // not rotated here: rotation is left to the pipeline
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(alpha(out, 60, 0)).isEqualTo(255);
            Layer layer = new Layer(new Layer.Source.Text("round"), Layer.Position.NONE, style(20),
                    Transformation.of(step));
            Step rest = TextRenderer.remaining(layer).steps().getFirst();
            assertThat(rest.resize()).isEqualTo(Resize.NONE);
            assertThat(rest.decoration().background()).isNull();
            assertThat(rest.decoration().radius()).isNull();
            assertThat(rest.decoration().rotation()).isEqualTo(new Decoration.Rotation.Degrees(90));
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            TextStyle title = new TextStyle(num(22), null, new Color(255, 255, 255, 255), TextAlign.CENTER,
                    new Padding(6, 8, 6, 8), null, Typography.BOLD, null);
            Step box = bg(width(120), new Color(30, 60, 160, 255)).withDecoration(new Decoration(null, null,
                    Decoration.Radius.Corners.all(num(10)), null, new Color(30, 60, 160, 255)));
            Goldens.assertMatches("text_wrapped_box", render(s, "Pixkit text layer", title, box),
                    Goldens.TEXT_MIN_SSIM, 3);
            Goldens.assertMatches("text_plain_red", render(s, "Hello",
                    new TextStyle(num(28), null, RED, null, null, null, null, null), Step.NONE),
                    Goldens.TEXT_MIN_SSIM, 3);
        }
    }
}
