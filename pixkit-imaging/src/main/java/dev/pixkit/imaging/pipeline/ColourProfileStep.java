package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;

/**
 * After the last step: delivers sRGB (or grey) 8-bit pixels. An embedded ICC profile is applied
 * ({@code icc_transform} to sRGB) and dropped, unless {@code cp-true} asks to keep the original profile, in which
 * case pixels and profile are left as they are [ImageKit: "cp — retain the original color profile", default false].
 * An embedded profile libvips cannot use is dropped and the pixels are taken as sRGB. 16-bit images become 8-bit.
 */
final class ColourProfileStep implements PipelineStep {

    /** libvips' ICC profile field. */
    static final String ICC = "icc-profile-data";

    @Override
    public void apply(StepContext ctx) {
        VipsImage image = ctx.image();
        boolean keepProfile = ctx.state() != null && ctx.state().plan.keepColorProfile();
        if (image.hasField(ICC) && !keepProfile) {
            VipsImage converted;
            try {
                converted = ctx.scope().image(Vips.op("icc_transform").in("in", image).in("output_profile", "srgb")
                        .in("embedded", true).in("intent", "perceptual").in("depth", 8), "out");
            } catch (VipsException e) {
                converted = image; // an unusable profile: drop it and take the pixels as they are
            }
            ctx.replace(converted.without(ICC));
            image = ctx.image();
        }
        String interpretation = image.interpretation();
        if (interpretation.equals("grey16")) {
            ctx.replace(Vips.op("colourspace").in("in", image).in("space", "b-w").callImage("out"));
        } else if (!interpretation.equals("srgb") && !interpretation.equals("b-w")) {
            ctx.replace(Vips.op("colourspace").in("in", image).in("space", "srgb").callImage("out"));
        }
        if (!ctx.image().bandFormat().equals("uchar")) {
            ctx.replace(Vips.op("cast").in("in", ctx.image()).in("format", "uchar").callImage("out"));
        }
    }
}
