package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;

/**
 * Cuts {@link Geometry#crop()} out of the current image: {@code cm-extract}'s region, the region
 * {@code c-maintain_ratio} keeps, the cut axes of {@code cm-pad_extract}. Coordinates are scaled when loading shrank
 * the image.
 *
 * <p>Content-aware placements use libvips {@code smartcrop} with {@code interesting=attention} (saliency: skin tones,
 * saturated colour, edges) for {@code fo-auto} and object names. <b>{@code fo-face} also uses attention:</b> real
 * face detection is not available here (libvips has none and Pixkit ships no model), and attention tends to pick
 * people. For animations the first frame chooses the window and every frame is cut alike.
 */
final class CropStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        Geometry g = ctx.geometry();
        if (!g.crops()) {
            return;
        }
        VipsImage image = ctx.image();
        int imageHeight = ctx.frameHeight();
        double fx = (double) image.width() / g.inputWidth();
        double fy = (double) imageHeight / g.inputHeight();
        Geometry.Region r = g.crop();
        int width = Math.max(1, Math.min(image.width(), (int) Math.round(r.width() * fx)));
        int height = Math.max(1, Math.min(imageHeight, (int) Math.round(r.height() * fy)));
        int left;
        int top;
        if (r.placement().isContentAware()) {
            int[] offset = attention(ctx, image, imageHeight, width, height);
            left = offset[0];
            top = offset[1];
        } else {
            left = Math.min(image.width() - width, (int) Math.floor(r.left() * fx));
            top = Math.min(imageHeight - height, (int) Math.floor(r.top() * fy));
        }
        if (left == 0 && top == 0 && width == image.width() && height == imageHeight) {
            return;
        }
        ctx.mapFrames(frame -> Vips.op("extract_area").in("input", frame).in("left", left).in("top", top)
                .in("width", width).in("height", height).callImage("out"));
    }

    /** The window {@code smartcrop} would keep, found on the first frame. */
    private static int[] attention(StepContext ctx, VipsImage image, int frameHeight, int width, int height) {
        VipsImage first = ctx.frameCount() > 1
                ? ctx.scope().image(Vips.op("extract_area").in("input", image).in("left", 0).in("top", 0)
                        .in("width", image.width()).in("height", frameHeight), "out")
                : image;
        try (Result r = Vips.op("smartcrop").in("input", first).in("width", width).in("height", height)
                .in("interesting", "attention").call()) {
            VipsImage out = r.image("out");
            try (out) {
                // smartcrop leaves the cut's position in the output's offsets, negated.
                int left = -out.getInt("xoffset").orElse(0);
                int top = -out.getInt("yoffset").orElse(0);
                return new int[] {clamp(left, image.width() - width), clamp(top, frameHeight - height)};
            }
        }
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
