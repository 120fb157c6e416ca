import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.pipeline.RenderRequest;
import dev.pixkit.imaging.pipeline.RenderResult;
import dev.pixkit.imaging.pipeline.Renderer;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pixkit side of bench/run.sh.
 *
 * <pre>
 *   java Bench generate DIR          writes big.jpg (4000x3000), hd.jpg (1920x1080), alpha.png (1600x1200 RGBA)
 *   java Bench pixkit DIR COPIES [I] renders every case (or case I, 0-based) and prints "case&lt;TAB&gt;wall ms&lt;TAB&gt;cpu ms" per image
 *   java Bench cases                 prints the cases: index, name, input, output extension
 * </pre>
 * Each case renders COPIES hard-linked copies of its input in turn (DIR/copies/&lt;name&gt;-&lt;i&gt;.&lt;ext&gt;), after a
 * warm-up, single-threaded, through {@link Renderer#render} exactly as the server would (quality 80, metadata
 * stripped: Pixkit's defaults).
 */
public final class Bench {

    record Case(String name, String input, Output.Format format) {}

    static final List<Case> CASES = List.of(
            new Case("4000x3000 JPEG -> 300 WebP", "big.jpg", Output.Format.WEBP),
            new Case("4000x3000 JPEG -> 300 JPEG", "big.jpg", Output.Format.JPG),
            new Case("4000x3000 JPEG -> 300 AVIF", "big.jpg", Output.Format.AVIF),
            new Case("1920x1080 JPEG -> 300 WebP", "hd.jpg", Output.Format.WEBP),
            new Case("1920x1080 JPEG -> 300 JPEG", "hd.jpg", Output.Format.JPG),
            new Case("1600x1200 PNG RGBA -> 300 WebP", "alpha.png", Output.Format.WEBP));

    public static void main(String[] args) throws Exception {
        if (args[0].equals("cases")) {
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                System.out.println(i + "\t" + c.name() + "\t" + c.input() + "\t" + c.format().token());
            }
            return;
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(dir);
            case "pixkit" -> pixkit(dir, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : -1);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void pixkit(Path dir, int copies, int only) {
        Renderer renderer = new Renderer();
        System.err.println("pixkit on " + Vips.runtime().describe());
        for (int index = 0; index < CASES.size(); index++) {
            if (only >= 0 && index != only) {
                continue;
            }
            Case c = CASES.get(index);
            Transformation t = Transformation.of(Step.NONE
                    .withResize(new Resize(Resize.Dimension.of(300), null, null, null, null, null, null, null, null,
                            null, null, null))
                    .withOutput(new Output(c.format(), 80, null, null, null, null, null)));
            List<Path> files = copiesOf(dir, c.input(), copies);
            int iterations = c.format() == Output.Format.AVIF ? Math.max(10, copies / 2) : copies;
            int warmup = Math.max(3, iterations / 5);
            long bytes = 0;
            for (int i = 0; i < warmup; i++) {
                bytes += renderer.render(RenderRequest.of(files.get(i % files.size()), t)).bytes().length;
            }
            RenderResult last = null;
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                last = renderer.render(RenderRequest.of(files.get(i % files.size()), t));
                bytes += last.bytes().length;
            }
            double ms = (System.nanoTime() - start) / 1e6 / iterations;
            double cpuMs = (cpuNanos() - cpuStart) / 1e6 / iterations;
            System.err.printf("  %-32s %4dx%-4d %6d bytes  %.2f ms wall, %.2f ms cpu%n", c.name(), last.width(),
                    last.height(), last.bytes().length, ms, cpuMs);
            if (bytes == 0 || ImageProbe.probe(last.bytes()).format() != ImageFormat.fromName(
                    c.format().token()).orElseThrow()) {
                throw new IllegalStateException("bad output for " + c.name());
            }
            System.out.printf("%s\t%.3f\t%.3f%n", c.name(), ms, cpuMs);
        }
    }

    /** CPU time of the whole process (every thread: libvips workers, JIT, GC). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static List<Path> copiesOf(Path dir, String input, int copies) {
        String base = input.substring(0, input.lastIndexOf('.'));
        String ext = input.substring(input.lastIndexOf('.'));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            files.add(dir.resolve("copies").resolve(base + "-" + i + ext));
        }
        return files;
    }

    /** Photo-like inputs: smooth gradients plus blurred noise texture (compresses like a photo, not like noise). */
    static void generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (VipsScope s = new VipsScope()) {
            Files.write(dir.resolve("big.jpg"), Vips.op("jpegsave_buffer").in("in", photo(s, 4000, 3000, false))
                    .in("Q", 90).callBytes("buffer"));
            Files.write(dir.resolve("hd.jpg"), Vips.op("jpegsave_buffer").in("in", photo(s, 1920, 1080, false))
                    .in("Q", 90).callBytes("buffer"));
            Files.write(dir.resolve("alpha.png"), Vips.op("pngsave_buffer").in("in", photo(s, 1600, 1200, true))
                    .callBytes("buffer"));
        }
    }

    static VipsImage photo(VipsScope s, int w, int h, boolean alpha) {
        VipsImage xy = s.image(Vips.op("xyz").in("width", w).in("height", h), "out");
        VipsImage x = s.image(Vips.op("extract_band").in("in", xy).in("band", 0), "out");
        VipsImage y = s.image(Vips.op("extract_band").in("in", xy).in("band", 1), "out");
        VipsImage r = s.image(Vips.op("linear").in("in", x).in("a", 200.0 / w).in("b", 30.0), "out");
        VipsImage g = s.image(Vips.op("linear").in("in", y).in("a", 180.0 / h).in("b", 40.0), "out");
        VipsImage noise = s.image(Vips.op("gaussnoise").in("width", w).in("height", h).in("mean", 0.0)
                .in("sigma", 40.0), "out");
        VipsImage texture = s.image(Vips.op("gaussblur").in("in", noise).in("sigma", 1.5), "out");
        VipsImage b = s.image(Vips.op("linear").in("in", texture).in("a", 1.0).in("b", 120.0), "out");
        VipsImage rgb = s.image(Vips.op("bandjoin").in("in", r, g, b), "out");
        VipsImage add = s.image(Vips.op("add").in("left", rgb).in("right", texture), "out");
        VipsImage out = add;
        if (alpha) {
            VipsImage a = s.image(Vips.op("linear").in("in", x).in("a", 215.0 / w).in("b", 40.0), "out");
            out = s.image(Vips.op("bandjoin").in("in", add, a), "out");
        }
        VipsImage u8 = s.image(Vips.op("cast").in("in", out).in("format", "uchar"), "out");
        return s.image(Vips.op("copy").in("in", u8).in("interpretation", "srgb"), "out");
    }
}
