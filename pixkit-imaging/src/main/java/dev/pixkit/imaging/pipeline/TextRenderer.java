package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.BackgroundPainter.call;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.constant;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.over;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.withAlpha;

import dev.pixkit.imaging.vips.Operation;
import dev.pixkit.imaging.vips.Vips;
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
import java.util.Locale;

/**
 * The source of {@code l-text,i-…}: the text rendered with libvips {@code text} (Pango; the text is markup-escaped, so
 * it is never interpreted as markup) into an 8-bit sRGB image with alpha.
 *
 * <h2>Parameters and defaults</h2>
 * <ul>
 *   <li>{@code fs} font size in pixels (an expression): default {@value #DEFAULT_FONT_SIZE}, ImageKit's documented
 *       default.</li>
 *   <li>{@code ff} font family, resolved by fontconfig: default {@value #DEFAULT_FONT} (present wherever the
 *       DejaVu fonts are; fontconfig substitutes a sans font for unknown names). Media-library font files
 *       ({@code ff-path@@font.ttf}) are not loaded: the default family is used instead.</li>
 *   <li>{@code co} colour, default black; its alpha is kept.</li>
 *   <li>{@code tg} bold/italic ({@code font_weight}/{@code font_style} markup).</li>
 *   <li>{@code lh} line height in pixels (Pango {@code line_height}, absolute).</li>
 *   <li>{@code w} of the layer's first step: the box width. Lines wrap at the width left after the horizontal
 *       padding (at word boundaries, breaking words only when one does not fit), and {@code ia} aligns them inside
 *       it (default {@code center}). Without {@code w} the box fits the text.</li>
 *   <li>{@code pa} padding (CSS order) around the text, inside the box.</li>
 *   <li>{@code bg} of the first step: a colour filling the box (blurred/dominant backgrounds are ignored for text);
 *       none: transparent.</li>
 *   <li>{@code al} 1–9: opacity tenths. With an opaque {@code bg} it sets the box background's opacity (a
 *       {@code bg} with its own alpha wins, as ImageKit documents); without {@code bg} it fades the text.</li>
 *   <li>{@code r} of the first step: rounds the box ({@link RadiusBorderStep}).</li>
 * </ul>
 *
 * <p>For the pipeline's layer renderer: render the source with {@link #render}, then run {@link #remaining} (the
 * layer's transformation without the {@code w}/{@code h}, {@code bg} and {@code r} consumed here) over it, so
 * {@code rt}, {@code fl}, effects and nested layers still apply.
 */
final class TextRenderer {

    static final String DEFAULT_FONT = "DejaVu Sans";
    static final int DEFAULT_FONT_SIZE = 45;
    static final Color DEFAULT_COLOR = Color.BLACK;
    static final Layer.TextAlign DEFAULT_ALIGN = Layer.TextAlign.CENTER;

    private TextRenderer() {}

    /** The text layer's image (8-bit sRGB + alpha); the caller owns it. Same arguments as the layer renderer. */
    static VipsImage render(Layer layer, int baseWidth, int baseHeight, Expr.Bindings outer) {
        if (!(layer.source() instanceof Layer.Source.Text(String text))) {
            throw new IllegalArgumentException("not a text layer: " + layer.source());
        }
        Step first = layer.transformation().steps().getFirst();
        Expr.Bindings b = new Expr.Bindings(outer.iw(), outer.ih(), baseWidth, baseHeight, baseWidth, baseHeight);
        try (VipsScope s = new VipsScope()) {
            return BackgroundPainter.own(render(s, text, layer.style(), first, b));
        }
    }

