package dev.pixkit.imaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageProbe;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code f-auto}: AVIF, then WebP, then PNG for transparency, else JPEG; always Vary: Accept. */
class FormatAutoTest {

    private static final Renderer RENDERER = new Renderer();
    private static final Transformation AUTO = Transformation.of(Step.NONE.withResize(ResizeSpec.parse("w-32"))
            .withOutput(new Output(Output.Format.AUTO, null, null, null, null, null, null)));

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputs() {
        try (VipsImage opaque = Fixtures.rgb(64, 48); VipsImage alpha = Fixtures.rgba(64, 48);
             VipsImage anim = Fixtures.animation(40, 30, 3)) {
            Fixtures.save(dir, "opaque.jpg", opaque, "jpeg");
            Fixtures.save(dir, "alpha.png", alpha, "png");
            Fixtures.save(dir, "anim.gif", anim, "gif");
        }
    }

    private static RenderResult render(String file, String accept) {
        return RENDERER.render(RenderRequest.of(dir.resolve(file), AUTO)
                .withAccept(RenderRequest.Accept.fromHeader(accept)));
    }

    private static void assertFormat(RenderResult r, ImageFormat format) {
        assertThat(r.format()).isEqualTo(format);
        assertThat(ImageProbe.probe(r.bytes()).format()).isEqualTo(format);
        assertThat(r.varyOnAccept()).isTrue();
    }

    @Test
    void avifWhenAccepted() {
        assertFormat(render("opaque.jpg", "image/avif,image/webp,image/apng,*/*;q=0.8"), ImageFormat.AVIF);
        assertFormat(render("alpha.png", "image/avif,image/webp,*/*;q=0.8"), ImageFormat.AVIF);
    }

    @Test
    void webpWhenOnlyWebpIsAccepted() {
        assertFormat(render("opaque.jpg", "image/webp,*/*"), ImageFormat.WEBP);
        assertFormat(render("alpha.png", "image/webp,*/*"), ImageFormat.WEBP);
    }

    @Test
    void pngForTransparencyWithoutModernFormats() {
        assertFormat(render("alpha.png", "image/png,image/*;q=0.8"), ImageFormat.PNG);
        assertThat(ImageProbe.probe(render("alpha.png", null).bytes()).hasAlpha()).isTrue();
    }

    @Test
    void jpegForOpaqueWithoutModernFormats() {
        assertFormat(render("opaque.jpg", "*/*"), ImageFormat.JPEG);
        assertFormat(render("opaque.jpg", null), ImageFormat.JPEG);
    }

    @Test
    void zeroQualityDoesNotCount() {
        assertFormat(render("opaque.jpg", "image/avif;q=0,image/webp;q=0.5"), ImageFormat.WEBP);
    }

    @Test
    void animationsSkipAvifToStayAnimated() {
        RenderResult webp = render("anim.gif", "image/avif,image/webp");
        assertFormat(webp, ImageFormat.WEBP);
        assertThat(ImageProbe.probe(webp.bytes()).pages()).isEqualTo(3);
        RenderResult gif = render("anim.gif", "image/avif");
        assertFormat(gif, ImageFormat.GIF);
        assertThat(ImageProbe.probe(gif.bytes()).pages()).isEqualTo(3);
    }
}
