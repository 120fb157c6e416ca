package dev.pixkit.server.delivery;

import java.nio.file.Path;

/** Renders the media library thumbnail ({@code n-ik_ml_thumbnail}) of a stored image. */
interface Thumbnailer {
    /** Longest edges of the thumbnail box; the image fits inside it and is never enlarged. */
    int WIDTH = 400;
    int HEIGHT = 300;

    Rendered render(Path source, boolean acceptsWebp);

    record Rendered(byte[] bytes, String mime, String format) {}
}
