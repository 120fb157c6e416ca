package dev.pixkit.imaging.pipeline.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Golden-image checks for the rendering stages: the rendered image is compared with a reviewed PNG under
 * {@code src/test/resources/goldens/} by perceptual distance (SSIM), not byte equality, so small differences between
 * libvips builds (8.14 vs 8.17, different Pango/FreeType) pass while real regressions fail.
 *
 * <p>How the comparison works: both images must have the same size and the same alpha-ness; each is composited over an
 * 8-px grey checkerboard (so transparency differences count), reduced to luma (Rec. 601) and compared with the mean
 * SSIM (Gaussian 11×11 window, σ 1.5, the usual constants). {@link #DEFAULT_MIN_SSIM} is the default bar; text goldens
 * use a looser one ({@link #TEXT_MIN_SSIM}) because glyph rasterisation differs between Pango/FreeType builds.
 *
 * <p>Regenerate with {@code -Dpixkit.goldens.update=true} or {@code PIXKIT_UPDATE_GOLDENS=1}: the goldens are then
 * rewritten (and the check passes). Goldens are kept small: at most {@value #MAX_SIDE} px per side, 8-bit PNG
 * without metadata. On a failure the actual image is written to {@code target/goldens-actual/} for inspection.
 */
public final class Goldens {

    public static final double DEFAULT_MIN_SSIM = 0.97;
    public static final double TEXT_MIN_SSIM = 0.80;
    public static final int MAX_SIDE = 128;

    private Goldens() {}

    /** True when goldens are being regenerated instead of checked. */
    public static boolean updating() {
        String property = System.getProperty("pixkit.goldens.update");
        String env = System.getenv("PIXKIT_UPDATE_GOLDENS");
        return "true".equalsIgnoreCase(property) || "1".equals(property)
                || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** Checks {@code actual} against golden {@code name} with {@link #DEFAULT_MIN_SSIM}. */
    public static void assertMatches(String name, VipsImage actual) {
        assertMatches(name, actual, DEFAULT_MIN_SSIM);
    }

    /** Checks {@code actual} against golden {@code name}: same size and alpha-ness, SSIM ≥ {@code minSsim}. */
    public static void assertMatches(String name, VipsImage actual, double minSsim) {
        assertMatches(name, actual, minSsim, 0);
    }

    /**
     * Text goldens: like {@link #assertMatches(String, VipsImage, double)}, but the size may differ by up to
     * {@code sizeTolerance} pixels per side (glyph extents vary by a pixel between Pango/FreeType builds): the actual
     * image is centred on a transparent canvas of the golden's size, and the best SSIM over shifts of up to
     * {@code sizeTolerance} pixels in each direction counts.
     */
    public static void assertMatches(String name, VipsImage actual, double minSsim, int sizeTolerance) {
        assertThat(Math.max(actual.width(), actual.height()))
                .as("golden %s must be at most %d px per side", name, MAX_SIDE).isLessThanOrEqualTo(MAX_SIDE);
        byte[] png = png(actual);
        Path file = directory().resolve(name + ".png");
        if (updating()) {
            write(file, png);
            return;
        }
        byte[] expected = read(file, name);
        if (expected == null) {
            writeActual(name, png);
            fail("golden %s is missing (%s); run the tests with -Dpixkit.goldens.update=true to create it", name, file);
        }
        BufferedImage want = decode(expected);
        BufferedImage got = decode(png);
        if (Math.abs(want.getWidth() - got.getWidth()) > sizeTolerance
                || Math.abs(want.getHeight() - got.getHeight()) > sizeTolerance) {
            writeActual(name, png);
            fail("golden %s: size %dx%d, expected %dx%d", name, got.getWidth(), got.getHeight(), want.getWidth(),
                    want.getHeight());
        }
        boolean wantAlpha = want.getColorModel().hasAlpha();
        boolean gotAlpha = got.getColorModel().hasAlpha();
        if (wantAlpha != gotAlpha) {
            writeActual(name, png);
            fail("golden %s: alpha %s, expected %s", name, gotAlpha, wantAlpha);
        }
        double[] expectedLuma = luma(want);
        double ssim = -1;
        // With a size tolerance, the best of the placements within it (glyphs may move by a pixel between builds).
        for (int dy = -sizeTolerance; dy <= sizeTolerance; dy++) {
            for (int dx = -sizeTolerance; dx <= sizeTolerance; dx++) {
                BufferedImage placed = sizeTolerance == 0 ? got : place(got, want.getWidth(), want.getHeight(), dx, dy);
                ssim = Math.max(ssim, ssim(expectedLuma, luma(placed), want.getWidth(), want.getHeight()));
            }
        }
        if (Boolean.getBoolean("pixkit.goldens.verbose")) {
            System.out.printf(Locale.ROOT, "[goldens] %s SSIM %.4f (min %.2f)%n", name, ssim, minSsim);
        }
        if (ssim < minSsim) {
            Path out = writeActual(name, png);
            fail(String.format(Locale.ROOT, "golden %s: SSIM %.4f < %.2f (actual written to %s)", name, ssim, minSsim,
                    out));
        }
    }

    /** Mean SSIM of two luma planes of the same size. */
    public static double ssim(double[] a, double[] b, int width, int height) {
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        int n = width * height;
        double[] aa = new double[n];
        double[] bb = new double[n];
        double[] ab = new double[n];
        for (int i = 0; i < n; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        double[] muA = gauss(a, width, height);
        double[] muB = gauss(b, width, height);
        double[] sAA = gauss(aa, width, height);
        double[] sBB = gauss(bb, width, height);
        double[] sAB = gauss(ab, width, height);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double va = sAA[i] - muA[i] * muA[i];
            double vb = sBB[i] - muB[i] * muB[i];
            double cov = sAB[i] - muA[i] * muB[i];
            sum += ((2 * muA[i] * muB[i] + c1) * (2 * cov + c2))
                    / ((muA[i] * muA[i] + muB[i] * muB[i] + c1) * (va + vb + c2));
        }
        return sum / n;
    }

    private static double[] gauss(double[] in, int width, int height) {
        int radius = 5;
        double sigma = 1.5;
        double[] k = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            total += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                for (int i = -radius; i <= radius; i++) {
                    int xx = Math.clamp(x + i, 0, width - 1);
                    v += k[i + radius] * in[y * width + xx];
                }
                tmp[y * width + x] = v;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                for (int i = -radius; i <= radius; i++) {
                    int yy = Math.clamp(y + i, 0, height - 1);
                    v += k[i + radius] * tmp[yy * width + x];
                }
                out[y * width + x] = v;
            }
        }
        return out;
    }

    /** {@code image} centred on a transparent {@code width × height} canvas, moved by ({@code dx}, {@code dy}). */
    private static BufferedImage place(BufferedImage image, int width, int height, int dx, int dy) {
        BufferedImage out = new BufferedImage(width, height,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int ox = (width - image.getWidth()) / 2 + dx;
        int oy = (height - image.getHeight()) / 2 + dy;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int tx = x + ox;
                int ty = y + oy;
                if (tx >= 0 && ty >= 0 && tx < width && ty < height) {
                    out.setRGB(tx, ty, image.getRGB(x, y));
                }
            }
        }
        return out;
    }

    /** Luma of the image composited over an 8-px checkerboard of greys 96 and 160. */
    static double[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double checker = ((x / 8 + y / 8) % 2 == 0) ? 96 : 160;
                double r = ((argb >> 16) & 0xff) * a + checker * (1 - a);
                double g = ((argb >> 8) & 0xff) * a + checker * (1 - a);
                double b = (argb & 0xff) * a + checker * (1 - a);
                out[y * w + x] = 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
        return out;
    }

    /** 8-bit sRGB PNG of {@code image}, maximum compression, no metadata. */
    public static byte[] png(VipsImage image) {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = image;
            if (!"srgb".equals(in.interpretation()) || !"uchar".equals(in.bandFormat())) {
                in = s.image(Vips.op("colourspace").in("in", in).in("space", "srgb"), "out");
                in = s.image(Vips.op("cast").in("in", in).in("format", "uchar"), "out");
            }
            var save = Vips.op("pngsave_buffer").in("in", in).in("compression", 9);
            if (Vips.hasArgument("pngsave_buffer", "keep")) {
                save.in("keep", "none");
            } else {
                save.in("strip", true);
            }
            return save.callBytes("buffer");
        }
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalStateException("not a readable PNG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code src/test/resources/goldens} of this module (Maven runs tests in the module directory). */
    static Path directory() {
        return root().resolve("src/test/resources/goldens");
    }

    private static Path root() {
        String base = System.getProperty("basedir");
        Path root = base != null ? Path.of(base) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("src/test")) && Files.isDirectory(root.resolve("pixkit-imaging/src/test"))) {
            root = root.resolve("pixkit-imaging");
        }
        return root;
    }

    private static byte[] read(Path file, String name) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = Goldens.class.getResourceAsStream("/goldens/" + name + ".png")) {
                return in == null ? null : in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] png) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeActual(String name, byte[] png) {
        Path out = root().resolve("target/goldens-actual/" + name + ".png");
        write(out, png);
        return out;
    }
}
