package dev.pixkit.url.transform;

/**
 * An sRGB colour with alpha, each 0–255. Written {@code RRGGBB} or {@code RRGGBBAA}; CSS colour names are accepted on
 * input and formatted as hex. As in ImageKit's spec, {@code AA} is the opacity in percent as two decimal digits
 * {@code 00}–{@code 99} ({@code FF000050}: red at 50 %), stored as {@code alpha = round(AA × 2.55)}; 6 digits are
 * opaque (255).
 */
public record Color(int red, int green, int blue, int alpha) implements Background {
    public static final Color BLACK = new Color(0, 0, 0, 255);
    public static final Color WHITE = new Color(255, 255, 255, 255);

    public Color {
        for (int c : new int[] {red, green, blue, alpha}) {
            if (c < 0 || c > 255) {
                throw new IllegalArgumentException("colour component out of 0..255: " + c);
            }
        }
    }

    public static Color rgb(int rgb) {
        return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 255);
    }

    public boolean isOpaque() {
        return alpha == 255;
    }
}
