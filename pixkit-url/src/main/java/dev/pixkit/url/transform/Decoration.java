package dev.pixkit.url.transform;

/** {@code rt fl r b bg}. Null components were not given. */
public record Decoration(Rotation rotation, Flip flip, Radius radius, Border border, Background background) {

    public static final Decoration NONE = new Decoration(null, null, null, null, null);

    /** {@code rt-90}, {@code rt-N45} (counter-clockwise) or {@code rt-auto} (EXIF orientation). */
    public sealed interface Rotation {
        record Auto() implements Rotation {}

        /** Clockwise degrees; negative is counter-clockwise. */
        record Degrees(double degrees) implements Rotation {}
    }

    /** {@code fl-h}, {@code fl-v}, {@code fl-h_v}. */
    public enum Flip {
        HORIZONTAL("h"), VERTICAL("v"), BOTH("h_v");

        private final String token;

        Flip(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code r-max} (circle/ellipse) or per-corner radii ({@code r-20}, {@code r-10_20_30_40}: tl_tr_br_bl). */
    public sealed interface Radius {
        record Max() implements Radius {}

        record Corners(Expr topLeft, Expr topRight, Expr bottomRight, Expr bottomLeft) implements Radius {
            public static Corners all(Expr r) {
                return new Corners(r, r, r, r);
            }
        }
    }

    /** {@code b-5_FFF000}. */
    public record Border(Expr width, Color color) {}
}
