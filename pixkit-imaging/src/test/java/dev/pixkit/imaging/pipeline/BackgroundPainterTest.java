package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.animation;
import static dev.pixkit.imaging.pipeline.StageFixtures.avg;
import static dev.pixkit.imaging.pipeline.StageFixtures.disc;
import static dev.pixkit.imaging.pipeline.StageFixtures.gradient;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static dev.pixkit.imaging.pipeline.StageFixtures.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Background;
import dev.pixkit.url.transform.Color;
import org.junit.jupiter.api.Test;

class BackgroundPainterTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);

    @Test
    void aColourPaintsAnExactOpaqueBlock() {
        try (VipsScope s = new VipsScope()) {
            VipsImage c = s.track(BackgroundPainter.canvas(null, 30, 20, new Color(10, 20, 30, 255)));
            assertThat(c.width()).isEqualTo(30);
            assertThat(c.height()).isEqualTo(20);
            assertThat(c.bands()).isEqualTo(3);
            assertThat(px(c, 29, 19)).containsExactly(10, 20, 30);
        }
    }

    @Test
    void aTranslucentColourHasAlphaAndNoBackgroundIsBlack() {
        try (VipsScope s = new VipsScope()) {
            VipsImage c = s.track(BackgroundPainter.canvas(null, 4, 4, new Color(255, 0, 0, 51)));
            assertThat(px(c, 0, 0)).containsExactly(255, 0, 0, 51);
            VipsImage d = s.track(BackgroundPainter.canvas(null, 4, 4, null));
            assertThat(px(d, 0, 0)).containsExactly(0, 0, 0);
        }
    }

    @Test
    void behindPlacesTheContentOnThePaint() {
        try (VipsScope s = new VipsScope()) {
            VipsImage content = solid(s, 10, 10, BLUE);
            VipsImage padded = s.track(BackgroundPainter.behind(content, 5, 0, 20, 10, RED, content));
            assertThat(padded.width()).isEqualTo(20);
            assertThat(padded.bands()).isEqualTo(3);
            assertThat(near(px(padded, 2, 5), RED, 0)).isTrue();
            assertThat(near(px(padded, 7, 5), BLUE, 0)).isTrue();
            assertThat(near(px(padded, 17, 5), RED, 0)).isTrue();
            // Transparent padding adds alpha.
            VipsImage clear = s.track(BackgroundPainter.behind(content, 5, 0, 20, 10, new Color(0, 0, 0, 0), null));
            assertThat(alpha(clear, 2, 5)).isZero();
            assertThat(alpha(clear, 7, 5)).isEqualTo(255);
            // A transparent content over a blurred background keeps the background visible through it.
            VipsImage logo = disc(s, 20, 20, 10, BLUE);
            VipsImage over = s.track(BackgroundPainter.behind(logo, 0, 0, 20, 20, RED, logo));
            assertThat(near(px(over, 1, 1), RED, 0)).isTrue();
            assertThat(near(px(over, 10, 10), BLUE, 0)).isTrue();
        }
    }

    @Test
    void behindPadsAnimationsFrameByFrame() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 10, 10, RED, BLUE);
            VipsImage padded = s.track(BackgroundPainter.behind(anim, 0, 5, 10, 20, Color.WHITE, anim));
            assertThat(padded.height()).isEqualTo(40);
            assertThat(padded.pageHeight()).isEqualTo(20);
            assertThat(near(px(padded, 5, 22), Color.WHITE, 0)).isTrue();
            assertThat(near(px(padded, 8, 30), BLUE, 0)).isTrue();
        }
    }

    @Test
    void blurredIsACoverResizedBlurredCopyAndBrightnessShiftsIt() {
        try (VipsScope s = new VipsScope()) {
            VipsImage src = gradient(s, 40, 40);
            VipsImage plain = s.track(BackgroundPainter.canvas(src, 100, 50, new Background.Blurred(null, null)));
            assertThat(plain.width()).isEqualTo(100);
            assertThat(plain.height()).isEqualTo(50);
            assertThat(plain.hasAlpha()).isFalse();
            // Cover: the source's middle band stretched across; blurred: neighbouring pixels nearly equal.
            assertThat(Math.abs(px(plain, 50, 25)[0] - px(plain, 51, 25)[0])).isLessThan(4);
            VipsImage darker = s.track(BackgroundPainter.canvas(src, 100, 50, new Background.Blurred(null, -60)));
            VipsImage lighter = s.track(BackgroundPainter.canvas(src, 100, 50, new Background.Blurred(null, 60)));
            assertThat(avg(darker)).isLessThan(avg(plain) - 30);
            assertThat(avg(lighter)).isGreaterThan(avg(plain) + 20);
            // A stronger radius smooths more: the left-right contrast of the red ramp drops.
            VipsImage strong = s.track(BackgroundPainter.canvas(src, 100, 50, new Background.Blurred(100, 0)));
            double plainSpread = px(plain, 95, 25)[0] - px(plain, 4, 25)[0];
            double strongSpread = px(strong, 95, 25)[0] - px(strong, 4, 25)[0];
            assertThat(strongSpread).isLessThan(plainSpread);
        }
    }

    @Test
    void dominantColourIsTheMostFrequentColourCellsMean() {
        try (VipsScope s = new VipsScope()) {
            VipsImage red = solid(s, 70, 20, new Color(200, 30, 40, 255));
            VipsImage blue = solid(s, 30, 20, BLUE);
            VipsImage mostlyRed = s.image(Vips.op("join").in("in1", red).in("in2", blue).in("direction", "horizontal"),
                    "out");
            assertThat(BackgroundPainter.dominantColor(mostlyRed)).isEqualTo(new Color(200, 30, 40, 255));
            VipsImage painted = s.track(BackgroundPainter.canvas(mostlyRed, 8, 8, new Background.Dominant()));
            assertThat(px(painted, 3, 3)).containsExactly(200, 30, 40);
        }
    }

    @Test
    void dominantColourIgnoresTransparentPixels() {
        try (VipsScope s = new VipsScope()) {
            // A small blue disc on a large transparent (black) field: the answer is blue, not black.
            VipsImage logo = disc(s, 200, 200, 60, new Color(20, 60, 220, 255));
            Color dominant = BackgroundPainter.dominantColor(logo);
            assertThat(dominant.blue()).isGreaterThan(200);
            assertThat(dominant.red()).isLessThan(40);
            // Fully transparent: the default colour.
            VipsImage clear = solid(s, 10, 10, new Color(255, 255, 255, 0));
            assertThat(BackgroundPainter.dominantColor(clear)).isEqualTo(BackgroundPainter.DEFAULT_COLOR);
        }
    }

    @Test
    void dominantOfAGradientIsAColourOfTheImage() {
        try (VipsScope s = new VipsScope()) {
            Color c = BackgroundPainter.dominantColor(gradient(s, 256, 256));
            assertThat(c.blue()).isCloseTo(128, within(1));
            assertThat(c.isOpaque()).isTrue();
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            VipsImage src = gradient(s, 32, 32);
            VipsImage content = s.track(BackgroundPainter.behind(src, 24, 4, 80, 40,
                    new Background.Blurred(null, null), src));
            Goldens.assertMatches("bg_blurred_pad", content);
            Goldens.assertMatches("bg_blurred_12_N50", s.track(BackgroundPainter.canvas(src, 64, 32,
                    new Background.Blurred(12, -50))));
        }
    }
}
