package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;

/**
 * Scales the (cropped) image to exactly {@link Geometry#resizeWidth()} × {@link Geometry#resizeHeight()} with libvips
 * {@code resize} (Lanczos3 for reduction, block shrink first for large factors — the same path as
 * {@code vipsthumbnail}), the horizontal and vertical scales computed from the actual current size so the target
 * is hit to the pixel whatever loading shrank. Images with alpha are premultiplied around the resize so transparent
 * pixels do not bleed colour. Animations are resized as one strip with the vertical scale chosen so every frame is
 * exactly the target height ({@code page-height} updated).
 */
final class ResizeStep implements PipelineStep {

    @Override
    public void apply(StepContext ctx) {
        Geometry g = ctx.geometry();
        VipsImage image = ctx.image();
        int frames = ctx.frameCount();
        int frameHeight = ctx.frameHeight();
        int targetWidth = g.resizeWidth();
        int targetHeight = g.resizeHeight();
        if (image.width() == targetWidth && frameHeight == targetHeight) {
            return;
        }
        double hscale = (double) targetWidth / image.width();
        double vscale = (double) targetHeight * frames / image.height();
        VipsImage out = resize(ctx.scope(), image, hscale, vscale);
        ctx.replace(out);
        if (frames > 1) {
            ctx.replace(Frames.withPageHeight(ctx.scope(), ctx.image(), targetHeight));
        }
    }

    static VipsImage resize(VipsScope scope, VipsImage image, double hscale, double vscale) {
        if (!image.hasAlpha()) {
            return Vips.op("resize").in("in", image).in("scale", hscale).in("vscale", vscale).callImage("out");
        }
        String format = image.bandFormat();
        VipsImage pre = scope.image(Vips.op("premultiply").in("in", image), "out");
        VipsImage preCast = scope.image(Vips.op("cast").in("in", pre).in("format", format), "out");
        VipsImage resized = scope.image(Vips.op("resize").in("in", preCast).in("scale", hscale)
                .in("vscale", vscale), "out");
        VipsImage un = scope.image(Vips.op("unpremultiply").in("in", resized), "out");
        return Vips.op("cast").in("in", un).in("format", format).callImage("out");
    }
}
