package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Background;
import dev.pixkit.url.transform.Color;
import java.util.function.UnaryOperator;

/**
 * Paints what padding and rotation reveal ({@code bg-…}), and holds the small pixel helpers the rendering stages
 * share (colour space, alpha, solid colours, compositing, per-frame processing).
 *
 * <h2>Backgrounds</h2>
 * <ul>
 *   <li>A {@link Color}: a solid block; an alpha band only when the colour is not opaque. No {@code bg} at all paints
 *       ImageKit's default, opaque black ({@link #DEFAULT_COLOR}).</li>
 *   <li>{@code bg-blurred[_radius][_brightness]}: the source (its first frame) cover-resized to the canvas
 *       ({@code thumbnail_image}, centre crop), Gaussian-blurred with the radius mapped like {@code bl}
 *       ({@link EffectsStep#blurSigma}: sigma = 1 + radius / 2; default radius {@value #DEFAULT_BLUR_RADIUS}), then
 *       brightened by adding {@code brightness} (−255…255, default {@value #DEFAULT_BRIGHTNESS}) to every colour band.
 *       Transparency in the source is kept (blurred premultiplied).</li>
 *   <li>{@code bg-dominant}: the source's dominant colour, see {@link #dominantColor}.</li>
 * </ul>
 *
 * <p>The public-to-the-pipeline entry points ({@link #canvas(VipsImage, int, int, Background)},
 * {@link #behind(VipsImage, int, int, int, int, Background, VipsImage)}, {@link #dominantColor(VipsImage)}) return
 * images the caller owns. The helpers taking a {@link VipsScope} return images tracked by that scope.
 */
final class BackgroundPainter {

    /** ImageKit's documented default background: black. */
    static final Color DEFAULT_COLOR = Color.BLACK;
    /** {@code bg-blurred} without a radius. */
    static final int DEFAULT_BLUR_RADIUS = 20;
    /** {@code bg-blurred} without a brightness. */
    static final int DEFAULT_BRIGHTNESS = 0;
    /** Longest side of the thumbnail {@link #dominantColor} analyses. */
    static final int DOMINANT_SAMPLE_SIZE = 100;
    /** Histogram bins per channel for {@link #dominantColor} (8 → 32 levels per bin, 512 bins). */
    static final int DOMINANT_BINS = 8;

    private BackgroundPainter() {}

    // ------------------------------------------------------------------------------------------------------------
    // Backgrounds (caller owns the results)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A {@code width × height} sRGB canvas painted with {@code background} (null: {@link #DEFAULT_COLOR}); blurred and
     * dominant backgrounds are derived from {@code source}. Has an alpha band only when the paint is not opaque.
     */
    static VipsImage canvas(VipsImage source, int width, int height, Background background) {
        try (VipsScope s = new VipsScope()) {
            return own(canvas(s, source, width, height, background));
        }
    }

    /**
     * {@code content} placed with its top-left at ({@code left}, {@code top}) on a {@code width × height} canvas
     * painted with {@code background} (see {@link #canvas}); content outside the canvas is clipped. Multi-page content
     * is handled frame by frame (all pages get the same canvas and offset). {@code source} is what blurred/dominant
     * backgrounds derive from (usually the content itself; may be null for solid colours). The result has an alpha
     * band when the content or the paint has one.
     */
    static VipsImage behind(VipsImage content, int left, int top, int width, int height, Background background,
            VipsImage source) {
        try (VipsScope s = new VipsScope()) {
            return own(behind(s, content, left, top, width, height, background, source));
        }
    }

    /**
     * The dominant colour of {@code source} (first frame), opaque.
     *
     * <p>How: the image is reduced to at most {@value #DOMINANT_SAMPLE_SIZE} px on its longest side; pixels with
     * alpha below 50 % are ignored; a 3-D RGB histogram with {@value #DOMINANT_BINS} bins per channel (512 colour
     * cells of 32 levels each) is built ({@code hist_find_ndim}); the most populated cell wins (ties: the darker
     * cell) and the result is the mean colour of the pixels in that cell — so the answer is a real colour of the
     * image, not a cell centre. A fully transparent image gives {@link #DEFAULT_COLOR}.
     */
    static Color dominantColor(VipsImage source) {
        try (VipsScope s = new VipsScope()) {
            return dominantColor(s, source);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Backgrounds (scope-tracked)
    // ------------------------------------------------------------------------------------------------------------

    static VipsImage canvas(VipsScope s, VipsImage source, int width, int height, Background background) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive: " + width + "x" + height);
        }
        Background bg = background == null ? DEFAULT_COLOR : background;
        return switch (bg) {
            case Color c -> solid(s, width, height, c, !c.isOpaque());
            case Background.Dominant _ -> solid(s, width, height,
                    source == null ? DEFAULT_COLOR : dominantColor(s, source), false);
            case Background.Blurred b -> source == null
                    ? solid(s, width, height, DEFAULT_COLOR, false)
                    : blurred(s, source, width, height, b);
        };
    }

