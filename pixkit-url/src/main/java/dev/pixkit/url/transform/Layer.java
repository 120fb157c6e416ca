package dev.pixkit.url.transform;

import java.util.Objects;

/**
 * An overlay, {@code l-image|l-text … l-end}. The layer's own parameters (its size, effects, … and nested layers, up
 * to three levels deep) form {@code transformation}, whose steps chain with {@code :} inside the layer; where it sits
 * on the base image is {@code position}; text layers also carry a {@code style}.
 */
public record Layer(Source source, Position position, TextStyle style, Transformation transformation) {

    public Layer {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(transformation, "transformation");
        if (source instanceof Source.Text) {
            Objects.requireNonNull(style, "a text layer has a style (use TextStyle.NONE)");
        } else if (style != null) {
            throw new IllegalArgumentException("only text layers have a text style");
        }
    }

    /** What is drawn. {@code i-…} and {@code ie-…} (base64) both decode into these. */
    public sealed interface Source {
        /** {@code l-image,i-<path>}: a file of the media library; {@code @@} in the URL stands for {@code /}. */
        record Image(String path) implements Source {}

        /** {@code l-text,i-<text>}. */
        record Text(String text) implements Source {}

        /** {@code l-image,i-ik_canvas}: a solid block of the layer's {@code bg} colour, sized by its w and h. */
        record Canvas() implements Source {}
    }

    /**
     * {@code lx ly lfo lxc lyc}. Null components were not given; with none, the layer is centred.
     */
    public record Position(Expr x, Expr y, Resize.Anchor focus, Expr xCenter, Expr yCenter) {
        public static final Position NONE = new Position(null, null, null, null, null);
    }

    /**
     * Text parameters: {@code fs ff co ia pa al tg lh}. The wrapping width is the layer transformation's {@code w};
     * its background, radius, rotation and flip come from that transformation too.
     */
    public record TextStyle(
            Expr fontSize,
            String fontFamily,
            Color color,
            TextAlign align,
            Padding padding,
            Integer alpha,
            Typography typography,
            Expr lineHeight) {

        public static final TextStyle NONE = new TextStyle(null, null, null, null, null, null, null, null);
    }

    public enum TextAlign {
        LEFT("left"), CENTER("center"), RIGHT("right");

        private final String token;

        TextAlign(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code tg-b}, {@code tg-i}, {@code tg-b_i}. */
    public enum Typography {
        BOLD("b"), ITALIC("i"), BOLD_ITALIC("b_i");

        private final String token;

        Typography(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** {@code pa-10}, {@code pa-10_20}, {@code pa-10_20_30}, {@code pa-10_20_30_40} (CSS order). */
    public record Padding(int top, int right, int bottom, int left) {}
}
