package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.BackgroundPainter.alphaBand;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.call;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.colourBands;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.constant;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.maxValue;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.over;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.perFrame;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.srgb;
import static dev.pixkit.imaging.pipeline.BackgroundPainter.withAlpha;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Effects;
import java.util.Arrays;

/**
 * The effects of a step, applied in this order: {@code e-grayscale}, {@code e-contrast}, {@code bl},
 * {@code e-sharpen}, {@code e-usm}, {@code e-gradient}, {@code e-shadow}, {@code o} ({@code t} belongs to the trim
 * stage). Neighbourhood effects (blur, sharpen, unsharp mask, gradient, shadow) run frame by frame on animated
 * images, so frames never bleed into each other; point effects run on the whole strip.
 *
 * <h2>Mappings and defaults</h2>
 * <ul>
 *   <li>{@code bl-N} (1–100, ImageKit calls N a radius): {@code gaussblur} with sigma = 1 + N / 2 (the usual
 *       radius→sigma rule, as in sharp), so {@code bl-10} → σ 6, {@code bl-100} → σ 51. Transparent images are blurred
 *       premultiplied (no dark fringes).</li>
 *   <li>{@code e-grayscale}: luminance ({@code colourspace b-w}), returned as 3-band sRGB so later stages and encoders
 *       see an ordinary colour image; alpha is kept.</li>
 *   <li>{@code e-sharpen[-N]}: libvips {@code sharpen} (on L*, so colours do not shift) with sigma = 0.5 + N / 20,
 *       capped at 10; plain {@code e-sharpen} means N = {@value #DEFAULT_SHARPEN} (σ 1.0). Other {@code sharpen}
 *       parameters keep libvips' defaults (m1 0 flat areas, m2 3 jaggy areas).</li>
 *   <li>{@code e-usm-radius-sigma-amount-threshold}: ImageMagick's {@code -unsharp} semantics — out = in + amount ×
 *       (in − gaussblur(in, sigma)) where |in − blur| exceeds threshold; threshold ≤ 1 is a fraction of the
 *       channel range (0.024 → 6.1 of 255), larger values are levels. sigma 0 derives it from the radius
 *       (σ = radius / 2). Colour bands only; alpha untouched.</li>
 *   <li>{@code e-contrast}: a linear contrast stretch. The black and white points are the
 *       {@value #CONTRAST_LOW_PERCENT} % and {@value #CONTRAST_HIGH_PERCENT} % percentiles ({@code percent}) over the
 *       colour bands (lowest black point and highest white point of the bands, so the colour balance is kept);
 *       [black, white] is mapped linearly onto the full range. A flat image is left as it is.</li>
 *   <li>{@code e-gradient}: a two-colour linear gradient composited over the image, CSS-style: {@code ld} in degrees
 *       clockwise from "to top" (default {@value #DEFAULT_GRADIENT_DIRECTION}, i.e. from top to bottom), the gradient
 *       line spans the image through its centre; {@code from} (default opaque white {@code FFFFFF}) at the start,
 *       {@code to} (default transparent black {@code 00000000}) reached at the stop point {@code sp} (≤ 1: a
 *       fraction of the gradient line, &gt; 1: pixels; default 1) and held after it. Colours are interpolated
 *       premultiplied, as browsers do.</li>
 *   <li>{@code e-shadow}: a black drop shadow cast by the image's alpha (a rectangle for an opaque image): blur
 *       {@code bl} 0–15 (default {@value #DEFAULT_SHADOW_BLUR}) → σ = bl / 2; saturation {@code st} 0–100 (default
 *       {@value #DEFAULT_SHADOW_SATURATION}) → shadow opacity st %; offsets {@code x}, {@code y} in percent of the
 *       image width/height (−100…100, default {@value #DEFAULT_SHADOW_OFFSET}). The canvas grows just enough to hold
 *       the offset, blurred (3σ) shadow, on the sides it reaches; the image's pixels are unchanged, shifted by the
 *       margin added on its left and top. The result has alpha. (ImageKit refuses shadows on images over 2 MP;
 *       that limit, if wanted, belongs to the limits checker.)</li>
 *   <li>{@code o-N} (0–100): alpha multiplied by N / 100; an alpha band is added when absent.</li>
 * </ul>
 */
