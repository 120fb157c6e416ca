package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import java.util.function.UnaryOperator;

/** Animations as libvips holds them: frames stacked vertically, {@code page-height} giving one frame's height. */
final class Frames {

    static final String PAGE_HEIGHT = "page-height";

    private Frames() {}

    static int count(VipsImage image) {
        int pageHeight = image.pageHeight();
        int height = image.height();
        return pageHeight > 0 && pageHeight < height && height % pageHeight == 0 ? height / pageHeight : 1;
    }

    static int height(VipsImage image) {
        return count(image) > 1 ? image.pageHeight() : image.height();
    }

    /** Applies {@code op} to each frame and stacks the results again; {@code op}'s results are tracked here. */
    static VipsImage map(VipsScope scope, VipsImage image, UnaryOperator<VipsImage> op) {
        int n = count(image);
        if (n == 1) {
            return scope.track(op.apply(image));
        }
        int frameHeight = height(image);
        VipsImage[] frames = new VipsImage[n];
        for (int i = 0; i < n; i++) {
            VipsImage frame = scope.image(Vips.op("extract_area").in("input", image).in("left", 0)
                    .in("top", i * frameHeight).in("width", image.width()).in("height", frameHeight), "out");
            frames[i] = scope.track(op.apply(frame));
        }
        VipsImage joined = scope.image(Vips.op("arrayjoin").in("in", frames).in("across", 1), "out");
        return withPageHeight(scope, joined, frames[0].height());
    }

    /** Sets {@code page-height} on a copy (images are immutable once shared). */
    static VipsImage withPageHeight(VipsScope scope, VipsImage image, int frameHeight) {
        return scope.track(image.withInt(PAGE_HEIGHT, frameHeight));
    }
}