    /** Renders {@code text} with {@code style} and the box parameters ({@code w}, {@code bg}, {@code r}) of {@code step}. */
    static VipsImage render(VipsScope s, String text, Layer.TextStyle style, Step step, Expr.Bindings b) {
        Layer.TextStyle st = style == null ? Layer.TextStyle.NONE : style;
        int fontSize = st.fontSize() == null ? DEFAULT_FONT_SIZE
                : (int) Math.max(1, Math.round(st.fontSize().eval(b)));
        Color color = st.color() == null ? DEFAULT_COLOR : st.color();
        Layer.TextAlign align = st.align() == null ? DEFAULT_ALIGN : st.align();
        Layer.Padding pad = st.padding() == null ? new Layer.Padding(0, 0, 0, 0) : st.padding();
        Integer boxWidth = step.resize().width() instanceof Resize.Dimension.Of
                ? CanvasRenderer.size(step.resize().width(), (int) b.bw(), b) : null;

        int areaWidth = boxWidth == null ? 0 : Math.max(1, boxWidth - pad.left() - pad.right());
        VipsImage mask = text.isEmpty() ? null : textMask(s, text, st, fontSize, align, areaWidth, b);
        int tw = mask == null ? 0 : mask.width();
        int th = mask == null ? 0 : mask.height();
        int width = Math.max(1, Math.max(boxWidth == null ? 0 : boxWidth, tw + pad.left() + pad.right()));
        int height = Math.max(1, th + pad.top() + pad.bottom());
        int inner = width - pad.left() - pad.right();
        int offset = switch (align) {
            case LEFT -> 0;
            case CENTER -> Math.max(0, (inner - tw) / 2);
            case RIGHT -> Math.max(0, inner - tw);
        };

        Double alpha = st.alpha() == null ? null : Math.clamp(st.alpha(), 1, 9) / 10.0;
        Color bg = step.decoration().background() instanceof Color c ? c : null;
        if (bg != null && bg.isOpaque() && alpha != null) {
            bg = new Color(bg.red(), bg.green(), bg.blue(), (int) Math.round(255 * alpha));
        }
        double glyphOpacity = color.alpha() / 255.0 * (bg == null && alpha != null ? alpha : 1.0);

        VipsImage coverage = mask == null ? constant(s, width, height, 0)
                : call(s, Vips.op("embed").in("in", mask).in("x", pad.left() + offset).in("y", pad.top())
                        .in("width", width).in("height", height));
        if (glyphOpacity < 1) {
            coverage = call(s, Vips.op("linear").in("in", coverage).in("a", glyphOpacity).in("b", 0.0)
                    .in("uchar", true));
        }
        VipsImage ink = BackgroundPainter.solid(s, width, height, color, false);
        VipsImage glyphs = call(s, Vips.op("bandjoin").in("in", ink, coverage));
        glyphs = call(s, Vips.op("copy").in("in", glyphs).in("interpretation", "srgb"));
        VipsImage box = bg == null ? glyphs
                : over(s, BackgroundPainter.solid(s, width, height, bg, true), glyphs, 0, 0);
        if (step.decoration().radius() != null) {
            box = RadiusBorderStep.round(s, box, step.decoration().radius(), b);
        }
        return withAlpha(s, box);
    }

    private static VipsImage textMask(VipsScope s, String text, Layer.TextStyle st, int fontSize,
            Layer.TextAlign align, int areaWidth, Expr.Bindings b) {
        StringBuilder markup = new StringBuilder("<span");
        Layer.Typography tg = st.typography();
        if (tg == Layer.Typography.BOLD || tg == Layer.Typography.BOLD_ITALIC) {
            markup.append(" font_weight=\"bold\"");
        }
        if (tg == Layer.Typography.ITALIC || tg == Layer.Typography.BOLD_ITALIC) {
            markup.append(" font_style=\"italic\"");
        }
        if (st.lineHeight() != null) {
            long lineHeight = Math.max(1, Math.round(st.lineHeight().eval(b)));
            markup.append(" line_height=\"").append(lineHeight * 1024).append('"'); // absolute, Pango units (dpi 72)
        }
        markup.append('>').append(escape(text)).append("</span>");
        String family = fontFamily(st.fontFamily());
        Operation op = Vips.op("text").in("text", markup.toString())
                .in("font", family + " " + fontSize + "px").in("dpi", 72);
        if (areaWidth > 0) {
            op.in("width", areaWidth).in("align", switch (align) {
                case LEFT -> "low";
                case CENTER -> "centre";
                case RIGHT -> "high";
            });
            if (Vips.hasArgument("text", "wrap")) {
                op.in("wrap", "word-char");
            }
        }
        return call(s, op);
    }

    /** {@code ff}: a family name; media-library font files fall back to {@link #DEFAULT_FONT}. */
    static String fontFamily(String ff) {
        if (ff == null || ff.isBlank()) {
            return DEFAULT_FONT;
        }
        String lower = ff.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ttf") || lower.endsWith(".otf") || lower.endsWith(".woff") || lower.endsWith(".woff2")
                || ff.contains("/") || ff.contains("@@")) {
            return DEFAULT_FONT;
        }
        // A Pango font description: commas separate families and digits at the end would read as a size.
        return ff.replace(",", " ").strip();
    }

    /** Escapes {@code text} for Pango markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The layer's transformation without what {@link #render} consumed: the first step's resize group ({@code w} is
     * the box width, {@code h} does not apply to text), {@code bg} and {@code r}.
     */
    static Transformation remaining(Layer layer) {
        List<Step> steps = new ArrayList<>(layer.transformation().steps());
        Step first = steps.getFirst();
        Decoration d = first.decoration();
        steps.set(0, first.withResize(Resize.NONE)
                .withDecoration(new Decoration(d.rotation(), d.flip(), null, d.border(), null)));
        return new Transformation(steps);
    }
}
