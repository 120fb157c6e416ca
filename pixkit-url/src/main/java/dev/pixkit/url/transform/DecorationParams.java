package dev.pixkit.url.transform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code rt fl r b bg} of one step (in that canonical order).
 *
 * <ul>
 *   <li>{@code rt}: degrees ({@code N} counter-clockwise, decimals allowed) or {@code auto}.</li>
 *   <li>{@code fl}: {@code h}, {@code v}, {@code h_v}; {@code v_h} is read as {@code h_v}.</li>
 *   <li>{@code r}: {@code max}; one non-negative number or expression for all corners; or four numbers/variables
 *       {@code tl_tr_br_bl}. Four equal corners are written once.</li>
 *   <li>{@code b-<width>_<colour>}: the width a positive number or an expression ({@code b-ch_mod_5_yellow}).</li>
 *   <li>{@code bg}: a colour (see {@link Colors}), {@code dominant}, {@code blurred}, {@code blurred_R},
 *       {@code blurred_R_B} with radius 1–100 or {@code auto} and brightness −255–255 ({@code N} negatives);
 *       a default radius with a brightness is written {@code blurred_auto_B}. {@code gradient_dominant…} and
 *       {@code genfill…} are UNSUPPORTED.</li>
 * </ul>
 */
final class DecorationParams {
    static final Set<String> KEYS = Set.of("rt", "fl", "r", "b", "bg");

    private static final Map<String, Decoration.Flip> FLIPS = Map.of("h", Decoration.Flip.HORIZONTAL,
            "v", Decoration.Flip.VERTICAL, "h_v", Decoration.Flip.BOTH, "v_h", Decoration.Flip.BOTH);

    private final ParserLimits limits;
    private Decoration.Rotation rotation;
    private Decoration.Flip flip;
    private Decoration.Radius radius;
    private Decoration.Border border;
    private Background background;

    DecorationParams(ParserLimits limits) {
        this.limits = limits;
    }

    void accept(Param p) {
        String v = Values.required(p);
        switch (p.key()) {
            case "rt" -> rotation = v.equalsIgnoreCase("auto")
                    ? new Decoration.Rotation.Auto()
                    : new Decoration.Rotation.Degrees(Values.number(p, v, "rotation", true));
            case "fl" -> flip = Values.keyword(p, v, FLIPS, "flip");
            case "r" -> radius = radius(p, v);
            case "b" -> border = border(p, v);
            case "bg" -> background = background(p, v);
            default -> throw new IllegalStateException(p.key());
        }
    }

    Decoration build() {
        return new Decoration(rotation, flip, radius, border, background);
    }

    private Decoration.Radius radius(Param p, String v) {
        if (v.equalsIgnoreCase("max")) {
            return new Decoration.Radius.Max();
        }
        String what = "radius must be max, a number, an expression or four numbers tl_tr_br_bl";
        String[] parts = v.split("_", -1);
        if (parts.length == 4) {
            Expr[] corners = new Expr[4];
            for (int i = 0; i < 4; i++) {
                corners[i] = nonNegative(p, Expressions.operand(p, parts[i], "radius"), what);
            }
            return new Decoration.Radius.Corners(corners[0], corners[1], corners[2], corners[3]);
        }
        return Decoration.Radius.Corners.all(
                nonNegative(p, Expressions.parse(p, v, "radius", limits.maxExpressionOperands()), what));
    }

    private static Expr nonNegative(Param p, Expr e, String what) {
        if (e instanceof Expr.Num n && n.value() < 0) {
            throw Errors.invalid(p, what);
        }
        return e;
    }

    private Decoration.Border border(Param p, String v) {
        int last = v.lastIndexOf('_');
        if (last <= 0) {
            throw Errors.invalid(p, "border is <width>_<colour>, e.g. b-5_FFF000");
        }
        Expr width = ResizeParams.positiveExpr(p, v.substring(0, last),
                "border width must be a positive number or an expression", limits);
        return new Decoration.Border(width, Colors.parse(p, v.substring(last + 1)));
    }

    private static Background background(Param p, String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("dominant")) {
            return new Background.Dominant();
        }
        if (lower.startsWith("gradient_dominant")) {
            throw Errors.unsupported(p, "gradient backgrounds");
        }
        if (lower.startsWith("genfill")) {
            throw Errors.unsupported(p, "generative fill is an AI transformation");
        }
        if (lower.equals("blurred") || lower.startsWith("blurred_")) {
            String[] parts = v.split("_", -1);
            if (parts.length > 3) {
                throw Errors.invalid(p, "blurred background is blurred[_radius[_brightness]]");
            }
            Integer radius = null;
            if (parts.length >= 2 && !parts[1].equalsIgnoreCase("auto")) {
                radius = Values.integer(p, parts[1], "blur radius of the background", 1, 100);
            }
            Integer brightness = parts.length == 3
                    ? Values.integer(p, parts[2], "brightness of the blurred background", -255, 255)
                    : null;
            return new Background.Blurred(radius, brightness);
        }
        return Colors.parse(p, v);
    }

    static void format(Decoration d, List<String> out) {
        if (d.rotation() != null) {
            out.add("rt-" + switch (d.rotation()) {
                case Decoration.Rotation.Auto a -> "auto";
                case Decoration.Rotation.Degrees g -> Values.format(g.degrees());
            });
        }
        if (d.flip() != null) {
            out.add("fl-" + d.flip().token());
        }
        if (d.radius() != null) {
            out.add("r-" + radius(d.radius()));
        }
        if (d.border() != null) {
            out.add("b-" + Expressions.format(d.border().width()) + "_" + Colors.format(d.border().color()));
        }
        if (d.background() != null) {
            out.add("bg-" + background(d.background()));
        }
    }

    private static String radius(Decoration.Radius r) {
        return switch (r) {
            case Decoration.Radius.Max m -> "max";
            case Decoration.Radius.Corners c -> {
                if (c.topLeft().equals(c.topRight()) && c.topLeft().equals(c.bottomRight())
                        && c.topLeft().equals(c.bottomLeft())) {
                    yield Expressions.format(c.topLeft());
                }
                List<Expr> corners = List.of(c.topLeft(), c.topRight(), c.bottomRight(), c.bottomLeft());
                if (!corners.stream().allMatch(Expressions::isOperand)) {
                    throw new IllegalArgumentException(
                            "different corner radii must each be a number or a variable to be written: " + c);
                }
                yield String.join("_", corners.stream().map(Expressions::format).toList());
            }
        };
    }

    static String background(Background b) {
        return switch (b) {
            case Color c -> Colors.format(c);
            case Background.Dominant d -> "dominant";
            case Background.Blurred bl -> {
                if (bl.brightness() != null) {
                    yield "blurred_" + (bl.radius() == null ? "auto" : bl.radius()) + "_"
                            + Values.format(bl.brightness());
                }
                yield bl.radius() == null ? "blurred" : "blurred_" + bl.radius();
            }
        };
    }
}
