package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.BackgroundPainter.call;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.colourBands;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.perFrame;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.srgb;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.withAlpha;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Background;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;

/**
 * {@code rt} and {@code fl}: rotation first, then the flip (so {@code rt-90,fl-h} mirrors the rotated image).
 *
 * <ul>
 *   <li>{@code rt-auto}: applies the EXIF orientation ({@code autorot}); a no-op when the image has none (for example
 *       because auto-orientation already ran).</li>
 *   <li>Multiples of 90° (after normalising into 0…359, so {@code rt-N90} = 270) use the lossless {@code rot}.</li>
 *   <li>Any other angle rotates clockwise ({@code rt-N40}: counter-clockwise) about the centre with bilinear
 *       interpolation, premultiplied so the edges antialias against transparency; the canvas becomes the rotated
 *       bounding box. What the rotation reveals is painted with the step's {@code bg}: a colour, a blurred copy or
 *       the dominant colour ({@link BackgroundPainter}). Without {@code bg} it stays transparent (an alpha band is
 *       added); formats without alpha are flattened by the encoder.</li>
 *   <li>{@code fl-h}, {@code fl-v}, {@code fl-h_v}: mirror horizontally, vertically, or both.</li>
 * </ul>
 * Animated images are rotated and flipped frame by frame ({@code page-height} follows), so frame order is kept.
 */
final class RotateFlipStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        Decoration d = ctx.step().decoration();
        if (d.rotation() == null && d.flip() == null) {
            return;
        }
        VipsScope s = ctx.scope();
        VipsImage img = ctx.image();
        if (d.rotation() != null) {
            img = rotate(s, img, d.rotation(), d.background());
        }
        if (d.flip() != null) {
            img = flip(s, img, d.flip());
        }
        if (img != ctx.image()) {
            ctx.replace(img);
        }
    }

    static VipsImage rotate(VipsScope s, VipsImage image, Decoration.Rotation rotation, Background background) {
        return switch (rotation) {
            case Decoration.Rotation.Auto _ -> image.orientation() == 1 && !image.hasField(VipsImage.ORIENTATION)
                    ? image
                    : perFrame(s, image, f -> call(s, Vips.op("autorot").in("in", f)));
            case Decoration.Rotation.Degrees(double degrees) -> rotate(s, image, degrees, background);
        };
    }

    static VipsImage rotate(VipsScope s, VipsImage image, double degrees, Background background) {
        double normalised = ((degrees % 360) + 360) % 360;
        if (normalised == 0) {
            return image;
        }
        if (normalised % 90 == 0) {
            String angle = "d" + (int) normalised;
            return perFrame(s, image, f -> call(s, Vips.op("rot").in("in", f).in("angle", angle)));
        }
        return perFrame(s, image, f -> rotateArbitrary(s, f, normalised, background));
    }

    private static VipsImage rotateArbitrary(VipsScope s, VipsImage frame, double degrees, Background background) {
        VipsImage in = withAlpha(s, srgb(s, frame));
        boolean hadAlpha = frame.hasAlpha();
        VipsImage pre = call(s, Vips.op("premultiply").in("in", in).in("max_alpha", 255.0));
        VipsImage turned = call(s, Vips.op("rotate").in("in", pre).in("angle", degrees)
                .in("background", 0.0, 0.0, 0.0, 0.0));
        VipsImage un = call(s, Vips.op("unpremultiply").in("in", turned).in("max_alpha", 255.0));
        VipsImage rotated = call(s, Vips.op("cast").in("in", un).in("format", "uchar"));
        rotated = call(s, Vips.op("copy").in("in", rotated).in("interpretation", "srgb"));
        if (background == null) {
            return rotated;
        }
        int w = rotated.width();
        int h = rotated.height();
        if (background instanceof Color c && c.isOpaque() && !hadAlpha) {
            return call(s, Vips.op("flatten").in("in", rotated).in("background", BackgroundPainter.rgb(c)));
        }
        VipsImage paint = BackgroundPainter.canvas(s, frame, w, h, background);
        boolean opaqueResult = !hadAlpha && !paint.hasAlpha();
        VipsImage base = withAlpha(s, paint);
        VipsImage out = BackgroundPainter.over(s, base, rotated, 0, 0);
        return opaqueResult ? colourBands(s, out) : out;
    }

    static VipsImage flip(VipsScope s, VipsImage image, Decoration.Flip flip) {
        return switch (flip) {
            // A horizontal flip maps every frame onto itself, so the whole strip can go at once.
            case HORIZONTAL -> call(s, Vips.op("flip").in("in", image).in("direction", "horizontal"));
            case VERTICAL -> perFrame(s, image, f -> call(s, Vips.op("flip").in("in", f).in("direction", "vertical")));
            case BOTH -> perFrame(s, image, f -> call(s, Vips.op("rot").in("in", f).in("angle", "d180")));
        };
    }
}
