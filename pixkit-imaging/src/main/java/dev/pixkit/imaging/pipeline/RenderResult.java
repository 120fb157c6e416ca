package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageFormat;
import java.util.Objects;

/**
 * An encoded rendition.
 *
 * @param bytes        the encoded image
 * @param format       its format ({@link ImageFormat#mimeType()} gives the Content-Type)
 * @param width        width in pixels
 * @param height       height in pixels (of one frame, for animations)
 * @param varyOnAccept true if the format was negotiated from the Accept header ({@code f-auto}): responses must carry
 *                     {@code Vary: Accept}
 */
public record RenderResult(byte[] bytes, ImageFormat format, int width, int height, boolean varyOnAccept) {
    public RenderResult {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
    }
}
