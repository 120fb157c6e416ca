package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;

/**
 * What a {@link PipelineStep} sees while one chain step is applied: the current image, the step's parameters, the
 * geometry computed once for the step, the sizes expressions refer to, and the render's environment.
 *
 * <p>Contract shared by all stages (the signatures below are stable; the pipeline may add more):
 * <ul>
 *   <li>{@link #image()} is the current image; a stage that changes it calls {@link #replace} with the result. The
 *       previous image stays alive until the whole render ends (it is tracked by {@link #scope()}), so a stage never
 *       closes images itself.</li>
 *   <li>{@link #eval} evaluates an expression against {@link #bindings()}: {@code iw/ih} the input image,
 *       {@code cw/ch} the image as this step began, {@code bw/bh} the base image under a layer.</li>
 *   <li>{@link #geometry()} holds every size and offset of the step's resize/crop/pad, computed before any pixel
 *       work; stages read it instead of re-deriving sizes.</li>
 *   <li>{@link #renderLayer} renders a layer's source through its own transformation (recursively, depth-limited)
 *       and returns the layer image ready to composite; {@link #base()} is what it is composited on.</li>
 *   <li>Animations arrive as one tall image of frames stacked vertically ({@code page-height} set; see
 *       {@link #frameCount()}); {@link #mapFrames} applies a per-frame operation and re-stacks the result.</li>
 * </ul>
 */
final class StepContext {
    private final VipsScope scope;
    private final Step step;
    private final LayerRenderer layers;
    private final RenderState state;
    private final SourceImage source;
    private final int index;
    private final int count;
    private Geometry geometry;
    private Expr.Bindings bindings;
    private VipsImage image;

    /** A context outside a full render (e.g. a stage tested alone): one step, no source, default settings. */
    StepContext(VipsScope scope, VipsImage image, Step step, Geometry geometry, Expr.Bindings bindings,
            LayerRenderer layers) {
        this(scope, image, step, geometry, bindings, layers, null, null, 0, 1);
    }

    StepContext(VipsScope scope, VipsImage image, Step step, Geometry geometry, Expr.Bindings bindings,
            LayerRenderer layers, RenderState state, SourceImage source, int index, int count) {
        this.scope = scope;
        this.image = image;
        this.step = step;
        this.geometry = geometry;
        this.bindings = bindings;
        this.layers = layers;
        this.state = state;
        this.source = source;
        this.index = index;
        this.count = count;
    }

    VipsImage image() {
        return image;
    }

    void replace(VipsImage next) {
        image = scope.track(next);
    }

    Step step() {
        return step;
    }

    Geometry geometry() {
        return geometry;
    }

    /** Set by the pipeline once the step's starting size is known (after load, orientation and trim). */
    void geometry(Geometry value) {
        geometry = value;
    }

    Expr.Bindings bindings() {
        return bindings;
    }

    /** Set by the pipeline when the step's starting size changes before the geometry is computed (trim). */
    void bindings(Expr.Bindings value) {
        bindings = value;
    }

    double eval(Expr e) {
        return e.eval(bindings);
    }

    VipsScope scope() {
        return scope;
    }

    /** The image layers are composited on: the current image. */
    VipsImage base() {
        return image;
    }

    /** Renders {@code layer} (its source through its own transformation) for compositing on {@link #base()}. */
    VipsImage renderLayer(Layer layer) {
        return scope.track(layers.render(layer, image.width(), frameHeight(), bindings));
    }

    /** The render this step belongs to; null when a stage runs outside a render. */
    RenderState state() {
        return state;
    }

    /** The file this chain started from (the main source, or a layer's image); null outside a render. */
    SourceImage source() {
        return source;
    }

    /** 0 for the first step of the chain. */
    int index() {
        return index;
    }

    boolean isFirstStep() {
        return index == 0;
    }

    boolean isLastStep() {
        return index == count - 1;
    }

    /** Frames in the current image (1 unless it is an animation kept animated). */
    int frameCount() {
        return Frames.count(image);
    }

    /** Height of one frame (the image height for stills). */
    int frameHeight() {
        return Frames.height(image);
    }

    /** Applies {@code op} to every frame of the current image (or to the image itself) and replaces it. */
    void mapFrames(java.util.function.UnaryOperator<VipsImage> op) {
        replace(Frames.map(scope, image, op));
    }

    /** How layers are rendered; implemented by the pipeline (it owns loading, nesting and the depth limit). */
    interface LayerRenderer {
        /** The layer image, before positioning; the caller owns the result. */
        VipsImage render(Layer layer, int baseWidth, int baseHeight, Expr.Bindings outer);
    }

    /** Runs a whole nested transformation on an image; used for layers' own chains. */
    interface NestedRenderer {
        VipsImage render(VipsImage source, Transformation transformation, int baseWidth, int baseHeight);
    }
}
