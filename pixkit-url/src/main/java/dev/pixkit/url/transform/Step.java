package dev.pixkit.url.transform;

import java.util.List;

/**
 * One step of a chain: the comma-separated parameters between two {@code :}. Groups are never null (use their
 * {@code NONE} constants); {@code named} ({@code n-}) and {@code defaultImage} ({@code di-}, the path with {@code @@}
 * already turned back into {@code /}) are null when absent. Layers are applied in the order written, after the
 * step's own parameters.
 */
public record Step(
        Resize resize,
        Effects effects,
        Decoration decoration,
        Output output,
        String named,
        String defaultImage,
        List<Layer> layers) {

    public static final Step NONE = new Step(Resize.NONE, Effects.NONE, Decoration.NONE, Output.NONE, null, null, List.of());

    public Step {
        java.util.Objects.requireNonNull(resize, "resize");
        java.util.Objects.requireNonNull(effects, "effects");
        java.util.Objects.requireNonNull(decoration, "decoration");
        java.util.Objects.requireNonNull(output, "output");
        layers = List.copyOf(layers);
    }

    public Step withResize(Resize r) {
        return new Step(r, effects, decoration, output, named, defaultImage, layers);
    }

    public Step withEffects(Effects e) {
        return new Step(resize, e, decoration, output, named, defaultImage, layers);
    }

    public Step withDecoration(Decoration d) {
        return new Step(resize, effects, d, output, named, defaultImage, layers);
    }

    public Step withOutput(Output o) {
        return new Step(resize, effects, decoration, o, named, defaultImage, layers);
    }

    public Step withNamed(String n) {
        return new Step(resize, effects, decoration, output, n, defaultImage, layers);
    }

    public Step withDefaultImage(String path) {
        return new Step(resize, effects, decoration, output, named, path, layers);
    }

    public Step withLayers(List<Layer> l) {
        return new Step(resize, effects, decoration, output, named, defaultImage, l);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