final class EffectsStep implements PipelineStep {

    static final int DEFAULT_SHARPEN = 10;
    static final double CONTRAST_LOW_PERCENT = 0.5;
    static final double CONTRAST_HIGH_PERCENT = 99.5;
    static final int DEFAULT_GRADIENT_DIRECTION = 180;
    static final Color DEFAULT_GRADIENT_FROM = Color.WHITE;
    static final Color DEFAULT_GRADIENT_TO = new Color(0, 0, 0, 0);
    static final double DEFAULT_GRADIENT_STOP = 1.0;
    static final int DEFAULT_SHADOW_BLUR = 10;
    static final int DEFAULT_SHADOW_SATURATION = 30;
    static final double DEFAULT_SHADOW_OFFSET = 2;

    @Override
    public void apply(StepContext ctx) {
        Effects e = ctx.step().effects();
        VipsScope s = ctx.scope();
        VipsImage img = ctx.image();
        if (Boolean.TRUE.equals(e.grayscale())) {
            img = grayscale(s, img);
        }
        if (Boolean.TRUE.equals(e.contrastStretch())) {
            img = contrastStretch(s, img);
        }
        if (e.blur() != null && e.blur() > 0) {
            double sigma = blurSigma(e.blur());
            img = perFrame(s, img, f -> BackgroundPainter.blur(s, f, sigma));
        }
        if (e.sharpen() != null) {
            double sigma = sharpenSigma(e.sharpen().amount());
            img = perFrame(s, img, f -> sharpen(s, f, sigma));
        }
        if (e.unsharpMask() != null) {
            Effects.UnsharpMask usm = e.unsharpMask();
            img = perFrame(s, img, f -> unsharpMask(s, f, usm));
        }
        if (e.gradient() != null) {
            Effects.Gradient g = e.gradient();
            img = perFrame(s, img, f -> over(s, f, gradient(s, f.width(), f.height(), g), 0, 0));
        }
        if (e.shadow() != null) {
            Effects.Shadow sh = e.shadow();
            int blur = sh.blur() == null ? DEFAULT_SHADOW_BLUR : Math.clamp(sh.blur(), 0, 15);
            int saturation = sh.saturation() == null ? DEFAULT_SHADOW_SATURATION : Math.clamp(sh.saturation(), 0, 100);
            double x = sh.offsetX() == null ? DEFAULT_SHADOW_OFFSET : Math.clamp(ctx.eval(sh.offsetX()), -100, 100);
            double y = sh.offsetY() == null ? DEFAULT_SHADOW_OFFSET : Math.clamp(ctx.eval(sh.offsetY()), -100, 100);
            img = perFrame(s, img, f -> shadow(s, f, blur, saturation, x, y));
        }
        if (e.opacity() != null) {
            img = opacity(s, img, e.opacity());
        }
        if (img != ctx.image()) {
            ctx.replace(img);
        }
    }

    /** {@code bl-N} → Gaussian sigma: 1 + N / 2 (N clamped to 0…100). */
    static double blurSigma(int radius) {
        return 1 + Math.clamp(radius, 0, 100) / 2.0;
    }

    /** {@code e-sharpen[-N]} → {@code sharpen} sigma: 0.5 + N / 20, at most 10 (default N {@value #DEFAULT_SHARPEN}). */
    static double sharpenSigma(Integer amount) {
        int n = amount == null ? DEFAULT_SHARPEN : Math.max(0, amount);
        return Math.min(10.0, 0.5 + n / 20.0);
    }

    static VipsImage grayscale(VipsScope s, VipsImage image) {
        VipsImage in = srgb(s, image);
        VipsImage grey = call(s, Vips.op("colourspace").in("in", in).in("space", "b-w"));
        return call(s, Vips.op("colourspace").in("in", grey).in("space", "srgb"));
    }

    static VipsImage sharpen(VipsScope s, VipsImage image, double sigma) {
        VipsImage in = srgb(s, image);
        VipsImage out = call(s, Vips.op("sharpen").in("in", in).in("sigma", sigma));
        if (!"uchar".equals(out.bandFormat())) {
            out = call(s, Vips.op("cast").in("in", out).in("format", "uchar"));
        }
        return out;
    }

