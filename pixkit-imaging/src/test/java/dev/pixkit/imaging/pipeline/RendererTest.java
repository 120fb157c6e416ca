package dev.pixkit.imaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Effects;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end renders: sizes, pixels where placement matters, chains, orientation, output settings, cleanup. */
class RendererTest {

    private static final Renderer RENDERER = new Renderer();

    @TempDir
    static Path dir;
    static Path big;
    static Path wide;
    static Path alpha;

    @BeforeAll
    static void inputs() {
        try (VipsImage a = Fixtures.rgb(2000, 1500); VipsImage b = Fixtures.rgb(400, 200);
             VipsImage c = Fixtures.rgba(120, 80)) {
            big = Fixtures.save(dir, "big.jpg", a, "jpeg");
            wide = Fixtures.save(dir, "wide.png", b, "png");
            alpha = Fixtures.save(dir, "alpha.png", c, "png");
        }
    }

    static RenderResult render(Path source, String... steps) {
        return RENDERER.render(RenderRequest.of(source, chain(steps)));
    }

    static Transformation chain(String... steps) {
        return new Transformation(Arrays.stream(steps).map(LimitsTest::step).toList());
    }

    static ImageHeader header(RenderResult r) {
        return ImageProbe.probe(r.bytes());
    }

    /** The pixel at (x, y) of encoded bytes. */
    static double[] pixel(byte[] encoded, int x, int y) {
        try (VipsScope s = new VipsScope()) {
            VipsImage image = s.image(Vips.op(Vips.findLoader(dev.pixkit.imaging.vips.VipsBlob.copyOf(encoded)))
                    .in("buffer", encoded), "out");
            try (Result r = Vips.op("getpoint").in("in", image).in("x", x).in("y", y).call()) {
                return r.doubles("out_array");
            }
        }
    }

