package dev.pixkit.imaging;

import java.util.Locale;
import java.util.Optional;

/**
 * Image formats Pixkit recognises. The first five can be written ({@link #isWritable()}); the rest
 * are detected on input only.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", "jpegsave_buffer"),
    PNG("image/png", "png", "pngsave_buffer"),
    WEBP("image/webp", "webp", "webpsave_buffer"),
    /** Written with {@code heifsave_buffer} and {@code compression=av1}. */
    AVIF("image/avif", "avif", "heifsave_buffer"),
    GIF("image/gif", "gif", "gifsave_buffer"),
    TIFF("image/tiff", "tiff", null),
    /** HEIF/HEIC with HEVC compression (AV1-compressed HEIF is {@link #AVIF}). */
    HEIF("image/heif", "heic", null),
    SVG("image/svg+xml", "svg", null),
    PDF("application/pdf", "pdf", null),
    BMP("image/bmp", "bmp", null),
    JXL("image/jxl", "jxl", null),
    JP2("image/jp2", "jp2", null);

    private final String mimeType;
    private final String extension;
    private final String saver;

    ImageFormat(String mimeType, String extension, String saver) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.saver = saver;
    }

    /** MIME type, e.g. {@code image/webp}. */
    public String mimeType() {
        return mimeType;
    }

    /** Usual file extension without the dot, e.g. {@code jpg}. */
    public String extension() {
        return extension;
    }

    /** True if Pixkit can encode this format (libvips support still varies: see {@code ImageEncoder.canSave}). */
    public boolean isWritable() {
        return saver != null;
    }

    /** The libvips saver operation for writable formats, e.g. {@code webpsave_buffer}. */
    public Optional<String> saver() {
        return Optional.ofNullable(saver);
    }

    /** Parses a format name or extension as used in URLs ({@code jpg}, {@code jpeg}, {@code webp}, ...). */
    public static Optional<ImageFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (n) {
            case "jpg", "jpeg", "jpe", "jfif" -> JPEG;
            case "png" -> PNG;
            case "webp" -> WEBP;
            case "avif" -> AVIF;
            case "gif" -> GIF;
            case "tif", "tiff" -> TIFF;
            case "heic", "heif" -> HEIF;
            case "svg" -> SVG;
            case "pdf" -> PDF;
            case "bmp" -> BMP;
            case "jxl" -> JXL;
            case "jp2", "j2k", "jpx" -> JP2;
            default -> null;
        });
    }

    /** The format for a MIME type, if known. */
    public static Optional<ImageFormat> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String m = mimeType.strip().toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (f.mimeType.equals(m)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
