package dev.pixkit.imaging;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsBlob;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Header-only inspection of encoded images: finds the loader libvips would use and runs it, which
 * reads the header but decodes no pixels (libvips decodes lazily, and nothing here asks for pixels).
 */
public final class ImageProbe {

    private static final String HEIF_COMPRESSION = "heif-compression";

    private ImageProbe() {}

    /**
     * Probes encoded bytes.
     *
     * @throws UnsupportedImageException for empty, unknown, corrupt or unsupported input
     */
    public static ImageHeader probe(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (VipsBlob blob = VipsBlob.copyOf(data)) {
            return probe(blob);
        }
    }

    /** Probes bytes already held by libvips (no further copy). */
    public static ImageHeader probe(VipsBlob blob) {
        try {
            String loader = Vips.findLoader(blob);
            try (VipsImage image = Vips.op(loader).in("buffer", blob).callImage("out")) {
                return header(image, loader, () -> prefix(blob));
            }
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e);
        }
    }

    /**
     * Probes a file.
     *
     * @throws UncheckedIOException      wrapping {@link NoSuchFileException} if the file does not exist
     * @throws UnsupportedImageException for unknown, corrupt or unsupported content
     */
    public static ImageHeader probe(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        try {
            String loader = Vips.findLoader(file);
            try (VipsImage image = Vips.op(loader).in("filename", file.toString()).callImage("out")) {
                return header(image, loader, () -> prefix(file));
            }
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (VipsException e) {
            throw new UnsupportedImageException(e);
        }
    }

    private static ImageHeader header(VipsImage image, String loader, PrefixSource prefix) {
        ImageFormat format = formatOf(loader, image, prefix)
                .orElseThrow(() -> new UnsupportedImageException(loader,
                        "format not supported by Pixkit (read by libvips loader " + loader + ")"));
        return new ImageHeader(image.width(), image.pageHeight(), format, image.hasAlpha(), image.orientation(),
                Math.max(1, image.pages()));
    }

    /** Maps a libvips loader nickname (e.g. {@code webpload_buffer}) to a format. */
    static Optional<ImageFormat> formatOf(String loader, VipsImage image, PrefixSource prefix) {
        String base = loader.replaceFirst("load(_buffer|_source)?$", "");
        return Optional.ofNullable(switch (base) {
            case "jpeg" -> ImageFormat.JPEG;
            case "png" -> ImageFormat.PNG;
            case "webp" -> ImageFormat.WEBP;
            case "gif" -> ImageFormat.GIF;
            case "tiff" -> ImageFormat.TIFF;
            case "heif" -> isAv1(image, prefix) ? ImageFormat.AVIF : ImageFormat.HEIF;
            case "svg" -> ImageFormat.SVG;
            case "pdf" -> ImageFormat.PDF;
            case "jxl" -> ImageFormat.JXL;
            case "jp2k" -> ImageFormat.JP2;
            case "magick", "magick7", "magick6" -> startsWith(prefix.get(), "BM") ? ImageFormat.BMP : null;
            default -> null;
        });
    }

    private static boolean isAv1(VipsImage image, PrefixSource prefix) {
        Optional<String> compression = image.getString(HEIF_COMPRESSION);
        if (compression.isPresent()) {
            return compression.get().equalsIgnoreCase("av1");
        }
        String head = new String(prefix.get(), StandardCharsets.ISO_8859_1);
        return head.length() >= 12 && (head.startsWith("avif", 8) || head.startsWith("avis", 8));
    }

    private static boolean startsWith(byte[] data, String magic) {
        return new String(data, StandardCharsets.ISO_8859_1).startsWith(magic);
    }

    /** Supplies the first bytes of the input, only when the loader alone is not conclusive. */
    interface PrefixSource {
        byte[] get();
    }

    private static byte[] prefix(VipsBlob blob) {
        return blob.head(32);
    }

    private static byte[] prefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(32);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
