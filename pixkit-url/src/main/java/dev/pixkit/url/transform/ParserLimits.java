package dev.pixkit.url.transform;

/**
 * Bounds on what {@link TransformationParser} accepts; exceeding one is a
 * {@link TransformationException.Kind#LIMIT}.
 *
 * @param maxSteps              steps in one chain (the top level, and each layer's own chain); default 20
 * @param maxLayerDepth         layers inside layers; 1 allows layers on the image but none inside them; default 3
 * @param maxInputLength        characters of the (URL-decoded) transformation text; default 4096
 * @param maxLayers             layers in the whole transformation, at any depth; default 50
 * @param maxExpressionOperands numbers and variables in one arithmetic expression; default 32
 */
public record ParserLimits(int maxSteps, int maxLayerDepth, int maxInputLength, int maxLayers,
        int maxExpressionOperands) {

    /** The defaults: 20 steps, depth 3, 4096 characters, 50 layers, 32 operands. */
    public static final ParserLimits DEFAULTS = new ParserLimits(20, 3, 4096, 50, 32);

    public ParserLimits {
        if (maxSteps < 1 || maxLayerDepth < 0 || maxInputLength < 0 || maxLayers < 0 || maxExpressionOperands < 1) {
            throw new IllegalArgumentException("invalid parser limits: " + maxSteps + ", " + maxLayerDepth + ", "
                    + maxInputLength + ", " + maxLayers + ", " + maxExpressionOperands);
        }
    }

    public ParserLimits withMaxSteps(int n) {
        return new ParserLimits(n, maxLayerDepth, maxInputLength, maxLayers, maxExpressionOperands);
    }

    public ParserLimits withMaxLayerDepth(int n) {
        return new ParserLimits(maxSteps, n, maxInputLength, maxLayers, maxExpressionOperands);
    }

    public ParserLimits withMaxInputLength(int n) {
        return new ParserLimits(maxSteps, maxLayerDepth, n, maxLayers, maxExpressionOperands);
    }

    public ParserLimits withMaxLayers(int n) {
        return new ParserLimits(maxSteps, maxLayerDepth, maxInputLength, n, maxExpressionOperands);
    }

    public ParserLimits withMaxExpressionOperands(int n) {
        return new ParserLimits(maxSteps, maxLayerDepth, maxInputLength, maxLayers, n);
    }
}
