package dev.pixkit.imaging.pipeline;

import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What to render.
 *
 * @param source            the stored file
 * @param transformation    the chain to apply ({@code n-} named transformations already expanded by the caller)
 * @param accept            which modern formats the client accepts, for {@code f-auto}
 * @param layerResolver     finds the file of an {@code l-image,i-<path>} layer (path as written, {@code @@} already
 *                          turned into {@code /}); empty if there is no such file
 * @param customCoordinates the source file's {@code customCoordinates}, for {@code fo-custom}; null if none
 * @param clientHints       {@code Sec-CH-Width} / {@code Sec-CH-DPR} values for {@code w-auto} / {@code dpr-auto};
 *                          never null ({@link ClientHints#NONE})
 * @param limits            resource limits (validated by the renderer)
 */
public record RenderRequest(
        Path source,
        Transformation transformation,
        Accept accept,
        Function<String, Optional<Path>> layerResolver,
        CustomCoordinates customCoordinates,
        ClientHints clientHints,
        RenderLimits limits) {

    public RenderRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(transformation, "transformation");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(layerResolver, "layerResolver");
        Objects.requireNonNull(clientHints, "clientHints");
        Objects.requireNonNull(limits, "limits");
    }

    /** A request with no modern formats accepted, no layer files, no custom coordinates and default limits. */
    public static RenderRequest of(Path source, Transformation transformation) {
        return new RenderRequest(source, transformation, Accept.NONE, _ -> Optional.empty(), null, ClientHints.NONE,
                RenderLimits.defaults());
    }

    /** The source unchanged but re-encoded (no transformation). */
    public static RenderRequest of(Path source) {
        return of(source, Transformation.of(Step.NONE));
    }

    public RenderRequest withAccept(Accept value) {
        return new RenderRequest(source, transformation, value, layerResolver, customCoordinates, clientHints, limits);
    }

    public RenderRequest withLayerResolver(Function<String, Optional<Path>> value) {
        return new RenderRequest(source, transformation, accept, value, customCoordinates, clientHints, limits);
    }

    public RenderRequest withCustomCoordinates(CustomCoordinates value) {
        return new RenderRequest(source, transformation, accept, layerResolver, value, clientHints, limits);
    }

    public RenderRequest withClientHints(ClientHints value) {
        return new RenderRequest(source, transformation, accept, layerResolver, customCoordinates, value, limits);
    }

    public RenderRequest withLimits(RenderLimits value) {
        return new RenderRequest(source, transformation, accept, layerResolver, customCoordinates, clientHints, value);
    }

    /** The formats {@code f-auto} may choose beyond JPEG and PNG. */
    public record Accept(boolean avif, boolean webp) {
        public static final Accept NONE = new Accept(false, false);
        public static final Accept ALL = new Accept(true, true);

        /**
         * Reads an HTTP {@code Accept} header: a format counts as accepted if its MIME type is listed with a non-zero
         * q-value. Wildcards ({@code image/*}, {@code *}{@code /*}) do not count: browsers send them without supporting
         * AVIF, so ImageKit-style negotiation only trusts explicit types.
         */
        public static Accept fromHeader(String header) {
            if (header == null || header.isBlank()) {
                return NONE;
            }
            boolean avif = false;
            boolean webp = false;
            for (String part : header.split(",")) {
                String[] fields = part.strip().toLowerCase(Locale.ROOT).split(";");
                String type = fields[0].strip();
                if (qualityOf(fields) <= 0) {
                    continue;
                }
                avif |= type.equals("image/avif");
                webp |= type.equals("image/webp");
            }
            return new Accept(avif, webp);
        }

        private static double qualityOf(String[] fields) {
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].strip();
                if (f.startsWith("q=")) {
                    try {
                        return Double.parseDouble(f.substring(2));
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                }
            }
            return 1;
        }
    }

    /**
     * Client hints: {@code width} for {@code w-auto} ({@code Sec-CH-Width}), {@code dpr} for {@code dpr-auto}
     * ({@code Sec-CH-DPR}). Null components were not sent: {@code w-auto} is then ignored and {@code dpr-auto} is 1.
     */
    public record ClientHints(Double width, Double dpr) {
        public static final ClientHints NONE = new ClientHints(null, null);
    }
}
