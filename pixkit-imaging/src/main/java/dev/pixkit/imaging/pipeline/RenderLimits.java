package dev.pixkit.imaging.pipeline;

/**
 * Resource limits of one render, enforced by the renderer before any pixel is decoded.
 *
 * @param maxSourcePixels most pixels one source image may have, counted per frame for animations (width × frame
 *                        height); applies to the main source and to every layer image. Exceeding it is a
 *                        {@link LimitExceededException.Limit#SOURCE_PIXELS} (HTTP 413)
 * @param maxOutputSide   largest width or height a transformation may create (resize targets and padded sizes);
 *                        a source that is already larger may pass through unscaled
 * @param maxChainLength  most steps in one chain ({@code :}-separated), checked for the main transformation and for
 *                        every layer's own transformation
 * @param maxLayerDepth   deepest layer nesting ({@code l-…l-end} inside a layer counts 2); ImageKit allows 3
 */
public record RenderLimits(long maxSourcePixels, int maxOutputSide, int maxChainLength, int maxLayerDepth) {

    /** 100 megapixels per frame. */
    public static final long DEFAULT_MAX_SOURCE_PIXELS = 100_000_000L;
    public static final int DEFAULT_MAX_OUTPUT_SIDE = 8192;
    public static final int DEFAULT_MAX_CHAIN_LENGTH = 20;
    /** ImageKit documents three levels of nested layers. */
    public static final int DEFAULT_MAX_LAYER_DEPTH = 3;

    /** The defaults: 100 MP per frame, 8192 px, 20 steps, 3 layer levels. */
    public static RenderLimits defaults() {
        return new RenderLimits(DEFAULT_MAX_SOURCE_PIXELS, DEFAULT_MAX_OUTPUT_SIDE, DEFAULT_MAX_CHAIN_LENGTH,
                DEFAULT_MAX_LAYER_DEPTH);
    }

    public RenderLimits withMaxSourcePixels(long value) {
        return new RenderLimits(value, maxOutputSide, maxChainLength, maxLayerDepth);
    }

    public RenderLimits withMaxOutputSide(int value) {
        return new RenderLimits(maxSourcePixels, value, maxChainLength, maxLayerDepth);
    }

    public RenderLimits withMaxChainLength(int value) {
        return new RenderLimits(maxSourcePixels, maxOutputSide, value, maxLayerDepth);
    }

    public RenderLimits withMaxLayerDepth(int value) {
        return new RenderLimits(maxSourcePixels, maxOutputSide, maxChainLength, value);
    }

    /**
     * Checks every setting and names the first offending one, e.g.
     * {@code maxOutputSide must be between 1 and 10000000, was 0}.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException naming the setting and its value
     */
    public RenderLimits validate() {
        if (maxSourcePixels < 1) {
            throw new IllegalArgumentException("maxSourcePixels must be at least 1, was " + maxSourcePixels);
        }
        if (maxOutputSide < 1 || maxOutputSide > MAX_COORD) {
            throw new IllegalArgumentException(
                    "maxOutputSide must be between 1 and " + MAX_COORD + ", was " + maxOutputSide);
        }
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1, was " + maxChainLength);
        }
        if (maxLayerDepth < 0) {
            throw new IllegalArgumentException("maxLayerDepth must be at least 0 (0 = no layers), was " + maxLayerDepth);
        }
        return this;
    }

    /** libvips' largest coordinate. */
    private static final int MAX_COORD = 10_000_000;
}
