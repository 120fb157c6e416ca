package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parameters of a transformation into steps and layers: {@code ,} separates parameters, {@code :} steps;
 * {@code l-image|l-text … l-end} opens a layer whose own steps are separated by {@code :} too, nested to
 * {@link ParserLimits#maxLayerDepth()}. Empty parameters ({@code w-1,,h-2}) are skipped; empty steps are kept (they
 * change nothing when rendered), so {@code ""} is one empty step.
 */
final class ChainParser {
    private final List<Param> params;
    private final ParserLimits limits;
    private int pos;
    private int layerCount;

    ChainParser(String text, ParserLimits limits) {
        this.params = Param.split(text);
        this.limits = limits;
    }

    Transformation parse() {
        return new Transformation(chain(0, null, null, false));
    }

    /**
     * Steps until the end of the text (top level) or the layer's {@code l-end}, which is consumed. {@code emptyFirst}:
     * the opener was followed by {@code :}, so the layer's first step is empty.
     */
    private List<Step> chain(int depth, LayerParams layer, Param opener, boolean emptyFirst) {
        List<Step> steps = new ArrayList<>();
        if (emptyFirst) {
            steps.add(new StepParams(layer, limits).build());
            if (steps.size() >= limits.maxSteps()) {
                throw Errors.limit(opener.raw(), "a chain has more than " + limits.maxSteps() + " steps");
            }
        }
        StepParams step = new StepParams(layer, limits);
        while (true) {
            Param p = params.get(pos++);
            Param last = p;
            if (p.isLayerEnd()) {
                if (layer == null) {
                    throw Errors.invalid(p, "l-end without an open layer");
                }
                steps.add(step.build());
                return steps;
            } else if (p.isLayerStart()) {
                step.addLayer(layer(p, depth + 1));
                last = params.get(pos - 1);
            } else if (!p.raw().isEmpty()) {
                step.accept(p);
            }
            switch (last.after()) {
                case COMMA -> { }
                case COLON -> {
                    steps.add(step.build());
                    if (steps.size() >= limits.maxSteps()) {
                        throw Errors.limit(params.get(pos).raw(), "a chain has more than " + limits.maxSteps()
                                + " steps");
                    }
                    step = new StepParams(layer, limits);
                }
                case END -> {
                    if (layer != null) {
                        throw Errors.invalid(opener, "layer has no l-end");
                    }
                    steps.add(step.build());
                    return steps;
                }
            }
        }
    }

    private Layer layer(Param opener, int depth) {
        String type = opener.value() == null ? "" : opener.value();
        boolean text = switch (type) {
            case "image" -> false;
            case "text" -> true;
            case "video", "subtitles", "subtitle", "audio" -> throw Errors.unsupported(opener, type + " layers");
            default -> throw Errors.invalid(opener, "a layer is l-image or l-text");
        };
        if (depth > limits.maxLayerDepth()) {
            throw Errors.limit(opener.raw(), "layers nest more than " + limits.maxLayerDepth() + " levels deep");
        }
        if (++layerCount > limits.maxLayers()) {
            throw Errors.limit(opener.raw(), "more than " + limits.maxLayers() + " layers");
        }
        if (opener.after() == Param.Separator.END) {
            throw Errors.invalid(opener, "layer has no l-end");
        }
        LayerParams lp = new LayerParams(opener, text, limits);
        List<Step> steps = chain(depth, lp, opener, opener.after() == Param.Separator.COLON);
        return lp.build(steps);
    }
}