    static VipsImage behind(VipsScope s, VipsImage content, int left, int top, int width, int height,
            Background background, VipsImage source) {
        Background bg = background == null ? DEFAULT_COLOR : background;
        boolean contentAlpha = content.hasAlpha();
        if (bg instanceof Color c && (c.isOpaque() && !contentAlpha || c.alpha() == 0)) {
            // The common padding case: one embed per frame, no compositing.
            double[] ink = c.isOpaque() ? rgb(c) : new double[] {c.red(), c.green(), c.blue(), 0};
            return perFrame(s, content, frame -> {
                VipsImage f = srgb(s, frame);
                VipsImage in = c.isOpaque() ? f : withAlpha(s, f);
                return call(s, Vips.op("embed").in("in", in).in("x", left).in("y", top)
                        .in("width", width).in("height", height)
                        .in("extend", "background").in("background", ink));
            });
        }
        // One paint for every frame (a blurred background comes from the first frame).
        VipsImage paint = canvas(s, frame0(s, source == null ? content : source), width, height, bg);
        VipsImage base = contentAlpha ? withAlpha(s, paint) : paint;
        return perFrame(s, content, frame -> over(s, base, frame, left, top));
    }

    private static VipsImage blurred(VipsScope s, VipsImage source, int width, int height, Background.Blurred b) {
        int radius = b.radius() == null ? DEFAULT_BLUR_RADIUS : Math.max(0, b.radius());
        int brightness = b.brightness() == null ? DEFAULT_BRIGHTNESS : Math.clamp(b.brightness(), -255, 255);
        VipsImage src = srgb(s, frame0(s, source));
        VipsImage cover = call(s, Vips.op("thumbnail_image").in("in", src).in("width", width)
                .in("height", height).in("crop", "centre").in("size", "both"));
        if (cover.width() != width || cover.height() != height) { // defensive: rounding in thumbnail
            cover = call(s, Vips.op("embed").in("in", cover).in("x", 0).in("y", 0).in("width", width)
                    .in("height", height).in("extend", "copy"));
        }
        VipsImage blurred = radius == 0 ? cover : blur(s, cover, EffectsStep.blurSigma(radius));
        if (brightness != 0) {
            int colour = blurred.hasAlpha() ? blurred.bands() - 1 : blurred.bands();
            double[] a = new double[blurred.bands()];
            double[] c = new double[blurred.bands()];
            java.util.Arrays.fill(a, 1.0);
            for (int i = 0; i < colour; i++) {
                c[i] = brightness;
            }
            blurred = call(s, Vips.op("linear").in("in", blurred).in("a", a).in("b", c).in("uchar", true));
            blurred = call(s, Vips.op("copy").in("in", blurred).in("interpretation", "srgb"));
        }
        return blurred;
    }