    static VipsImage unsharpMask(VipsScope s, VipsImage image, Effects.UnsharpMask u) {
        double sigma = u.sigma() > 0 ? u.sigma() : u.radius() / 2;
        if (!(sigma > 0) || !(u.amount() > 0)) {
            return image;
        }
        String format = image.bandFormat();
        String interpretation = image.interpretation();
        double max = maxValue(image);
        VipsImage colour = colourBands(s, image);
        VipsImage blurred = BackgroundPainter.gaussblur(s, colour, sigma);
        VipsImage diff = call(s, Vips.op("subtract").in("left", colour).in("right", blurred));
        VipsImage boost = call(s, Vips.op("linear").in("in", diff).in("a", u.amount()).in("b", 0.0));
        VipsImage sharpened = call(s, Vips.op("add").in("left", colour).in("right", boost));
        double threshold = u.threshold() <= 1 ? u.threshold() * max : u.threshold();
        VipsImage out = sharpened;
        if (threshold > 0) {
            VipsImage magnitude = call(s, Vips.op("abs").in("in", diff));
            VipsImage mask = call(s, Vips.op("relational_const").in("in", magnitude).in("relational", "more")
                    .in("c", threshold));
            out = call(s, Vips.op("ifthenelse").in("cond", mask).in("in1", sharpened).in("in2", colour));
        }
        out = call(s, Vips.op("cast").in("in", out).in("format", format));
        if (image.hasAlpha()) {
            out = call(s, Vips.op("bandjoin").in("in", out, alphaBand(s, image)));
        }
        return call(s, Vips.op("copy").in("in", out).in("interpretation", interpretation));
    }

    static VipsImage contrastStretch(VipsScope s, VipsImage image) {
        VipsImage in = image;
        if (!"uchar".equals(in.bandFormat()) && !"ushort".equals(in.bandFormat())) {
            in = srgb(s, in);
        }
        double max = maxValue(in);
        int colour = in.hasAlpha() ? in.bands() - 1 : in.bands();
        double lo = max;
        double hi = 0;
        for (int i = 0; i < colour; i++) {
            VipsImage band = call(s, Vips.op("extract_band").in("in", in).in("band", i));
            lo = Math.min(lo, percent(band, CONTRAST_LOW_PERCENT));
            hi = Math.max(hi, percent(band, CONTRAST_HIGH_PERCENT));
        }
        if (hi - lo < max / 255.0 * 2 || lo <= 0 && hi >= max) {
            return in;
        }
        double[] a = new double[in.bands()];
        double[] b = new double[in.bands()];
        Arrays.fill(a, 1.0);
        for (int i = 0; i < colour; i++) {
            a[i] = max / (hi - lo);
            b[i] = -lo * a[i];
        }
        VipsImage stretched = call(s, Vips.op("linear").in("in", in).in("a", a).in("b", b));
        VipsImage cast = call(s, Vips.op("cast").in("in", stretched).in("format", in.bandFormat()));
        return call(s, Vips.op("copy").in("in", cast).in("interpretation", in.interpretation()));
    }

    private static double percent(VipsImage band, double percent) {
        try (Result r = Vips.op("percent").in("in", band).in("percent", percent).call()) {
            return r.getInt("threshold");
        }
    }

