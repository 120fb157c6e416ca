package dev.pixkit.server.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders a catalogued image through a delivery URL's transformation, exactly as delivery would serve it (same
 * parser, limits, named transformations and result cache). Declared here, implemented by the delivery feature, so
 * that catalog code can ask for a rendition without depending on delivery.
 */
public interface TransformationRenderer {

    /**
     * The rendered bytes of {@code file} (whose content is at {@code source}) under {@code transformation} — or empty
     * when the transformation leaves the original untouched ({@code orig-true}, or only a default image).
     *
     * @throws dev.pixkit.server.system.ApiException with delivery's status and message when the transformation is
     *                                               invalid, exceeds a limit, cannot be rendered or the server is
     *                                               too busy
     */
    Optional<byte[]> render(FileRecord file, Path source, String transformation);
}
