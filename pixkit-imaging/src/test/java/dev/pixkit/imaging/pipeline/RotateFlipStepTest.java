package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.animation;
import static dev.pixkit.imaging.pipeline.StageFixtures.decoration;
import static dev.pixkit.imaging.pipeline.StageFixtures.gradient;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static dev.pixkit.imaging.pipeline.StageFixtures.run;
import static dev.pixkit.imaging.pipeline.StageFixtures.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Background;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Decoration.Flip;
import dev.pixkit.url.transform.Decoration.Rotation;
import org.junit.jupiter.api.Test;

class RotateFlipStepTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color GREEN = new Color(0, 255, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);

    private static Decoration rotate(double degrees, Background bg) {
        return new Decoration(new Rotation.Degrees(degrees), null, null, null, bg);
    }

    private static Decoration flip(Flip f) {
        return new Decoration(null, f, null, null, null);
    }

    /** 40×20 black image with a red 4×4 marker at the top-left. */
    private static VipsImage marked(VipsScope s) {
        VipsImage base = solid(s, 40, 20, Color.BLACK);
        VipsImage mark = solid(s, 4, 4, RED);
        return s.image(Vips.op("insert").in("main", base).in("sub", mark).in("x", 0).in("y", 0), "out");
    }

    @Test
    void rt90RotatesClockwiseSoTheTopLeftMarkerEndsTopRight() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RotateFlipStep(), marked(s), decoration(rotate(90, null)));
            assertThat(out.width()).isEqualTo(20);
            assertThat(out.height()).isEqualTo(40);
            assertThat(near(px(out, 18, 1), RED, 0)).isTrue();
            assertThat(near(px(out, 1, 1), Color.BLACK, 0)).isTrue();
            assertThat(out.hasAlpha()).isFalse();
        }
    }

    @Test
    void rtN90IsCounterClockwiseSoTheMarkerEndsBottomLeft() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RotateFlipStep(), marked(s), decoration(rotate(-90, null)));
            assertThat(out.width()).isEqualTo(20);
            assertThat(out.height()).isEqualTo(40);
            assertThat(near(px(out, 1, 38), RED, 0)).isTrue();
        }
    }

    @Test
    void rt180AndRt360() {
        try (VipsScope s = new VipsScope()) {
            VipsImage half = run(s, new RotateFlipStep(), marked(s), decoration(rotate(180, null)));
            assertThat(near(px(half, 38, 18), RED, 0)).isTrue();
            VipsImage full = run(s, new RotateFlipStep(), marked(s), decoration(rotate(360, null)));
            assertThat(near(px(full, 1, 1), RED, 0)).isTrue();
            assertThat(full.width()).isEqualTo(40);
        }
    }

    @Test
    void arbitraryAngleWithoutBgGrowsToTheBoundingBoxWithTransparentCorners() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = solid(s, 60, 40, BLUE);
            VipsImage out = run(s, new RotateFlipStep(), in, decoration(rotate(45, null)));
            double expected = (60 + 40) / Math.sqrt(2);
            assertThat((double) out.width()).isCloseTo(expected, within(2.0));
            assertThat((double) out.height()).isCloseTo(expected, within(2.0));
            assertThat(out.hasAlpha()).isTrue();
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(alpha(out, out.width() - 1, out.height() - 1)).isZero();
            int cx = out.width() / 2;
            int cy = out.height() / 2;
            assertThat(alpha(out, cx, cy)).isEqualTo(255);
            assertThat(near(px(out, cx, cy), BLUE, 1)).isTrue(); // no dark fringe from premultiplication errors
        }
    }

    @Test
    void negativeArbitraryAngleTurnsTheOtherWay() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = marked(s);
            VipsImage cw = run(s, new RotateFlipStep(), in, decoration(rotate(30, null)));
            VipsImage ccw = run(s, new RotateFlipStep(), in, decoration(rotate(-30, null)));
            assertThat(cw.width()).isEqualTo(ccw.width());
            // Clockwise lifts the top-left corner towards the top edge; counter-clockwise drops it to the left edge.
            assertThat(reddestRow(cw)).isLessThan(reddestRow(ccw));
        }
    }

    private static int reddestRow(VipsImage image) {
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double[] p = px(image, x, y);
                if (p[0] > 200 && p[1] < 60 && alpha(image, x, y) > 200) {
                    return y;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void arbitraryAngleWithAColourFillsTheCornersAndStaysOpaque() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RotateFlipStep(), solid(s, 60, 40, BLUE), decoration(rotate(30, RED)));
            assertThat(out.hasAlpha()).isFalse();
            assertThat(out.bands()).isEqualTo(3);
            assertThat(near(px(out, 0, 0), RED, 0)).isTrue();
            assertThat(near(px(out, out.width() / 2, out.height() / 2), BLUE, 1)).isTrue();
        }
    }

    @Test
    void arbitraryAngleWithATranslucentColourKeepsItsAlpha() {
        try (VipsScope s = new VipsScope()) {
            Color halfRed = new Color(255, 0, 0, 128);
            VipsImage out = run(s, new RotateFlipStep(), solid(s, 60, 40, BLUE), decoration(rotate(30, halfRed)));
            assertThat(out.hasAlpha()).isTrue();
            assertThat(alpha(out, 0, 0)).isCloseTo(128, within(1.0));
            assertThat(near(px(out, 0, 0), RED, 1)).isTrue();
        }
    }

    @Test
    void arbitraryAngleWithBlurredAndDominantBackgroundsPaintsTheCorners() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = solid(s, 60, 40, GREEN);
            VipsImage blurred = run(s, new RotateFlipStep(), in,
                    decoration(rotate(20, new Background.Blurred(null, null))));
            assertThat(blurred.hasAlpha()).isFalse();
            assertThat(near(px(blurred, 0, 0), GREEN, 2)).isTrue();
            VipsImage dominant = run(s, new RotateFlipStep(), in, decoration(rotate(20, new Background.Dominant())));
            assertThat(near(px(dominant, 0, 0), GREEN, 2)).isTrue();
        }
    }

    @Test
    void flipsMirrorTheMarker() {
        try (VipsScope s = new VipsScope()) {
            VipsImage h = run(s, new RotateFlipStep(), marked(s), decoration(flip(Flip.HORIZONTAL)));
            assertThat(near(px(h, 38, 1), RED, 0)).isTrue();
            VipsImage v = run(s, new RotateFlipStep(), marked(s), decoration(flip(Flip.VERTICAL)));
            assertThat(near(px(v, 1, 18), RED, 0)).isTrue();
            VipsImage both = run(s, new RotateFlipStep(), marked(s), decoration(flip(Flip.BOTH)));
            assertThat(near(px(both, 38, 18), RED, 0)).isTrue();
            assertThat(both.width()).isEqualTo(40);
        }
    }

    @Test
    void rotationHappensBeforeTheFlip() {
        try (VipsScope s = new VipsScope()) {
            // rt-90 puts the marker top-right; fl-h then mirrors it back to the top-left.
            Decoration d = new Decoration(new Rotation.Degrees(90), Flip.HORIZONTAL, null, null, null);
            VipsImage out = run(s, new RotateFlipStep(), marked(s), decoration(d));
            assertThat(out.width()).isEqualTo(20);
            assertThat(near(px(out, 1, 1), RED, 0)).isTrue();
        }
    }

    @Test
    void rtAutoAppliesTheExifOrientation() {
        try (VipsScope s = new VipsScope()) {
            VipsImage tagged = s.track(marked(s).withInt(VipsImage.ORIENTATION, 6)); // 6 = rotate 90° clockwise
            VipsImage out = run(s, new RotateFlipStep(), tagged,
                    decoration(new Decoration(new Rotation.Auto(), null, null, null, null)));
            assertThat(out.width()).isEqualTo(20);
            assertThat(out.height()).isEqualTo(40);
            assertThat(near(px(out, 18, 1), RED, 0)).isTrue();
            assertThat(out.orientation()).isEqualTo(1);
            // Without a tag nothing changes.
            VipsImage plain = marked(s);
            assertThat(run(s, new RotateFlipStep(), plain,
                    decoration(new Decoration(new Rotation.Auto(), null, null, null, null)))).isSameAs(plain);
        }
    }

    @Test
    void animationsRotateFrameByFrameKeepingOrderAndPageHeight() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 20, 10, RED, GREEN, BLUE);
            VipsImage out = run(s, new RotateFlipStep(), anim, decoration(rotate(90, null)));
            assertThat(out.width()).isEqualTo(10);
            assertThat(out.height()).isEqualTo(60);
            assertThat(out.pageHeight()).isEqualTo(20);
            assertThat(near(px(out, 2, 10), RED, 0)).isTrue();
            assertThat(near(px(out, 2, 30), GREEN, 0)).isTrue();
            assertThat(near(px(out, 2, 50), BLUE, 0)).isTrue();
            // Each frame's white marker moved to its own top-right.
            assertThat(near(px(out, 9, 20), Color.WHITE, 0)).isTrue();
            assertThat(near(px(out, 9, 40), Color.WHITE, 0)).isTrue();
        }
    }

    @Test
    void animationsFlipVerticallyWithoutReorderingFrames() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 20, 10, RED, GREEN, BLUE);
            VipsImage out = run(s, new RotateFlipStep(), anim, decoration(flip(Flip.VERTICAL)));
            assertThat(out.pageHeight()).isEqualTo(10);
            assertThat(near(px(out, 10, 2), RED, 0)).isTrue();
            assertThat(near(px(out, 10, 22), BLUE, 0)).isTrue();
            assertThat(near(px(out, 0, 9), Color.WHITE, 0)).isTrue(); // marker now bottom-left of frame 0
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = gradient(s, 64, 40);
            Goldens.assertMatches("rotate_30_transparent",
                    run(s, new RotateFlipStep(), in, decoration(rotate(30, null))));
            Goldens.assertMatches("rotate_N20_bg_blurred",
                    run(s, new RotateFlipStep(), in, decoration(rotate(-20, new Background.Blurred(6, -40)))));
            Goldens.assertMatches("rotate_90_flip_h", run(s, new RotateFlipStep(), in,
                    decoration(new Decoration(new Rotation.Degrees(90), Flip.HORIZONTAL, null, null, null))));
        }
    }
}
