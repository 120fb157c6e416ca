package dev.pixkit.url.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code w h ar c cm fo z x y xc yc dpr} of one step (in that canonical order).
 *
 * <ul>
 *   <li>{@code w}, {@code h}: a positive number (0 &lt; v &lt; 1 is a fraction of the input), an expression, or
 *       {@code auto} (width only).</li>
 *   <li>{@code ar-W-H}: two positive numbers or expressions; also {@code ar-W_H} and a single ratio expression
 *       {@code ar-iar_div_2} (read as {@code ar-iar_div_2-1}).</li>
 *   <li>{@code fo}: the nine anchors, {@code auto}, {@code face}, {@code custom} or a COCO class name
 *       ({@link #OBJECTS}, spaces written {@code _}).</li>
 *   <li>{@code x y xc yc}: numbers ({@code N} negatives) or expressions; {@code z}: a positive number;
 *       {@code dpr}: 0.1–5 or {@code auto}.</li>
 * </ul>
 */
final class ResizeParams {
    static final Set<String> KEYS = Set.of("w", "h", "ar", "c", "cm", "fo", "z", "x", "y", "xc", "yc", "dpr");

    /** The 80 COCO object classes, as {@code fo-} values. */
    static final List<String> OBJECTS = List.of("person", "bicycle", "car", "motorcycle", "airplane", "bus", "train",
            "truck", "boat", "traffic_light", "fire_hydrant", "stop_sign", "parking_meter", "bench", "bird", "cat",
            "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag",
            "tie", "suitcase", "frisbee", "skis", "snowboard", "sports_ball", "kite", "baseball_bat", "baseball_glove",
            "skateboard", "surfboard", "tennis_racket", "bottle", "wine_glass", "cup", "fork", "knife", "spoon", "bowl",
            "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot_dog", "pizza", "donut", "cake", "chair",
            "couch", "potted_plant", "bed", "dining_table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard",
            "cell_phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy_bear", "hair_drier", "toothbrush");

    static final Map<String, Resize.Anchor> ANCHORS = Stream.of(Resize.Anchor.values())
            .collect(Collectors.toUnmodifiableMap(Resize.Anchor::token, Function.identity()));
    private static final Map<String, Resize.CropStrategy> CROPS = Stream.of(Resize.CropStrategy.values())
            .collect(Collectors.toUnmodifiableMap(Resize.CropStrategy::token, Function.identity()));
    private static final Map<String, Resize.CropMode> CROP_MODES = Stream.of(Resize.CropMode.values())
            .collect(Collectors.toUnmodifiableMap(Resize.CropMode::token, Function.identity()));
    private static final Map<String, Resize.Focus> FOCI;

    static {
        Map<String, Resize.Focus> f = new LinkedHashMap<>(ANCHORS);
        f.put("auto", new Resize.Focus.Auto());
        f.put("face", new Resize.Focus.Face());
        f.put("custom", new Resize.Focus.Custom());
        OBJECTS.forEach(o -> f.put(o, new Resize.Focus.ObjectName(o)));
        FOCI = Map.copyOf(f);
    }

    private final ParserLimits limits;
    private Resize.Dimension width;
    private Resize.Dimension height;
    private Resize.AspectRatio aspectRatio;
    private Resize.CropStrategy crop;
    private Resize.CropMode cropMode;
    private Resize.Focus focus;
    private Expr x;
    private Expr y;
    private Expr xCenter;
    private Expr yCenter;
    private Double zoom;
    private Resize.Dpr dpr;

    ResizeParams(ParserLimits limits) {
        this.limits = limits;
    }

    void accept(Param p) {
        String v = Values.required(p);
        switch (p.key()) {
            case "w" -> width = dimension(p, v, "width", true);
            case "h" -> height = dimension(p, v, "height", false);
            case "ar" -> aspectRatio = aspectRatio(p, v);
            case "c" -> crop = Values.keyword(p, v, CROPS, "crop");
            case "cm" -> cropMode = Values.keyword(p, v, CROP_MODES, "crop mode");
            case "fo" -> focus = Values.keyword(p, v, FOCI, "focus (an anchor, auto, face, custom or a COCO object)");
            case "z" -> zoom = positive(p, Values.number(p, v, "zoom", false), "zoom");
            case "x" -> x = expr(p, v, "x");
            case "y" -> y = expr(p, v, "y");
            case "xc" -> xCenter = expr(p, v, "xc");
            case "yc" -> yCenter = expr(p, v, "yc");
            case "dpr" -> dpr = v.equalsIgnoreCase("auto")
                    ? new Resize.Dpr.Auto()
                    : new Resize.Dpr.Of(Values.number(p, v, "dpr", 0.1, 5));
            default -> throw new IllegalStateException(p.key());
        }
    }

    Resize build() {
        return new Resize(width, height, aspectRatio, crop, cropMode, focus, x, y, xCenter, yCenter, zoom, dpr);
    }

    private Resize.Dimension dimension(Param p, String v, String what, boolean allowAuto) {
        if (v.equalsIgnoreCase("auto")) {
            if (!allowAuto) {
                throw Errors.invalid(p, what + " cannot be auto (only w-auto exists)");
            }
            return new Resize.Dimension.Auto();
        }
        return new Resize.Dimension.Of(positiveExpr(p, v, what + " must be a positive number, a fraction, an expression"
                + (allowAuto ? " or auto" : ""), limits));
    }

    /**
     * {@code W-H} (each side a number or an expression), {@code W_H} (two numbers or variables, as the SDKs accept
     * {@code 4_3}), or one expression for the ratio itself ({@code iar_div_2}), read as {@code <expression>-1}.
     */
    private Resize.AspectRatio aspectRatio(Param p, String v) {
        String what = "aspect ratio must be W-H (e.g. 4-3) with positive numbers or expressions";
        int dash = v.indexOf('-');
        if (dash >= 0) {
            return new Resize.AspectRatio(positiveExpr(p, v.substring(0, dash), what, limits),
                    positiveExpr(p, v.substring(dash + 1), what, limits));
        }
        int underscore = v.indexOf('_');
        if (underscore >= 0 && underscore == v.lastIndexOf('_')) {
            return new Resize.AspectRatio(positive(p, Expressions.operand(p, v.substring(0, underscore), "aspect ratio"), what),
                    positive(p, Expressions.operand(p, v.substring(underscore + 1), "aspect ratio"), what));
        }
        return new Resize.AspectRatio(positiveExpr(p, v, what, limits), new Expr.Num(1));
    }

    private static Expr positive(Param p, Expr e, String what) {
        if (e instanceof Expr.Num n && !(n.value() > 0)) {
            throw Errors.invalid(p, what);
        }
        return e;
    }

    private Expr expr(Param p, String v, String what) {
        return Expressions.parse(p, v, what, limits.maxExpressionOperands());
    }

    /** An expression; when it is a plain number, that number must be positive. */
    static Expr positiveExpr(Param p, String v, String what, ParserLimits limits) {
        Expr e = Expressions.parse(p, v, what, limits.maxExpressionOperands());
        if (e instanceof Expr.Num n && !(n.value() > 0)) {
            throw Errors.invalid(p, what);
        }
        return e;
    }

    private static double positive(Param p, double v, String what) {
        if (!(v > 0)) {
            throw Errors.invalid(p, what + " must be greater than 0");
        }
        return v;
    }

    static String focusToken(Resize.Focus f) {
        return switch (f) {
            case Resize.Anchor a -> a.token();
            case Resize.Focus.Auto a -> "auto";
            case Resize.Focus.Face a -> "face";
            case Resize.Focus.Custom a -> "custom";
            case Resize.Focus.ObjectName o -> o.name();
        };
    }

    static void format(Resize r, List<String> out) {
        if (r.width() != null) {
            out.add("w-" + dimension(r.width()));
        }
        if (r.height() != null) {
            out.add("h-" + dimension(r.height()));
        }
        if (r.aspectRatio() != null) {
            out.add("ar-" + Expressions.format(r.aspectRatio().width()) + "-"
                    + Expressions.format(r.aspectRatio().height()));
        }
        if (r.crop() != null) {
            out.add("c-" + r.crop().token());
        }
        if (r.cropMode() != null) {
            out.add("cm-" + r.cropMode().token());
        }
        if (r.focus() != null) {
            out.add("fo-" + focusToken(r.focus()));
        }
        if (r.zoom() != null) {
            out.add("z-" + Values.format(r.zoom()));
        }
        add(out, "x", r.x());
        add(out, "y", r.y());
        add(out, "xc", r.xCenter());
        add(out, "yc", r.yCenter());
        if (r.dpr() != null) {
            out.add("dpr-" + switch (r.dpr()) {
                case Resize.Dpr.Auto a -> "auto";
                case Resize.Dpr.Of o -> Values.format(o.value());
            });
        }
    }

    private static String dimension(Resize.Dimension d) {
        return switch (d) {
            case Resize.Dimension.Auto a -> "auto";
            case Resize.Dimension.Of o -> Expressions.format(o.value());
        };
    }

    static void add(List<String> out, String key, Expr e) {
        if (e != null) {
            out.add(key + "-" + Expressions.format(e));
        }
    }
}
