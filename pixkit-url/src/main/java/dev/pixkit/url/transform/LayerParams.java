package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What belongs to a layer as a whole rather than to one of its steps: the input ({@code i}, {@code ie}), the
 * position ({@code lx ly lfo lxc lyc}) and, for text layers, the style ({@code fs ff co ia pa al tg lh}). These may
 * appear in any step of the layer, each once; they are written at the start of its first step, in that order.
 *
 * <ul>
 *   <li>Image input: {@code i-<path>} with {@code @@} for {@code /}, or {@code ie-<base64 of the path>};
 *       {@code ik_canvas} is a {@link Layer.Source.Canvas}. Text input: {@code i-<text>} or
 *       {@code ie-<base64 of UTF-8 text>}. When both are given, {@code ie} wins. Formatting writes {@code i-} when the
 *       value is plain ({@code A–Z a–z 0–9 . _ - space}, and for paths {@code /} and a lone {@code @}) and
 *       {@code ie-} base64 otherwise.</li>
 *   <li>{@code lx ly lxc lyc}: numbers ({@code N} negatives) or expressions; {@code lx} excludes {@code lxc} and
 *       {@code ly} excludes {@code lyc}. {@code lfo}: one of the nine anchors.</li>
 *   <li>{@code fs}, {@code lh}: positive numbers or expressions; {@code ff}: a font name or a font file's path
 *       ({@code @@} for {@code /}); {@code co}: a colour; {@code ia}: left, center, right; {@code pa}: 1–4
 *       non-negative whole numbers {@code _}-separated (CSS order, written in the shortest form); {@code al}: 1–9;
 *       {@code tg}: {@code b}, {@code i}, {@code b_i} ({@code i_b} is read as {@code b_i}); strikethrough is
 *       UNSUPPORTED. {@code al} on a solid-colour layer ({@code i-ik_canvas}) is UNSUPPORTED (use a
 *       {@code bg-RRGGBBAA} opacity), on an image layer INVALID.</li>
 * </ul>
 */
final class LayerParams {
    static final Set<String> POSITION_KEYS = Set.of("lx", "ly", "lfo", "lxc", "lyc");
    static final Set<String> TEXT_KEYS = Set.of("fs", "ff", "co", "ia", "pa", "al", "tg", "lh");
    static final Set<String> KEYS = Stream.of(Set.of("i", "ie"), POSITION_KEYS, TEXT_KEYS)
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    static final String CANVAS = "ik_canvas";
    private static final Map<String, Layer.TextAlign> ALIGNS = Stream.of(Layer.TextAlign.values())
            .collect(Collectors.toUnmodifiableMap(Layer.TextAlign::token, Function.identity()));
    private static final Map<String, Layer.Typography> TYPOGRAPHY = Map.of("b", Layer.Typography.BOLD,
            "i", Layer.Typography.ITALIC, "b_i", Layer.Typography.BOLD_ITALIC, "i_b", Layer.Typography.BOLD_ITALIC);

    private final Param opener;
    private final boolean text;
    private final ParserLimits limits;
    private final Set<String> seen = new HashSet<>();
    private String input;
    private String encodedInput;
    private Expr x;
    private Expr y;
    private Resize.Anchor focus;
    private Expr xCenter;
    private Expr yCenter;
    private Expr fontSize;
    private String fontFamily;
    private Color color;
    private Layer.TextAlign align;
    private Layer.Padding padding;
    private Integer alpha;
    private Layer.Typography typography;
    private Expr lineHeight;
    private Param imageAlpha;

    LayerParams(Param opener, boolean text, ParserLimits limits) {
        this.opener = opener;
        this.text = text;
        this.limits = limits;
    }

    void accept(Param p) {
        String key = p.key();
        if (!seen.add(key)) {
            throw Errors.invalid(p, "\"" + key + "\" is given twice in this layer");
        }
        if (!text && key.equals("al")) {
            imageAlpha = p; // decided in build(): a solid-colour layer's alpha is valid ImageKit, not rendered
            return;
        }
        if (!text && TEXT_KEYS.contains(key)) {
            throw Errors.invalid(p, "\"" + key + "\" is only for text layers (l-text)");
        }
        String v = Values.required(p);
        int maxOperands = limits.maxExpressionOperands();
        switch (key) {
            case "i" -> input = text ? Values.text(p, v) : Values.path(p, v);
            case "ie" -> encodedInput = Values.base64(p, v);
            case "lx" -> x = Expressions.parse(p, v, "lx", maxOperands);
            case "ly" -> y = Expressions.parse(p, v, "ly", maxOperands);
            case "lxc" -> xCenter = Expressions.parse(p, v, "lxc", maxOperands);
            case "lyc" -> yCenter = Expressions.parse(p, v, "lyc", maxOperands);
            case "lfo" -> focus = Values.keyword(p, v, ResizeParams.ANCHORS, "layer focus");
            case "fs" -> fontSize = ResizeParams.positiveExpr(p, v,
                    "font size must be a positive number or an expression", limits);
            case "lh" -> lineHeight = ResizeParams.positiveExpr(p, v,
                    "line height must be a positive number or an expression", limits);
            case "ff" -> fontFamily = Values.path(p, v);
            case "co" -> color = Colors.parse(p, v);
            case "ia" -> align = Values.keyword(p, v, ALIGNS, "inner alignment");
            case "pa" -> padding = padding(p, v);
            case "al" -> alpha = Values.integer(p, v, "text alpha", 1, 9);
            case "tg" -> {
                if (v.toLowerCase(java.util.Locale.ROOT).contains("strikethrough")) {
                    throw Errors.unsupported(p, "strikethrough text");
                }
                typography = Values.keyword(p, v, TYPOGRAPHY, "typography");
            }
            default -> throw new IllegalStateException(key);
        }
        if (x != null && xCenter != null) {
            throw Errors.invalid(p, "lx and lxc cannot be used together");
        }
        if (y != null && yCenter != null) {
            throw Errors.invalid(p, "ly and lyc cannot be used together");
        }
    }