    static double[] pixel(Path file, int x, int y) {
        try {
            return pixel(Files.readAllBytes(file), x, y);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void widthOnlyShrinksOnLoadAndHitsTheSizeExactly() {
        RenderResult r = render(big, "w-300");
        assertThat(r.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(header(r).width()).isEqualTo(300);
        assertThat(header(r).height()).isEqualTo(225);
        assertThat(LoadStep.jpegShrink(LoadStep.commonShrink(
                Geometry.compute(2000, 1500, ResizeSpec.parse("w-300"), dev.pixkit.url.transform.Expr.Bindings.of(
                        2000, 1500, 2000, 1500), Geometry.Options.DEFAULT)))).isEqualTo(4);
    }

    @Test
    void jpegShrinkTakesTheLargestFactorThatStaysAtOrAboveTheTarget() {
        assertThat(LoadStep.jpegShrink(1.5)).isEqualTo(1);
        assertThat(LoadStep.jpegShrink(2)).isEqualTo(2);
        assertThat(LoadStep.jpegShrink(3.9)).isEqualTo(2);
        assertThat(LoadStep.jpegShrink(4)).isEqualTo(4);
        assertThat(LoadStep.jpegShrink(7.9)).isEqualTo(4);
        assertThat(LoadStep.jpegShrink(13.3)).isEqualTo(8);
        assertThat(LoadStep.jpegShrink(16)).isEqualTo(8);
    }

    @Test
    void shrinkOnLoadKeepsCropCoordinates() {
        // Left half red, right half blue; a 100x150 cut keeps a 1000x1500 region, loaded with JPEG shrink 8.
        Path halves;
        try (VipsImage red = Fixtures.solid(1000, 1500, 255, 0, 0); VipsImage blue = Fixtures.solid(1000, 1500, 0, 0, 255);
             VipsImage both = Vips.op("arrayjoin").in("in", red, blue).callImage("out")) {
            halves = Fixtures.save(dir, "halves.jpg", both, "jpeg");
        }
        Geometry g = Geometry.compute(2000, 1500, ResizeSpec.parse("w-100,h-150,fo-left"),
                dev.pixkit.url.transform.Expr.Bindings.of(2000, 1500, 2000, 1500), Geometry.Options.DEFAULT);
        assertThat(LoadStep.jpegShrink(LoadStep.commonShrink(g))).isEqualTo(8);
        assertThat(pixel(render(halves, "w-100,h-150,fo-left").bytes(), 95, 75)[0]).as("left edge red").isGreaterThan(200);
        assertThat(pixel(render(halves, "w-100,h-150,fo-right").bytes(), 4, 75)[2]).as("right blue").isGreaterThan(200);
        byte[] centre = render(halves, "w-100,h-150").bytes();
        assertThat(pixel(centre, 10, 75)[0]).as("centre: red on the left").isGreaterThan(200);
        assertThat(pixel(centre, 90, 75)[2]).as("centre: blue on the right").isGreaterThan(200);
        assertThat(LoadStep.commonShrink(Geometry.compute(2000, 1500, ResizeSpec.parse("w-100,h-100,cm-extract"),
                dev.pixkit.url.transform.Expr.Bindings.of(2000, 1500, 2000, 1500), Geometry.Options.DEFAULT)))
                .as("extract never shrinks on load").isEqualTo(1.0);
    }

    @Test
    void everyCropModeGivesItsGeometry() {
        assertThat(header(render(big, "w-300,h-200"))).extracting(ImageHeader::width, ImageHeader::height)
                .containsExactly(300, 200);
        assertThat(header(render(big, "w-300,h-200,c-at_max"))).extracting(ImageHeader::width, ImageHeader::height)
                .containsExactly(267, 200);
        assertThat(header(render(big, "w-300,h-200,c-at_least"))).extracting(ImageHeader::width,
                ImageHeader::height).containsExactly(300, 225);
        assertThat(header(render(big, "w-300,h-200,c-force"))).extracting(ImageHeader::width, ImageHeader::height)
                .containsExactly(300, 200);
        assertThat(header(render(big, "w-300,h-300,cm-pad_resize"))).extracting(ImageHeader::width,
                ImageHeader::height).containsExactly(300, 300);
        assertThat(header(render(big, "w-300,h-300,cm-extract,fo-auto"))).extracting(ImageHeader::width,
                ImageHeader::height).containsExactly(300, 300);
        assertThat(header(render(big, "w-300,h-300,fo-face"))).extracting(ImageHeader::width, ImageHeader::height)
                .containsExactly(300, 300);
        assertThat(header(render(wide, "w-500,h-300,cm-pad_extract"))).extracting(ImageHeader::width,
                ImageHeader::height).containsExactly(500, 300);
    }

    @Test
    void extractCopiesSourcePixelsUnscaled() {
        RenderResult r = render(wide, "w-50,h-40,cm-extract,x-30,y-20,f-png".split(",f-")[0]);
        assertThat(header(r).width()).isEqualTo(50);
        double[] got = pixel(RENDERER.render(RenderRequest.of(wide, Transformation.of(LimitsTest.step(
                "w-50,h-40,cm-extract,x-30,y-20").withOutput(png())))).bytes(), 0, 0);
        assertThat(got).containsExactly(pixel(wide, 30, 20));
        assertThat(r.height()).isEqualTo(40);
    }

    @Test
    void padResizePaintsTheBackgroundColour() {
        Step step = LimitsTest.step("w-400,h-400,cm-pad_resize")
                .withDecoration(new Decoration(null, null, null, null, new Color(255, 0, 0, 255)))
                .withOutput(png());
        RenderResult r = RENDERER.render(RenderRequest.of(wide, Transformation.of(step)));
        assertThat(header(r)).extracting(ImageHeader::width, ImageHeader::height).containsExactly(400, 400);
        assertThat(pixel(r.bytes(), 200, 10)).containsExactly(255, 0, 0);
        assertThat(pixel(r.bytes(), 200, 390)).containsExactly(255, 0, 0);
    }

    @Test
    void customFocusCentresOnTheFileCoordinates() {
        Step step = LimitsTest.step("w-40,h-40,cm-extract,fo-custom").withOutput(png());
        RenderResult r = RENDERER.render(RenderRequest.of(wide, Transformation.of(step))
                .withCustomCoordinates(new CustomCoordinates(300, 100, 20, 20)));
        assertThat(pixel(r.bytes(), 0, 0)).containsExactly(pixel(wide, 290, 90));
    }

    @Test
    void chainedStepsStartFromThePreviousResult() {
        RenderResult r = render(big, "w-400", "w-0.5");
        assertThat(header(r)).extracting(ImageHeader::width, ImageHeader::height).containsExactly(200, 150);
        RenderResult e = render(big, "w-400", "w-cw_div_4,h-iw_div_20");
        assertThat(header(e)).extracting(ImageHeader::width, ImageHeader::height).containsExactly(100, 100);
    }

    @Test
    void exifOrientationIsAppliedBeforeTheGeometry() {
        Path rotated;
        try (VipsImage image = Fixtures.rgb(80, 40); VipsImage tagged = image.withInt("orientation", 6)) {
            rotated = Fixtures.save(dir, "rotated.jpg", tagged, "jpeg");
        }
        assertThat(ImageProbe.probe(rotated).orientation()).isEqualTo(6);
        RenderResult r = render(rotated, "w-20");
        assertThat(header(r)).extracting(ImageHeader::width, ImageHeader::height, ImageHeader::orientation)
                .containsExactly(20, 40, 1);
    }

    @Test
    void trimRemovesAUniformBorderBeforeTheGeometry() {
        Path framed;
        try (VipsImage inner = Fixtures.rgb(60, 40);
             VipsImage embedded = Vips.op("embed").in("in", inner).in("x", 20).in("y", 10).in("width", 100)
                     .in("height", 60).in("extend", "white").callImage("out")) {
            framed = Fixtures.save(dir, "framed.png", embedded, "png");
        }
        Step trim = Step.NONE.withEffects(new Effects(null, null, null, null, null, null, null,
                new Effects.Trim(null), null));
        RenderResult r = RENDERER.render(RenderRequest.of(framed, Transformation.of(trim)));
        assertThat(header(r)).extracting(ImageHeader::width, ImageHeader::height).containsExactly(60, 40);
        RenderResult half = RENDERER.render(RenderRequest.of(framed, Transformation.of(
                trim.withResize(ResizeSpec.parse("w-0.5")))));
        assertThat(header(half)).extracting(ImageHeader::width, ImageHeader::height).containsExactly(30, 20);
        RenderResult off = RENDERER.render(RenderRequest.of(framed, Transformation.of(Step.NONE.withEffects(
                new Effects(null, null, null, null, null, null, null, Effects.Trim.OFF, null)))));
        assertThat(header(off).width()).isEqualTo(100);
    }

    @Test
    void noFormatKeepsTheSourceFormatAndQualityApplies() {
        assertThat(render(wide, "w-100").format()).isEqualTo(ImageFormat.PNG);
        assertThat(render(alpha, "w-60").format()).isEqualTo(ImageFormat.PNG);
        Step low = LimitsTest.step("w-300").withOutput(new Output(null, 20, null, null, null, null, null));
        Step high = LimitsTest.step("w-300").withOutput(new Output(null, 95, null, null, null, null, null));
        int lowSize = RENDERER.render(RenderRequest.of(big, Transformation.of(low))).bytes().length;
        int highSize = RENDERER.render(RenderRequest.of(big, Transformation.of(high))).bytes().length;
        assertThat(lowSize).isLessThan(highSize);
    }

    @Test
    void jpegFromAlphaIsFlattenedOnWhite() {
        Step step = LimitsTest.step("w-60").withOutput(new Output(Output.Format.JPG, null, null, null, null, null,
                null));
        RenderResult r = RENDERER.render(RenderRequest.of(alpha, Transformation.of(step)));
        assertThat(header(r).hasAlpha()).isFalse();
        assertThat(header(r).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void progressiveAndLosslessOptionsEncode() {
        Step pr = LimitsTest.step("w-100").withOutput(new Output(Output.Format.JPG, null, true, null, null, null,
                null));
        byte[] progressive = RENDERER.render(RenderRequest.of(big, Transformation.of(pr))).bytes();
        assertThat(containsMarker(progressive, (byte) 0xC2)).as("SOF2 progressive marker").isTrue();
        Step lo = LimitsTest.step("w-100").withOutput(new Output(Output.Format.WEBP, null, null, true, null, null,
                null));
        byte[] lossless = RENDERER.render(RenderRequest.of(big, Transformation.of(lo))).bytes();
        assertThat(new String(lossless, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("VP8L");
    }

    private static boolean containsMarker(byte[] jpeg, byte marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == marker) {
                return true;
            }
        }
        return false;
    }

    @Test
    void metadataIsStrippedUnlessAsked() throws Exception {
        Path withExif;
        try (VipsImage image = Fixtures.rgb(64, 48); VipsImage tagged = image.withString("exif-ifd0-Artist",
                "pixkit-test")) {
            withExif = Fixtures.save(dir, "exif.jpg", tagged, "jpeg");
        }
        assertThat(new String(Files.readAllBytes(withExif), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Exif");
        byte[] stripped = render(withExif, "w-32").bytes();
        assertThat(new String(stripped, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        Step md = LimitsTest.step("w-32").withOutput(new Output(null, null, null, null, true, null, null));
        byte[] kept = RENDERER.render(RenderRequest.of(withExif, Transformation.of(md))).bytes();
        assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Exif");
    }

    @Test
    void originalReturnsTheFileUntouched() throws Exception {
        Step orig = LimitsTest.step("w-10").withOutput(new Output(Output.Format.WEBP, null, null, null, null, null,
                true));
        RenderResult r = RENDERER.render(RenderRequest.of(big, Transformation.of(orig)));
        assertThat(r.bytes()).isEqualTo(Files.readAllBytes(big));
        assertThat(r.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(r.width()).isEqualTo(2000);
    }

    @Test
    void impossibleGeometryIsAnInvalidTransformation() {
        assertThatThrownBy(() -> render(wide, "w-100,h-100,cm-extract,xc-10,yc-10"))
                .isInstanceOfSatisfying(TransformationException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransformationException.Kind.INVALID));
        assertThatThrownBy(() -> render(wide, "ar-4-3")).isInstanceOf(TransformationException.class);
    }

    @Test
    void layersRenderTheirOwnChainAgainstTheBase() {
        Layer layer = LimitsTest.imageLayer("logo.png", LimitsTest.transformation("w-bw_div_4"));
        RenderRequest request = RenderRequest.of(big, Transformation.of(Step.NONE))
                .withLayerResolver(p -> p.equals("logo.png") ? Optional.of(wide) : Optional.empty());
        try (VipsScope scope = new VipsScope()) {
            RenderState state = new RenderState(request, new LimitsChecker(request.limits()),
                    OutputPlan.of(request.transformation(), ImageProbe.probe(big), request.accept()));
            VipsImage out = scope.track(new PipelineLayers(scope, state, 0).render(layer, 800, 600,
                    dev.pixkit.url.transform.Expr.Bindings.of(2000, 1500, 800, 600)));
            assertThat(out.width()).isEqualTo(200);
            assertThat(out.height()).isEqualTo(100);
            assertThat(out.interpretation()).isEqualTo("srgb");
            Layer missing = LimitsTest.imageLayer("nope.png", LimitsTest.transformation("w-10"));
            assertThatThrownBy(() -> new PipelineLayers(scope, state, 0).render(missing, 800, 600,
                    dev.pixkit.url.transform.Expr.Bindings.of(2000, 1500, 800, 600)))
                    .isInstanceOfSatisfying(TransformationException.class,
                            e -> assertThat(e.parameter()).isEqualTo("l-image"));
        }
    }

    @Test
    void sequentialOnlyForTopToBottomRenders() {
        SourceImage plain = new SourceImage(big, new ImageHeader(2000, 1500, ImageFormat.JPEG, false, 1, 1),
                "jpegload", false, null);
        SourceImage turned = new SourceImage(big, new ImageHeader(2000, 1500, ImageFormat.JPEG, false, 6, 1),
                "jpegload", false, null);
        Geometry centre = Geometry.identity(2000, 1500);
        assertThat(Pipeline.sequential(LimitsTest.transformation("w-300"), plain, centre)).isTrue();
        assertThat(Pipeline.sequential(LimitsTest.transformation("w-300"), turned, centre)).isFalse();
        assertThat(Pipeline.sequential(chain("w-300", "w-100"), plain, centre)).isFalse();
        Step rotated = LimitsTest.step("w-300").withDecoration(new Decoration(new Decoration.Rotation.Degrees(90),
                null, null, null, null));
        assertThat(Pipeline.sequential(Transformation.of(rotated), plain, centre)).isFalse();
        Geometry smart = Geometry.compute(2000, 1500, ResizeSpec.parse("w-100,h-100,fo-auto"),
                dev.pixkit.url.transform.Expr.Bindings.of(2000, 1500, 2000, 1500), Geometry.Options.DEFAULT);
        assertThat(Pipeline.sequential(LimitsTest.transformation("w-100,h-100,fo-auto"), plain, smart)).isFalse();
    }

    @Test
    void rendersLeaveNoLibvipsObjectsBehind() {
        VipsRuntime runtime = VipsRuntime.get();
        List<Runnable> work = List.of(
                () -> render(big, "w-300,h-200,fo-auto"),
                () -> render(wide, "w-300,h-300,cm-pad_resize", "w-0.5"),
                () -> render(alpha, "w-50"),
                () -> expectFailure(() -> render(wide, "w-100", "w-50,h-50,cm-extract,xc-1,yc-1")),
                () -> expectFailure(() -> render(wide, "w-100,h-100,cm-extract,xc-1,yc-1")));
        for (Runnable r : work) {
            r.run();
        }
        System.gc();
        long before = runtime.stats().liveObjects();
        for (int i = 0; i < 20; i++) {
            work.get(i % work.size()).run();
        }
        System.gc();
        assertThat(runtime.stats().liveObjects()).isCloseTo(before, within(0L));
    }

    private static void expectFailure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("expected a failure");
    }

    private static Output png() {
        return new Output(Output.Format.PNG, null, null, null, null, null, null);
    }
}
