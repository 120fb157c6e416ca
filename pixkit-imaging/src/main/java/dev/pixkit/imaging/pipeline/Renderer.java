package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Transformation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * Renders a stored image through a transformation into encoded bytes. Stateless and thread-safe: one instance may
 * serve every request.
 *
 * <p>Order of work for {@link #render}:
 * <ol>
 *   <li>{@code orig-true} anywhere: the file's bytes as they are, no limits, no decoding.</li>
 *   <li>Limits that need no pixels: chain length and layer depth of the whole transformation tree, then a header-only
 *       probe of the source and its pixels per frame ({@link LimitsChecker}).</li>
 *   <li>The output plan (format, animation; see {@link OutputPlan}).</li>
 *   <li>Each chain step: load (first step only, shrinking while decoding when the step's {@link Geometry} allows) →
 *       auto-orient → trim → geometry (checked against the output-side limit) → crop/extract → resize → rotate/flip
 *       → effects → pad → radius/border → layers; then colour profile → metadata → encode.</li>
 * </ol>
 * Every intermediate libvips image is tracked by one {@link VipsScope} that closes when {@code render} returns or
 * throws.
 *
 * <p>Errors: {@link LimitExceededException} (413/400), {@link dev.pixkit.url.transform.TransformationException}
 * (impossible geometry, unknown layer file, an output format this libvips cannot write: 400),
 * {@link UnsupportedImageException} (the source or a layer is not a readable image), {@link UncheckedIOException}
 * (the source file is missing), {@link dev.pixkit.imaging.vips.VipsException} (libvips failed while rendering, e.g.
 * pixel data damaged past the header).
 */
public final class Renderer {

    /** Creates a renderer; libvips is loaded on first use. */
    public Renderer() {}

    /** Renders {@code request}. */
    public RenderResult render(RenderRequest request) {
        Objects.requireNonNull(request, "request");
        LimitsChecker limits = new LimitsChecker(request.limits());
        Transformation t = request.transformation();
        if (OutputPlan.original(t)) {
            return original(request);
        }
        limits.checkTransformation(t);
        ImageHeader header = ImageProbe.probe(request.source());
        limits.checkSource(header);
        OutputPlan plan = OutputPlan.of(t, header, request.accept());
        RenderState state = new RenderState(request, limits, plan);
        SourceImage source = new SourceImage(request.source(), header, Vips.findLoader(request.source()),
                plan.animate(), request.customCoordinates());
        state.mainSource = source;
        try (VipsScope scope = new VipsScope()) {
            StepContext last = Pipeline.run(scope, state, source, t, source.displayWidth(), source.displayHeight(), 0);
            Pipeline.finish(last);
            return new RenderResult(state.bytes, state.format, last.image().width(), last.frameHeight(),
                    plan.varyOnAccept());
        }
    }

    private static RenderResult original(RenderRequest request) {
        ImageHeader header = ImageProbe.probe(request.source());
        try {
            return new RenderResult(Files.readAllBytes(request.source()), header.format(), header.width(),
                    header.height(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