    Layer build(List<Step> steps) {
        String value = encodedInput != null ? encodedInput : input;
        if (value == null) {
            throw Errors.invalid(opener, "a layer needs its input, i-… or ie-…");
        }
        Layer.Source source = text
                ? new Layer.Source.Text(value)
                : value.equals(CANVAS) ? new Layer.Source.Canvas() : new Layer.Source.Image(value);
        if (imageAlpha != null) {
            throw source instanceof Layer.Source.Canvas
                    ? Errors.unsupported(imageAlpha, "alpha of solid-colour layers; give bg an opacity, bg-RRGGBBAA")
                    : Errors.invalid(imageAlpha, "\"al\" is only for text and solid-colour layers");
        }
        Layer.TextStyle style = text
                ? new Layer.TextStyle(fontSize, fontFamily, color, align, padding, alpha, typography, lineHeight)
                : null;
        return new Layer(source, new Layer.Position(x, y, focus, xCenter, yCenter), style, new Transformation(steps));
    }

    private static Layer.Padding padding(Param p, String v) {
        String[] parts = v.split("_", -1);
        if (parts.length > 4) {
            throw Errors.invalid(p, "padding has 1 to 4 values");
        }
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            n[i] = Values.integer(p, parts[i], "padding", 0, 10_000);
        }
        return switch (n.length) {
            case 1 -> new Layer.Padding(n[0], n[0], n[0], n[0]);
            case 2 -> new Layer.Padding(n[0], n[1], n[0], n[1]);
            case 3 -> new Layer.Padding(n[0], n[1], n[2], n[1]);
            default -> new Layer.Padding(n[0], n[1], n[2], n[3]);
        };
    }

    /** The parameters that open a layer's first step: input, position, style. */
    static List<String> formatHead(Layer l) {
        List<String> out = new ArrayList<>();
        switch (l.source()) {
            case Layer.Source.Canvas c -> out.add("i-" + CANVAS);
            case Layer.Source.Image i -> out.add(Values.isPlainPath(i.path()) && !i.path().equals(CANVAS)
                    ? "i-" + Values.formatPath(i.path())
                    : "ie-" + Values.formatBase64(i.path()));
            case Layer.Source.Text t -> out.add(Values.isPlainText(t.text())
                    ? "i-" + t.text()
                    : "ie-" + Values.formatBase64(t.text()));
        }
        Layer.Position pos = l.position();
        ResizeParams.add(out, "lx", pos.x());
        ResizeParams.add(out, "ly", pos.y());
        if (pos.focus() != null) {
            out.add("lfo-" + pos.focus().token());
        }
        ResizeParams.add(out, "lxc", pos.xCenter());
        ResizeParams.add(out, "lyc", pos.yCenter());
        Layer.TextStyle s = l.style();
        if (s != null) {
            ResizeParams.add(out, "fs", s.fontSize());
            if (s.fontFamily() != null) {
                out.add("ff-" + Values.formatPath(s.fontFamily()));
            }
            if (s.color() != null) {
                out.add("co-" + Colors.format(s.color()));
            }
            if (s.align() != null) {
                out.add("ia-" + s.align().token());
            }
            if (s.padding() != null) {
                out.add("pa-" + padding(s.padding()));
            }
            if (s.alpha() != null) {
                out.add("al-" + s.alpha());
            }
            if (s.typography() != null) {
                out.add("tg-" + s.typography().token());
            }
            ResizeParams.add(out, "lh", s.lineHeight());
        }
        return out;
    }

    private static String padding(Layer.Padding p) {
        if (p.left() == p.right()) {
            if (p.top() == p.bottom()) {
                return p.top() == p.right() ? "" + p.top() : p.top() + "_" + p.right();
            }
            return p.top() + "_" + p.right() + "_" + p.bottom();
        }
        return p.top() + "_" + p.right() + "_" + p.bottom() + "_" + p.left();
    }
}
