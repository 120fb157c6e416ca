package dev.pixkit.url.transform;

/** {@code bg-…}: a {@link Color}, a blurred copy of the image, or its dominant colour. */
public sealed interface Background permits Color, Background.Blurred, Background.Dominant {

    /** {@code bg-blurred[_radius][_brightness]}; null parts take ImageKit's defaults. Brightness may be negative. */
    record Blurred(Integer radius, Integer brightness) implements Background {}

    /** {@code bg-dominant}. */
    record Dominant() implements Background {}
}
