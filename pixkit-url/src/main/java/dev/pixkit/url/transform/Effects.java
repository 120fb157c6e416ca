package dev.pixkit.url.transform;

/**
 * {@code bl e-grayscale e-sharpen e-usm e-contrast e-shadow e-gradient t o}. Null components were not given; flags are
 * {@code Boolean.TRUE} when given.
 */
public record Effects(
        Integer blur,
        Boolean grayscale,
        Sharpen sharpen,
        UnsharpMask unsharpMask,
        Boolean contrastStretch,
        Shadow shadow,
        Gradient gradient,
        Trim trim,
        Integer opacity) {

    public static final Effects NONE = new Effects(null, null, null, null, null, null, null, null, null);

    /** {@code e-sharpen} (amount null: ImageKit's default) or {@code e-sharpen-N}. */
    public record Sharpen(Integer amount) {}

    /** {@code e-usm-radius-sigma-amount-threshold}. */
    public record UnsharpMask(double radius, double sigma, double amount, double threshold) {
        /**
         * A bare {@code e-usm} (the SDKs' {@code unsharpMask: true}): ImageKit documents no defaults, so Pixkit uses
         * ImageKit's documented example, {@code e-usm-2-2-0.8-0.024}. Formatted explicitly.
         */
        public static final UnsharpMask DEFAULT = new UnsharpMask(2, 2, 0.8, 0.024);
    }

    /** {@code e-shadow[-bl-N_st-N_x-N_y-N]}: blur, saturation, offsets; null parts take defaults. */
    public record Shadow(Integer blur, Integer saturation, Expr offsetX, Expr offsetY) {}

    /**
     * {@code e-gradient[-ld-D_from-C_to-C_sp-S]}: linear direction in degrees (the names top, bottom, left, right and
     * the corners map to degrees), from/to colours and the stop point (0–1); null parts take defaults.
     */
    public record Gradient(Integer direction, Color from, Color to, Double stopPoint) {}

    /**
     * {@code t-true} (threshold null: default), {@code t-N} with 1 ≤ N ≤ 99, or {@code t-false} ({@link #OFF},
     * threshold 0): no trimming, which matters in image layers, where ImageKit trims by default.
     */
    public record Trim(Integer threshold) {
        /** {@code t-false}. */
        public static final Trim OFF = new Trim(0);

        /** Whether this is {@code t-false}. */
        public boolean isOff() {
            return threshold != null && threshold == 0;
        }
    }
}
