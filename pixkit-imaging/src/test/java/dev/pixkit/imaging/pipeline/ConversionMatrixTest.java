package dev.pixkit.imaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input format × every output format, and animations kept (or not) across formats. */
class ConversionMatrixTest {

    private static final List<String> FORMATS = List.of("jpeg", "png", "webp", "avif", "gif");
    private static final Renderer RENDERER = new Renderer();

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() {
        try (VipsImage image = Fixtures.rgb(64, 48)) {
            for (String f : FORMATS) {
                Fixtures.save(dir, "in." + f, image, f);
            }
        }
        try (VipsImage anim = Fixtures.animation(40, 30, 3)) {
            Fixtures.save(dir, "anim.gif", anim, "gif");
            Fixtures.save(dir, "anim.webp", anim, "webp");
        }
    }

    static Stream<Arguments> matrix() {
        return FORMATS.stream().flatMap(in -> FORMATS.stream().map(out -> Arguments.of(in, out)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matrix")
    void converts(String in, String out) {
        RenderResult r = RENDERER.render(RenderRequest.of(dir.resolve("in." + in), transformation(32, out)));
        ImageFormat expected = ImageFormat.fromName(out).orElseThrow();
        ImageHeader decoded = ImageProbe.probe(r.bytes());
        assertThat(r.format()).isEqualTo(expected);
        assertThat(decoded.format()).isEqualTo(expected);
        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(24);
        assertThat(r.width()).isEqualTo(32);
        assertThat(r.height()).isEqualTo(24);
        assertThat(r.varyOnAccept()).isFalse();
    }

    @Test
    void animatedGifStaysAnimatedAsGif() {
        assertAnimated(RENDERER.render(RenderRequest.of(dir.resolve("anim.gif"), transformation(20, "gif"))),
                ImageFormat.GIF);
    }

    @Test
    void animatedGifStaysAnimatedAsWebp() {
        assertAnimated(RENDERER.render(RenderRequest.of(dir.resolve("anim.gif"), transformation(20, "webp"))),
                ImageFormat.WEBP);
    }

    @Test
    void animatedWebpStaysAnimatedAsGif() {
        assertAnimated(RENDERER.render(RenderRequest.of(dir.resolve("anim.webp"), transformation(20, "gif"))),
                ImageFormat.GIF);
    }

    @Test
    void animatedGifWithoutFormatStaysAnimatedGif() {
        assertAnimated(RENDERER.render(RenderRequest.of(dir.resolve("anim.gif"), transformation(20, null))),
                ImageFormat.GIF);
    }

    @Test
    void animatedWebpCroppedStaysAnimated() {
        Step step = Step.NONE.withResize(ResizeSpec.parse("w-20,h-20"));
        RenderResult r = RENDERER.render(RenderRequest.of(dir.resolve("anim.webp"), Transformation.of(step)));
        ImageHeader h = ImageProbe.probe(r.bytes());
        assertThat(h.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(h.pages()).isEqualTo(3);
        assertThat(h.width()).isEqualTo(20);
        assertThat(h.height()).isEqualTo(20);
    }

    @Test
    void animatedGifToJpegIsTheFirstFrame() {
        RenderResult r = RENDERER.render(RenderRequest.of(dir.resolve("anim.gif"), transformation(20, "jpeg")));
        ImageHeader h = ImageProbe.probe(r.bytes());
        assertThat(h.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(h.pages()).isEqualTo(1);
        assertThat(h.width()).isEqualTo(20);
        assertThat(h.height()).isEqualTo(15);
        assertThat(r.height()).isEqualTo(15);
    }

    @Test
    void animatedWebpToPngIsTheFirstFrame() {
        RenderResult r = RENDERER.render(RenderRequest.of(dir.resolve("anim.webp"), transformation(20, "png")));
        ImageHeader h = ImageProbe.probe(r.bytes());
        assertThat(h.format()).isEqualTo(ImageFormat.PNG);
        assertThat(h.pages()).isEqualTo(1);
        assertThat(h.height()).isEqualTo(15);
    }

    private static void assertAnimated(RenderResult r, ImageFormat format) {
        ImageHeader h = ImageProbe.probe(r.bytes());
        assertThat(h.format()).isEqualTo(format);
        assertThat(h.pages()).as("frames").isEqualTo(3);
        assertThat(h.width()).isEqualTo(20);
        assertThat(h.height()).as("frame height").isEqualTo(15);
        assertThat(r.width()).isEqualTo(20);
        assertThat(r.height()).isEqualTo(15);
    }

    static Transformation transformation(int width, String format) {
        Output.Format f = format == null ? null : switch (format) {
            case "jpeg", "jpg" -> Output.Format.JPG;
            default -> Output.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        };
        return Transformation.of(Step.NONE.withResize(new Resize(Resize.Dimension.of(width), null, null, null, null,
                null, null, null, null, null, null, null)).withOutput(new Output(f, null, null, null, null, null, null)));
    }
}
