package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bl e-grayscale e-sharpen e-usm e-contrast e-shadow e-gradient t o} of one step (in that canonical order).
 *
 * <ul>
 *   <li>{@code bl-N}: 1–100. {@code o-N}: 0–100. {@code e-sharpen[-N]}: 1–100.</li>
 *   <li>{@code e-usm-R-S-A-T}: radius 0–100, sigma (0, 100], amount 0–100, threshold 0–100. A bare {@code e-usm}
 *       (what the SDKs write for {@code unsharpMask: true}) means {@link Effects.UnsharpMask#DEFAULT}.</li>
 *   <li>{@code e-shadow[-bl-N_st-N_x-N_y-N]}: blur 0–15, saturation 0–100, offsets −100–100 (% of the size, {@code N}
 *       negatives).</li>
 *   <li>{@code e-gradient[-ld-D_from-C_to-C_sp-S]}: direction in degrees 0–359 or a side/corner name (CSS's "to …":
 *       top 0, top_right 45, right 90, bottom_right 135, bottom 180, bottom_left 225, left 270, top_left 315;
 *       formatted by name when it has one, else in degrees), colours, stop point 0–1.</li>
 *   <li>{@code t-true}, {@code t-false} ({@link Effects.Trim#OFF}, useful in layers where trim defaults on) or
 *       {@code t-N} 1–99.</li>
 * </ul>
 */
final class EffectParams {
    static final Set<String> KEYS = Set.of("bl", "e-grayscale", "e-sharpen", "e-usm", "e-contrast", "e-shadow",
            "e-gradient", "t", "o");

    static final Map<String, Integer> DIRECTIONS = Map.of("top", 0, "top_right", 45, "right", 90, "bottom_right", 135,
            "bottom", 180, "bottom_left", 225, "left", 270, "top_left", 315);
    private static final Set<String> SHADOW_KEYS = Set.of("bl", "st", "x", "y");
    private static final Set<String> GRADIENT_KEYS = Set.of("ld", "from", "to", "sp");

    private Integer blur;
    private Boolean grayscale;
    private Effects.Sharpen sharpen;
    private Effects.UnsharpMask unsharpMask;
    private Boolean contrastStretch;
    private Effects.Shadow shadow;
    private Effects.Gradient gradient;
    private Effects.Trim trim;
    private Integer opacity;

    void accept(Param p) {
        switch (p.key()) {
            case "bl" -> blur = Values.integer(p, Values.required(p), "blur", 1, 100);
            case "o" -> opacity = Values.integer(p, Values.required(p), "opacity", 0, 100);
            case "e-grayscale" -> {
                Values.none(p);
                grayscale = Boolean.TRUE;
            }
            case "e-contrast" -> {
                Values.none(p);
                contrastStretch = Boolean.TRUE;
            }
            case "e-sharpen" -> sharpen = new Effects.Sharpen(p.value() == null
                    ? null
                    : Values.integer(p, Values.required(p), "sharpen amount", 1, 100));
            case "e-usm" -> unsharpMask = p.value() == null ? Effects.UnsharpMask.DEFAULT : unsharpMask(p);
            case "e-shadow" -> shadow = p.value() == null ? new Effects.Shadow(null, null, null, null) : shadow(p);
            case "e-gradient" -> gradient = p.value() == null ? new Effects.Gradient(null, null, null, null) : gradient(p);
            case "t" -> trim = trim(p, Values.required(p));
            default -> throw new IllegalStateException(p.key());
        }
    }

    Effects build() {
        return new Effects(blur, grayscale, sharpen, unsharpMask, contrastStretch, shadow, gradient, trim, opacity);
    }

    private static Effects.UnsharpMask unsharpMask(Param p) {
        String[] parts = Values.required(p).split("-", -1);
        if (parts.length != 4) {
            throw Errors.invalid(p, "unsharp mask is e-usm-radius-sigma-amount-threshold, e.g. e-usm-2-2-0.8-0.024");
        }
        double radius = Values.number(p, parts[0], "unsharp mask radius", 0, 100);
        double sigma = Values.number(p, parts[1], "unsharp mask sigma", 0, 100);
        if (sigma == 0) {
            throw Errors.invalid(p, "unsharp mask sigma must be greater than 0");
        }
        return new Effects.UnsharpMask(radius, sigma, Values.number(p, parts[2], "unsharp mask amount", 0, 100),
                Values.number(p, parts[3], "unsharp mask threshold", 0, 100));
    }

    private static Effects.Shadow shadow(Param p) {
        Map<String, String> e = SubParams.split(p, Values.required(p), SHADOW_KEYS);
        return new Effects.Shadow(
                e.containsKey("bl") ? Values.integer(p, e.get("bl"), "shadow blur", 0, 15) : null,
                e.containsKey("st") ? Values.integer(p, e.get("st"), "shadow saturation", 0, 100) : null,
                e.containsKey("x") ? new Expr.Num(Values.number(p, e.get("x"), "shadow x offset", -100, 100)) : null,
                e.containsKey("y") ? new Expr.Num(Values.number(p, e.get("y"), "shadow y offset", -100, 100)) : null);
    }

    private static Effects.Gradient gradient(Param p) {
        Map<String, String> e = SubParams.split(p, Values.required(p), GRADIENT_KEYS);
        Integer direction = null;
        if (e.containsKey("ld")) {
            String ld = e.get("ld");
            direction = DIRECTIONS.get(ld.toLowerCase(java.util.Locale.ROOT));
            if (direction == null) {
                if (!ld.chars().allMatch(Character::isDigit)) {
                    throw Errors.invalid(p, "gradient direction must be degrees 0 to 359 or one of "
                            + String.join(", ", DIRECTIONS.keySet().stream().sorted().toList()));
                }
                direction = Values.integer(p, ld, "gradient direction", 0, 359);
            }
        }
        return new Effects.Gradient(direction,
                e.containsKey("from") ? Colors.parse(p, e.get("from")) : null,
                e.containsKey("to") ? Colors.parse(p, e.get("to")) : null,
                e.containsKey("sp") ? Values.number(p, e.get("sp"), "gradient stop point", 0, 1) : null);
    }

    private static Effects.Trim trim(Param p, String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> new Effects.Trim(null);
            case "false" -> Effects.Trim.OFF;
            default -> {
                if (!v.chars().allMatch(Character::isDigit)) {
                    throw Errors.invalid(p, "trim is true, false or a threshold 1 to 99");
                }
                yield new Effects.Trim(Values.integer(p, v, "trim threshold", 1, 99));
            }
        };
    }

    static void format(Effects e, List<String> out) {
        if (e.blur() != null) {
            out.add("bl-" + e.blur());
        }
        if (Boolean.TRUE.equals(e.grayscale())) {
            out.add("e-grayscale");
        }
        if (e.sharpen() != null) {
            out.add(e.sharpen().amount() == null ? "e-sharpen" : "e-sharpen-" + e.sharpen().amount());
        }
        if (e.unsharpMask() != null) {
            Effects.UnsharpMask u = e.unsharpMask();
            out.add("e-usm-" + Values.format(u.radius()) + "-" + Values.format(u.sigma()) + "-"
                    + Values.format(u.amount()) + "-" + Values.format(u.threshold()));
        }
        if (Boolean.TRUE.equals(e.contrastStretch())) {
            out.add("e-contrast");
        }
        if (e.shadow() != null) {
            Effects.Shadow s = e.shadow();
            Map<String, String> parts = new LinkedHashMap<>();
            if (s.blur() != null) {
                parts.put("bl", s.blur().toString());
            }
            if (s.saturation() != null) {
                parts.put("st", s.saturation().toString());
            }
            if (s.offsetX() != null) {
                parts.put("x", Expressions.format(s.offsetX()));
            }
            if (s.offsetY() != null) {
                parts.put("y", Expressions.format(s.offsetY()));
            }
            out.add(subParams("e-shadow", parts));
        }
        if (e.gradient() != null) {
            Effects.Gradient g = e.gradient();
            Map<String, String> parts = new LinkedHashMap<>();
            if (g.direction() != null) {
                parts.put("ld", DIRECTIONS.entrySet().stream().filter(d -> d.getValue().equals(g.direction()))
                        .map(Map.Entry::getKey).findFirst().orElse(g.direction().toString()));
            }
            if (g.from() != null) {
                parts.put("from", Colors.format(g.from()));
            }
            if (g.to() != null) {
                parts.put("to", Colors.format(g.to()));
            }
            if (g.stopPoint() != null) {
                parts.put("sp", Values.format(g.stopPoint()));
            }
            out.add(subParams("e-gradient", parts));
        }
        if (e.trim() != null) {
            Integer t = e.trim().threshold();
            out.add("t-" + (t == null ? "true" : e.trim().isOff() ? "false" : t.toString()));
        }
        if (e.opacity() != null) {
            out.add("o-" + e.opacity());
        }
    }

    private static String subParams(String key, Map<String, String> parts) {
        List<String> written = new ArrayList<>();
        parts.forEach((k, v) -> written.add(k + "-" + v));
        return written.isEmpty() ? key : key + "-" + String.join("_", written);
    }
}
