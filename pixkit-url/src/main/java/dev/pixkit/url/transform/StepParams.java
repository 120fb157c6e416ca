package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the parameters of one step and writes a step back. Each key may appear once per step (a second
 * {@code w-} is INVALID); layer-wide keys go to the enclosing {@link LayerParams}.
 *
 * <p>Canonical order: {@code n}, resize ({@link ResizeParams}), effects ({@link EffectParams}), decoration
 * ({@link DecorationParams}), output ({@link OutputParams}), {@code di}, then the layers in the order written.
 */
final class StepParams {
    private final LayerParams layer;
    private final ResizeParams resize;
    private final EffectParams effects = new EffectParams();
    private final DecorationParams decoration;
    private final OutputParams output = new OutputParams();
    private final Set<String> seen = new HashSet<>();
    private final List<Layer> layers = new ArrayList<>();
    private String named;
    private String defaultImage;

    /** {@code layer}: the layer this step belongs to, or null for a top-level step. */
    StepParams(LayerParams layer, ParserLimits limits) {
        this.layer = layer;
        this.resize = new ResizeParams(limits);
        this.decoration = new DecorationParams(limits);
    }

    void accept(Param p) {
        String key = p.key();
        Unsupported.check(p);
        if (LayerParams.KEYS.contains(key)) {
            if (layer == null) {
                throw Errors.invalid(p, "\"" + key + "\" is only allowed inside a layer (l-image or l-text … l-end)");
            }
            layer.accept(p);
            return;
        }
        boolean known = ResizeParams.KEYS.contains(key) || EffectParams.KEYS.contains(key)
                || DecorationParams.KEYS.contains(key) || OutputParams.KEYS.contains(key)
                || key.equals("n") || key.equals("di");
        if (!known) {
            throw Errors.invalid(p, "unknown parameter \"" + key + "\"");
        }
        if (!seen.add(key)) {
            throw Errors.invalid(p, "\"" + key + "\" is given twice in one step");
        }
        if (ResizeParams.KEYS.contains(key)) {
            resize.accept(p);
        } else if (EffectParams.KEYS.contains(key)) {
            effects.accept(p);
        } else if (DecorationParams.KEYS.contains(key)) {
            decoration.accept(p);
        } else if (OutputParams.KEYS.contains(key)) {
            output.accept(p);
        } else {
            if (layer != null) {
                throw Errors.invalid(p, "\"" + key + "\" is not allowed inside a layer");
            }
            if (key.equals("n")) {
                named = Values.name(p, Values.required(p));
            } else {
                defaultImage = Values.path(p, Values.required(p));
            }
        }
    }

    void addLayer(Layer l) {
        layers.add(l);
    }

    Step build() {
        return new Step(resize.build(), effects.build(), decoration.build(), output.build(), named, defaultImage,
                layers);
    }

    /** The step as written: {@code head} (a layer's input, position, style) first, parameters joined by commas. */
    static String format(Step s, List<String> head) {
        List<String> out = new ArrayList<>(head);
        if (s.named() != null) {
            out.add("n-" + s.named());
        }
        ResizeParams.format(s.resize(), out);
        EffectParams.format(s.effects(), out);
        DecorationParams.format(s.decoration(), out);
        OutputParams.format(s.output(), out);
        if (s.defaultImage() != null) {
            out.add("di-" + Values.formatPath(s.defaultImage()));
        }
        for (Layer l : s.layers()) {
            out.add(formatLayer(l));
        }
        return String.join(",", out);
    }

    static String formatLayer(Layer l) {
        String type = l.source() instanceof Layer.Source.Text ? "text" : "image";
        List<Step> steps = l.transformation().steps();
        List<String> written = new ArrayList<>();
        written.add(format(steps.getFirst(), LayerParams.formatHead(l)));
        for (Step s : steps.subList(1, steps.size())) {
            written.add(format(s, List.of()));
        }
        return "l-" + type + "," + String.join(":", written) + ",l-end";
    }
}