    static Color dominantColor(VipsScope s, VipsImage source) {
        VipsImage src = srgb(s, frame0(s, source));
        VipsImage small = src;
        if (Math.max(src.width(), src.height()) > DOMINANT_SAMPLE_SIZE) {
            small = call(s, Vips.op("thumbnail_image").in("in", src).in("width", DOMINANT_SAMPLE_SIZE)
                    .in("height", DOMINANT_SAMPLE_SIZE).in("size", "down"));
        }
        VipsImage rgb = colourBands(s, small);
        VipsImage opaque; // 255 where the pixel counts, else 0
        long ignored = 0;
        if (small.hasAlpha()) {
            VipsImage alpha = alphaBand(s, small);
            opaque = call(s, Vips.op("relational_const").in("in", alpha).in("relational", "moreeq").in("c", 128.0));
            // Ignored pixels are painted black so they all land in cell (0,0,0); they are subtracted there below.
            VipsImage zero = call(s, Vips.op("black").in("width", rgb.width()).in("height", rgb.height())
                    .in("bands", 3));
            rgb = call(s, Vips.op("ifthenelse").in("cond", opaque).in("in1", rgb).in("in2", zero));
            rgb = call(s, Vips.op("cast").in("in", rgb).in("format", "uchar"));
            double meanOpaque = avg(opaque);
            ignored = Math.round((long) rgb.width() * rgb.height() * (1 - meanOpaque / 255.0));
        } else {
            opaque = null;
        }
        int bins = DOMINANT_BINS;
        int shift = Integer.numberOfTrailingZeros(256 / bins);
        // Our own cells (value >> shift), fed to hist_find_ndim as cell centres so its binning (whose edges are a
        // libvips detail, not exactly value >> shift) cannot disagree with the cell mask used for the mean below.
        VipsImage cell = call(s, Vips.op("boolean_const").in("in", rgb).in("boolean", "rshift").in("c", (double) shift));
        VipsImage centres = call(s, Vips.op("linear").in("in", cell).in("a", (double) (1 << shift))
                .in("b", (double) (1 << shift) / 2).in("uchar", true));
        VipsImage hist = call(s, Vips.op("hist_find_ndim").in("in", centres).in("bins", bins));
        long best = 0;
        int br = 0;
        int bg = 0;
        int bb = 0;
        for (int g = 0; g < bins; g++) {
            for (int r = 0; r < bins; r++) {
                double[] counts = point(hist, r, g);
                for (int b = 0; b < bins; b++) {
                    long n = Math.round(counts[b]);
                    if (r == 0 && g == 0 && b == 0) {
                        n -= ignored;
                    }
                    if (n > best || n == best && n > 0 && r + g + b < br + bg + bb) {
                        best = n;
                        br = r;
                        bg = g;
                        bb = b;
                    }
                }
            }
        }
        if (best <= 0) {
            return DEFAULT_COLOR;
        }
        // Mean colour of the pixels in the winning cell.
        VipsImage match = call(s, Vips.op("relational_const").in("in", cell).in("relational", "equal")
                .in("c", (double) br, (double) bg, (double) bb));
        VipsImage inCell = call(s, Vips.op("bandbool").in("in", match).in("boolean", "and"));
        if (opaque != null) {
            inCell = call(s, Vips.op("boolean").in("left", inCell).in("right", opaque).in("boolean", "and"));
        }
        VipsImage zero = call(s, Vips.op("black").in("width", rgb.width()).in("height", rgb.height()).in("bands", 3));
        VipsImage selected = call(s, Vips.op("ifthenelse").in("cond", inCell).in("in1", rgb).in("in2", zero));
        VipsImage stats = call(s, Vips.op("stats").in("in", selected));
        int[] mean = new int[3];
        for (int i = 0; i < 3; i++) {
            mean[i] = (int) Math.clamp(Math.round(point(stats, 2, i + 1)[0] / best), 0, 255);
        }
        return new Color(mean[0], mean[1], mean[2], 255);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shared pixel helpers (scope-tracked results)
    // ------------------------------------------------------------------------------------------------------------

    /** Runs {@code op} and tracks its {@code out}. */
    static VipsImage call(VipsScope s, dev.pixkit.imaging.vips.Operation op) {
        return s.image(op, "out");
    }

    /** A new, untracked reference to {@code image} (for results handed to a caller that owns them). */
    static VipsImage own(VipsImage image) {
        return Vips.op("copy").in("in", image).callImage("out");
    }

    /**
     * {@code image} as 8-bit sRGB (3 bands, or 4 with alpha). Already-sRGB uchar images are returned as they are;
     * grey, 16-bit, CMYK, Lab… are converted with {@code colourspace}.
     */
    static VipsImage srgb(VipsScope s, VipsImage image) {
        String format = image.bandFormat();
        String interpretation = image.interpretation();
        int bands = image.bands();
        if ("uchar".equals(format) && (bands == 3 || bands == 4) && isRgbLike(interpretation)) {
            return "srgb".equals(interpretation) ? image
                    : call(s, Vips.op("copy").in("in", image).in("interpretation", "srgb"));
        }
        VipsImage in = image;
        if ((bands == 1 || bands == 2) && !"b-w".equals(interpretation) && !"grey16".equals(interpretation)) {
            in = call(s, Vips.op("copy").in("in", in).in("interpretation",
                    "ushort".equals(format) ? "grey16" : "b-w"));
        } else if ((bands == 3 || bands == 4) && isRgbLike(interpretation) && !"rgb16".equals(interpretation)
                && !"scrgb".equals(interpretation)) {
            in = call(s, Vips.op("copy").in("in", in).in("interpretation",
                    "ushort".equals(format) ? "rgb16" : "srgb"));
        }
        VipsImage out = call(s, Vips.op("colourspace").in("in", in).in("space", "srgb"));
        if (!"uchar".equals(out.bandFormat())) {
            out = call(s, Vips.op("cast").in("in", out).in("format", "uchar"));
        }
        return out;
    }

    private static boolean isRgbLike(String interpretation) {
        return switch (interpretation) {
            case "srgb", "rgb", "rgb16", "multiband", "scrgb" -> true;
            default -> false;
        };
    }

    /** The largest value of a band of {@code image}'s format (alpha's "opaque"). */
    static double maxValue(VipsImage image) {
        return switch (image.bandFormat()) {
            case "uchar", "char" -> 255.0;
            case "ushort", "short" -> 65535.0;
            case "float", "double", "complex", "dpcomplex" -> "scrgb".equals(image.interpretation()) ? 1.0 : 255.0;
            default -> 255.0;
        };
    }

    /** {@code image} with an alpha band (opaque) if it has none. */
    static VipsImage withAlpha(VipsScope s, VipsImage image) {
        if (image.hasAlpha()) {
            return image;
        }
        return call(s, Vips.op("bandjoin_const").in("in", image).in("c", maxValue(image)));
    }

    /** The colour bands of {@code image} (alpha dropped). */
    static VipsImage colourBands(VipsScope s, VipsImage image) {
        if (!image.hasAlpha()) {
            return image;
        }
        return call(s, Vips.op("extract_band").in("in", image).in("band", 0).in("n", image.bands() - 1));
    }

    /** The alpha band of {@code image} (which must have one). */
    static VipsImage alphaBand(VipsScope s, VipsImage image) {
        return call(s, Vips.op("extract_band").in("in", image).in("band", image.bands() - 1));
    }

    /** A {@code width × height} 8-bit sRGB block of {@code color}; with an alpha band if {@code alpha}. */
    static VipsImage solid(VipsScope s, int width, int height, Color color, boolean alpha) {
        VipsImage black = call(s, Vips.op("black").in("width", width).in("height", height));
        double[] ink = alpha ? new double[] {color.red(), color.green(), color.blue(), color.alpha()} : rgb(color);
        VipsImage painted = call(s, Vips.op("linear").in("in", black).in("a", new double[ink.length]).in("b", ink)
                .in("uchar", true));
        return call(s, Vips.op("copy").in("in", painted).in("interpretation", "srgb"));
    }

    /** A {@code width × height} one-band uchar image of {@code value}. */
    static VipsImage constant(VipsScope s, int width, int height, double value) {
        VipsImage black = call(s, Vips.op("black").in("width", width).in("height", height));
        return value == 0 ? call(s, Vips.op("cast").in("in", black).in("format", "uchar"))
                : call(s, Vips.op("linear").in("in", black).in("a", 0.0).in("b", value).in("uchar", true));
    }

    static double[] rgb(Color c) {
        return new double[] {c.red(), c.green(), c.blue()};
    }

    /**
     * {@code overlay} composited ("over") onto {@code base} with its top-left at ({@code x}, {@code y}), clipped to
     * the base. Both are brought to sRGB; the result has an alpha band only if the base had one.
     */
    static VipsImage over(VipsScope s, VipsImage base, VipsImage overlay, int x, int y) {
        int bw = base.width();
        int bh = base.height();
        int left = Math.max(0, x);
        int top = Math.max(0, y);
        int right = (int) Math.min(bw, (long) x + overlay.width());
        int bottom = (int) Math.min(bh, (long) y + overlay.height());
        VipsImage b = srgb(s, base);
        if (right <= left || bottom <= top) {
            return b;
        }
        VipsImage o = overlay;
        if (left != x || top != y || right - left != o.width() || bottom - top != o.height()) {
            o = call(s, Vips.op("extract_area").in("input", o).in("left", left - x).in("top", top - y)
                    .in("width", right - left).in("height", bottom - top));
        }
        o = srgb(s, o);
        boolean baseAlpha = b.hasAlpha();
        if (!o.hasAlpha()) {
            VipsImage sub = baseAlpha ? withAlpha(s, o) : o;
            return call(s, Vips.op("insert").in("main", b).in("sub", sub).in("x", left).in("y", top));
        }
        VipsImage out = call(s, Vips.op("composite2").in("base", b).in("overlay", o).in("mode", "over")
                .in("x", left).in("y", top));
        if (!"uchar".equals(out.bandFormat())) {
            out = call(s, Vips.op("cast").in("in", out).in("format", "uchar"));
        }
        out = call(s, Vips.op("copy").in("in", out).in("interpretation", "srgb"));
        return baseAlpha ? out : colourBands(s, out);
    }

    /** Gaussian blur that treats transparency correctly (premultiplied), keeping the format. */
    static VipsImage blur(VipsScope s, VipsImage image, double sigma) {
        if (sigma <= 0) {
            return image;
        }
        String format = image.bandFormat();
        String interpretation = image.interpretation();
        VipsImage out;
        if (!image.hasAlpha()) {
            out = gaussblur(s, image, sigma);
        } else {
            VipsImage pre = call(s, Vips.op("premultiply").in("in", image).in("max_alpha", maxValue(image)));
            VipsImage blurred = gaussblur(s, pre, sigma);
            out = call(s, Vips.op("unpremultiply").in("in", blurred).in("max_alpha", maxValue(image)));
        }
        VipsImage cast = call(s, Vips.op("cast").in("in", out).in("format", format));
        return call(s, Vips.op("copy").in("in", cast).in("interpretation", interpretation));
    }

    /**
     * {@code gaussblur} in float precision: libvips' default integer precision on 8-bit images rounds the mask so a
     * flat 255 area comes out as 249 at large sigmas. The result is float; callers cast back.
     */
    static VipsImage gaussblur(VipsScope s, VipsImage image, double sigma) {
        return call(s, Vips.op("gaussblur").in("in", image).in("sigma", sigma).in("precision", "float"));
    }

    /**
     * Applies {@code fn} to each frame of a multi-page (animated) image and stacks the results again, updating
     * {@code page-height}; a single-page image goes to {@code fn} as it is. {@code fn} must give every frame the
     * same size.
     */
    static VipsImage perFrame(VipsScope s, VipsImage image, UnaryOperator<VipsImage> fn) {
        int pageHeight = image.pageHeight();
        int height = image.height();
        if (pageHeight <= 0 || pageHeight >= height || height % pageHeight != 0) {
            return fn.apply(image);
        }
        int n = height / pageHeight;
        VipsImage[] frames = new VipsImage[n];
        for (int i = 0; i < n; i++) {
            VipsImage frame = call(s, Vips.op("extract_area").in("input", image).in("left", 0)
                    .in("top", i * pageHeight).in("width", image.width()).in("height", pageHeight));
            frames[i] = fn.apply(frame);
        }
        VipsImage joined = call(s, Vips.op("arrayjoin").in("in", frames).in("across", 1));
        return s.track(joined.withInt("page-height", frames[0].height()));
    }

    /** The first frame of a multi-page image (the image itself otherwise). */
    static VipsImage frame0(VipsScope s, VipsImage image) {
        int pageHeight = image.pageHeight();
        if (pageHeight <= 0 || pageHeight >= image.height()) {
            return image;
        }
        return call(s, Vips.op("extract_area").in("input", image).in("left", 0).in("top", 0)
                .in("width", image.width()).in("height", pageHeight));
    }

    /** The height of one frame. */
    static int frameHeight(VipsImage image) {
        int pageHeight = image.pageHeight();
        return pageHeight > 0 && pageHeight < image.height() && image.height() % pageHeight == 0
                ? pageHeight : image.height();
    }

    /** {@code getpoint}: the band values at ({@code x}, {@code y}). */
    static double[] point(VipsImage image, int x, int y) {
        try (Result r = Vips.op("getpoint").in("in", image).in("x", x).in("y", y).call()) {
            return r.doubles("out_array");
        }
    }

    /** Mean of all pixels and bands. */
    static double avg(VipsImage image) {
        try (Result r = Vips.op("avg").in("in", image).call()) {
            return r.getDouble("out");
        }
    }
}
