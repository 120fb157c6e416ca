package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.TransformationException;
import java.nio.file.Path;

/**
 * The pipeline's {@link StepContext.LayerRenderer}: renders a layer's source through the layer's own transformation,
 * with {@code bw/bh} bound to the base image, ready for {@link LayersStep} to composite.
 * <ul>
 *   <li>{@code l-image,i-<path>}: the file comes from the request's layer resolver (missing: a
 *       {@link TransformationException} {@code INVALID} naming {@code l-image}); it is probed and must pass the
 *       source-pixel limit like the main image, then loaded and transformed by the same stages, recursively.</li>
 *   <li>{@code i-ik_canvas}: {@link CanvasRenderer} makes the block, the rest of the layer's chain runs over it.</li>
 *   <li>{@code l-text}: {@link TextRenderer} makes the text image, the rest of the chain runs over it.</li>
 * </ul>
 * Layer nesting depth and chain lengths were checked for the whole tree before the render started
 * ({@link LimitsChecker#checkTransformation}). Results are 8-bit sRGB.
 */
final class PipelineLayers implements StepContext.LayerRenderer {

    private final VipsScope scope;
    private final RenderState state;
    private final int depth;

    PipelineLayers(VipsScope scope, RenderState state, int depth) {
        this.scope = scope;
        this.state = state;
        this.depth = depth;
    }

    @Override
    public VipsImage render(Layer layer, int baseWidth, int baseHeight, Expr.Bindings outer) {
        StepContext last = switch (layer.source()) {
            case Layer.Source.Image(String path) -> {
                SourceImage source = source(path);
                yield Pipeline.run(scope, state, source, layer.transformation(), baseWidth, baseHeight, depth + 1);
            }
            case Layer.Source.Canvas _ -> Pipeline.runOn(scope, state,
                    scope.track(CanvasRenderer.render(layer, baseWidth, baseHeight, outer)),
                    CanvasRenderer.remaining(layer), baseWidth, baseHeight, depth + 1);
            case Layer.Source.Text _ -> Pipeline.runOn(scope, state,
                    scope.track(TextRenderer.render(layer, baseWidth, baseHeight, outer)),
                    TextRenderer.remaining(layer), baseWidth, baseHeight, depth + 1);
        };
        VipsImage image = BackgroundPainter.srgb(scope, last.image());
        return Vips.op("copy").in("in", image).callImage("out");
    }

    private SourceImage source(String path) {
        Path file = state.request.layerResolver().apply(path).orElseThrow(() -> new TransformationException(
                TransformationException.Kind.INVALID, "l-image",
                "Invalid transformation parameter \"l-image\": layer image not found: " + path));
        ImageHeader header = ImageProbe.probe(file);
        state.limits.checkSource(header);
        return new SourceImage(file, header, Vips.findLoader(file), false, null);
    }
}