    /** The {@code width × height} RGBA gradient overlay of {@code e-gradient} (see the class comment). */
    static VipsImage gradient(VipsScope s, int width, int height, Effects.Gradient g) {
        double degrees = g.direction() == null ? DEFAULT_GRADIENT_DIRECTION : g.direction();
        Color from = g.from() == null ? DEFAULT_GRADIENT_FROM : g.from();
        Color to = g.to() == null ? DEFAULT_GRADIENT_TO : g.to();
        double stopPoint = g.stopPoint() == null ? DEFAULT_GRADIENT_STOP : g.stopPoint();
        double theta = Math.toRadians(degrees);
        double sin = snap(Math.sin(theta));
        double cos = snap(Math.cos(theta));
        // Position along the gradient line (CSS): 0 at the start edge, length at the far corner.
        double length = Math.abs(width * sin) + Math.abs(height * cos);
        double stop = stopPoint <= 1 ? stopPoint * length : stopPoint;
        stop = Math.max(stop, 1e-6);
        double offset = (0.5 - width / 2.0) * sin - (0.5 - height / 2.0) * cos + length / 2;
        double scale = 255.0 / stop;
        VipsImage xy = call(s, Vips.op("xyz").in("width", width).in("height", height));
        VipsImage x = call(s, Vips.op("extract_band").in("in", xy).in("band", 0));
        VipsImage y = call(s, Vips.op("extract_band").in("in", xy).in("band", 1));
        VipsImage px = call(s, Vips.op("linear").in("in", x).in("a", sin * scale).in("b", offset * scale));
        VipsImage py = call(s, Vips.op("linear").in("in", y).in("a", -cos * scale).in("b", 0.0));
        VipsImage sum = call(s, Vips.op("add").in("left", px).in("right", py));
        // 0..255 = how far towards "to"; the cast clips before and after the gradient.
        VipsImage t = call(s, Vips.op("cast").in("in", sum).in("format", "uchar"));
        double[] f = premultiplied(from);
        double[] o = premultiplied(to);
        double[] a = new double[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (o[i] - f[i]) / 255.0;
        }
        VipsImage premul = call(s, Vips.op("linear").in("in", t).in("a", a).in("b", f));
        VipsImage straight = call(s, Vips.op("unpremultiply").in("in", premul).in("max_alpha", 255.0));
        VipsImage u8 = call(s, Vips.op("cast").in("in", straight).in("format", "uchar"));
        return call(s, Vips.op("copy").in("in", u8).in("interpretation", "srgb"));
    }

    private static double snap(double v) {
        return Math.abs(v) < 1e-12 ? 0 : v;
    }

    private static double[] premultiplied(Color c) {
        double a = c.alpha() / 255.0;
        return new double[] {c.red() * a, c.green() * a, c.blue() * a, c.alpha()};
    }

    /** {@code e-shadow}: see the class comment. Offsets are percentages of the frame size. */
    static VipsImage shadow(VipsScope s, VipsImage image, int blur, int saturation, double xPercent,
            double yPercent) {
        VipsImage f = srgb(s, image);
        int w = f.width();
        int h = f.height();
        int dx = (int) Math.round(xPercent * w / 100.0);
        int dy = (int) Math.round(yPercent * h / 100.0);
        double sigma = blur / 2.0;
        int margin = sigma > 0 ? (int) Math.ceil(3 * sigma) : 0;
        int left = Math.min(0, dx - margin);
        int top = Math.min(0, dy - margin);
        int right = Math.max(w, w + dx + margin);
        int bottom = Math.max(h, h + dy + margin);
        int width = right - left;
        int height = bottom - top;
        int ox = -left;
        int oy = -top;
        VipsImage alpha = f.hasAlpha() ? alphaBand(s, f) : constant(s, w, h, 255);
        VipsImage mask = call(s, Vips.op("embed").in("in", alpha).in("x", ox + dx).in("y", oy + dy)
                .in("width", width).in("height", height));
        if (sigma > 0) {
            mask = BackgroundPainter.gaussblur(s, mask, sigma);
        }
        mask = call(s, Vips.op("linear").in("in", mask).in("a", saturation / 100.0).in("b", 0.0).in("uchar", true));
        VipsImage black = constant(s, width, height, 0);
        VipsImage shadow = call(s, Vips.op("bandjoin").in("in", black, black, black, mask));
        shadow = call(s, Vips.op("copy").in("in", shadow).in("interpretation", "srgb"));
        return over(s, shadow, withAlpha(s, f), ox, oy);
    }

    /** {@code o-N}: alpha × N / 100 (N clamped to 0…100), adding an opaque alpha band first when absent. */
    static VipsImage opacity(VipsScope s, VipsImage image, int opacity) {
        double factor = Math.clamp(opacity, 0, 100) / 100.0;
        VipsImage in = withAlpha(s, image);
        double[] a = new double[in.bands()];
        Arrays.fill(a, 1.0);
        a[a.length - 1] = factor;
        VipsImage scaled = call(s, Vips.op("linear").in("in", in).in("a", a).in("b", new double[in.bands()]));
        VipsImage cast = call(s, Vips.op("cast").in("in", scaled).in("format", in.bandFormat()));
        return call(s, Vips.op("copy").in("in", cast).in("interpretation", in.interpretation()));
    }
}
