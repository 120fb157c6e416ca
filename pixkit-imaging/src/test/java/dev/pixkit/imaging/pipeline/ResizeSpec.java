package dev.pixkit.imaging.pipeline;

import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Resize;
import java.util.Locale;

/**
 * Builds {@link Resize} values from a compact "w-300,h-200,c-at_max" notation for table-driven tests, without
 * depending on the URL parser. Numbers may be simple expressions {@code a_op_b} ({@code iw_div_2}).
 */
final class ResizeSpec {

    private ResizeSpec() {}

    static Resize parse(String spec) {
        Resize.Dimension w = null;
        Resize.Dimension h = null;
        Resize.AspectRatio ar = null;
        Resize.CropStrategy c = null;
        Resize.CropMode cm = null;
        Resize.Focus fo = null;
        Expr x = null;
        Expr y = null;
        Expr xc = null;
        Expr yc = null;
        Resize.Dpr dpr = null;
        if (!spec.isBlank()) {
            for (String part : spec.split(",")) {
                int dash = part.indexOf('-');
                String key = part.substring(0, dash);
                String value = part.substring(dash + 1);
                switch (key) {
                    case "w" -> w = value.equals("auto") ? new Resize.Dimension.Auto() : new Resize.Dimension.Of(expr(value));
                    case "h" -> h = new Resize.Dimension.Of(expr(value));
                    case "ar" -> {
                        String[] wh = value.split("-");
                        ar = new Resize.AspectRatio(expr(wh[0]), expr(wh[1]));
                    }
                    case "c" -> c = Resize.CropStrategy.valueOf(value.toUpperCase(Locale.ROOT));
                    case "cm" -> cm = Resize.CropMode.valueOf(value.toUpperCase(Locale.ROOT));
                    case "fo" -> fo = focus(value);
                    case "x" -> x = expr(value);
                    case "y" -> y = expr(value);
                    case "xc" -> xc = expr(value);
                    case "yc" -> yc = expr(value);
                    case "dpr" -> dpr = value.equals("auto") ? new Resize.Dpr.Auto()
                            : new Resize.Dpr.Of(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown key " + key);
                }
            }
        }
        return new Resize(w, h, ar, c, cm, fo, x, y, xc, yc, null, dpr);
    }

    private static Resize.Focus focus(String v) {
        return switch (v) {
            case "auto" -> new Resize.Focus.Auto();
            case "face" -> new Resize.Focus.Face();
            case "custom" -> new Resize.Focus.Custom();
            default -> {
                for (Resize.Anchor a : Resize.Anchor.values()) {
                    if (a.token().equals(v)) {
                        yield a;
                    }
                }
                yield new Resize.Focus.ObjectName(v);
            }
        };
    }

    static Expr expr(String v) {
        String[] p = v.split("_");
        if (p.length == 1) {
            return operand(p[0]);
        }
        Expr.Op op = switch (p[1]) {
            case "add" -> Expr.Op.ADD;
            case "sub" -> Expr.Op.SUB;
            case "mul" -> Expr.Op.MUL;
            case "div" -> Expr.Op.DIV;
            default -> throw new IllegalArgumentException(p[1]);
        };
        return new Expr.Binary(op, operand(p[0]), operand(p[2]));
    }

    private static Expr operand(String v) {
        for (Expr.Variable var : Expr.Variable.values()) {
            if (var.token().equals(v)) {
                return new Expr.Var(var);
            }
        }
        return new Expr.Num(Double.parseDouble(v));
    }
}
