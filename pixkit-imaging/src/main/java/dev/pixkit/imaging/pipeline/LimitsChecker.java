package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.pipeline.LimitExceededException.Limit;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;

/**
 * The one place each {@link RenderLimits} limit is enforced, always before pixels are decoded:
 * <ul>
 *   <li>{@link #checkTransformation}: chain length and layer depth, on the whole transformation tree before anything
 *       is loaded;</li>
 *   <li>{@link #checkSource}: source pixels per frame, on a header-only probe of every source (main image and layer
 *       images) before its loader is asked for pixels;</li>
 *   <li>{@link #checkGeometry}: the largest side a step creates, on each step's {@link Geometry} before the step's
 *       pixel work.</li>
 * </ul>
 */
final class LimitsChecker {

    private final RenderLimits limits;

    LimitsChecker(RenderLimits limits) {
        this.limits = limits.validate();
    }

    RenderLimits limits() {
        return limits;
    }

    /** Chain length of the transformation and of every nested layer transformation, and the layer nesting depth. */
    void checkTransformation(Transformation transformation) {
        checkTree(transformation, 0);
    }

    private void checkTree(Transformation t, int depth) {
        if (depth > limits.maxLayerDepth()) {
            throw new LimitExceededException(Limit.LAYER_DEPTH, depth, limits.maxLayerDepth(), "layer nesting depth");
        }
        if (t.steps().size() > limits.maxChainLength()) {
            throw new LimitExceededException(Limit.CHAIN_LENGTH, t.steps().size(), limits.maxChainLength(),
                    "transformation chain length");
        }
        for (Step step : t.steps()) {
            for (Layer layer : step.layers()) {
                checkTree(layer.transformation(), depth + 1);
            }
        }
    }

    /** Pixels of one frame (width × frame height) from a header probe; nothing has been decoded yet. */
    void checkSource(ImageHeader header) {
        long pixels = (long) header.width() * header.height();
        if (pixels > limits.maxSourcePixels()) {
            throw new LimitExceededException(Limit.SOURCE_PIXELS, pixels, limits.maxSourcePixels(),
                    "source image " + header.width() + "x" + header.height() + " has too many pixels"
                            + (header.pages() > 1 ? " per frame" : ""));
        }
    }

    /**
     * The sides a step creates: a resize target or padded output larger than the step's input on that axis may not
     * exceed {@code maxOutputSide} (a large source passing through unscaled is not "created").
     */
    void checkGeometry(Geometry g) {
        checkSide(g.resizeWidth(), g.inputWidth(), "resize width");
        checkSide(g.resizeHeight(), g.inputHeight(), "resize height");
        checkSide(g.outputWidth(), g.inputWidth(), "output width");
        checkSide(g.outputHeight(), g.inputHeight(), "output height");
    }

    private void checkSide(int side, int input, String what) {
        if (side > limits.maxOutputSide() && side > input) {
            throw new LimitExceededException(Limit.OUTPUT_SIDE, side, limits.maxOutputSide(), what);
        }
    }
}
