package dev.pixkit.url.transform;

/**
 * Size, crop and focus: {@code w h ar c cm fo x y xc yc z dpr}. Null components were not given.
 *
 * @param width       {@code w}: pixels, a fraction (0 &lt; v &lt; 1) of the input, an expression, or {@code auto}
 * @param height      {@code h}: as width, without {@code auto}
 * @param aspectRatio {@code ar-W-H}
 * @param crop        {@code c}
 * @param cropMode    {@code cm}
 * @param focus       {@code fo}
 * @param x           {@code x}: left of the region for {@code cm-extract}
 * @param y           {@code y}: top of the region
 * @param xCenter     {@code xc}: horizontal centre of the region
 * @param yCenter     {@code yc}: vertical centre of the region
 * @param zoom        {@code z}: with face/object focus, &gt; 1 zooms in
 * @param dpr         {@code dpr}: multiplies width and height
 */
public record Resize(
        Dimension width,
        Dimension height,
        AspectRatio aspectRatio,
        CropStrategy crop,
        CropMode cropMode,
        Focus focus,
        Expr x,
        Expr y,
        Expr xCenter,
        Expr yCenter,
        Double zoom,
        Dpr dpr) {

    public static final Resize NONE = new Resize(null, null, null, null, null, null, null, null, null, null, null, null);

    /** {@code w}, {@code h}: an expression or {@code auto} (width only, from the {@code Sec-CH-Width} hint). */
    public sealed interface Dimension {
        record Auto() implements Dimension {}

        record Of(Expr value) implements Dimension {}

        static Dimension of(double pixels) {
            return new Of(new Expr.Num(pixels));
        }
    }

    /** {@code ar-4-3}: width and height of the ratio. */
    public record AspectRatio(Expr width, Expr height) {}

    /** {@code c-…}. */
    public enum CropStrategy {
        MAINTAIN_RATIO("maintain_ratio"), FORCE("force"), AT_MAX("at_max"), AT_MAX_ENLARGE("at_max_enlarge"),
        AT_LEAST("at_least"), MAINTAIN_RATIO_NO_ENLARGE("maintain_ratio_no_enlarge");

        private final String token;

        CropStrategy(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code cm-…}. */
    public enum CropMode {
        PAD_RESIZE("pad_resize"), EXTRACT("extract"), PAD_EXTRACT("pad_extract"),
        PAD_RESIZE_NO_ENLARGE("pad_resize_no_enlarge"), PAD_EXTRACT_NO_SHRINK("pad_extract_no_shrink");

        private final String token;

        CropMode(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code fo-…}: an anchor, {@code auto} (saliency), {@code face}, {@code custom} (the file's customCoordinates) or an object name. */
    public sealed interface Focus {
        record Auto() implements Focus {}

        record Face() implements Focus {}

        record Custom() implements Focus {}

        /** A COCO object class such as {@code person} or {@code car}. */
        record ObjectName(String name) implements Focus {}
    }

    /** The nine positions, for {@code fo} and {@code lfo}. */
    public enum Anchor implements Focus {
        CENTER("center"), TOP("top"), LEFT("left"), BOTTOM("bottom"), RIGHT("right"), TOP_LEFT("top_left"),
        TOP_RIGHT("top_right"), BOTTOM_LEFT("bottom_left"), BOTTOM_RIGHT("bottom_right");

        private final String token;

        Anchor(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code dpr-2} or {@code dpr-auto}. */
    public sealed interface Dpr {
        record Auto() implements Dpr {}

        record Of(double value) implements Dpr {}
    }
}
