package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.animation;
import static dev.pixkit.imaging.pipeline.StageFixtures.deviation;
import static dev.pixkit.imaging.pipeline.StageFixtures.disc;
import static dev.pixkit.imaging.pipeline.StageFixtures.effects;
import static dev.pixkit.imaging.pipeline.StageFixtures.fx;
import static dev.pixkit.imaging.pipeline.StageFixtures.gradient;
import static dev.pixkit.imaging.pipeline.StageFixtures.halves;
import static dev.pixkit.imaging.pipeline.StageFixtures.minMax;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.num;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static dev.pixkit.imaging.pipeline.StageFixtures.run;
import static dev.pixkit.imaging.pipeline.StageFixtures.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Effects;
import dev.pixkit.url.transform.Effects.Gradient;
import dev.pixkit.url.transform.Effects.Shadow;
import dev.pixkit.url.transform.Effects.Sharpen;
import dev.pixkit.url.transform.Effects.UnsharpMask;
import org.junit.jupiter.api.Test;

class EffectsStepTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color GREEN = new Color(0, 255, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);
    private static final Color GREY = new Color(128, 128, 128, 255);

    private static Effects blur(int n) {
        return new Effects(n, null, null, null, null, null, null, null, null);
    }

    private static Effects grayscale() {
        return new Effects(null, true, null, null, null, null, null, null, null);
    }

    private static Effects sharpen(Integer n) {
        return new Effects(null, null, new Sharpen(n), null, null, null, null, null, null);
    }

    private static Effects usm(double r, double s, double a, double t) {
        return new Effects(null, null, null, new UnsharpMask(r, s, a, t), null, null, null, null, null);
    }

    private static Effects contrast() {
        return new Effects(null, null, null, null, true, null, null, null, null);
    }

    private static Effects shadow(Shadow sh) {
        return new Effects(null, null, null, null, null, sh, null, null, null);
    }

    private static Effects gradientFx(Gradient g) {
        return new Effects(null, null, null, null, null, null, g, null, null);
    }

    private static Effects opacity(int o) {
        return new Effects(null, null, null, null, null, null, null, null, o);
    }

    /** Black left half, white right half, 40×20: an edge at x = 20. */
    private static VipsImage edge(VipsScope s) {
        return halves(s, 40, 20, Color.BLACK, Color.WHITE);
    }

    @Test
    void noEffectsLeaveTheImageAlone() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = edge(s);
            assertThat(run(s, new EffectsStep(), in, effects(fx()))).isSameAs(in);
        }
    }

    @Test
    void blurSigmaIsOnePlusHalfTheRadius() {
        assertThat(EffectsStep.blurSigma(1)).isEqualTo(1.5);
        assertThat(EffectsStep.blurSigma(10)).isEqualTo(6.0);
        assertThat(EffectsStep.blurSigma(100)).isEqualTo(51.0);
        assertThat(EffectsStep.blurSigma(500)).isEqualTo(51.0);
    }

    @Test
    void blurSoftensAnEdgeAndMoreBlurSoftensMore() {
        try (VipsScope s = new VipsScope()) {
            VipsImage light = run(s, new EffectsStep(), edge(s), effects(blur(2)));
            VipsImage heavy = run(s, new EffectsStep(), edge(s), effects(blur(20)));
            assertThat(light.width()).isEqualTo(40);
            assertThat(light.bands()).isEqualTo(3);
            // Just left of the edge it is no longer black; far from it the flat areas keep their value.
            assertThat(px(light, 19, 10)[0]).isBetween(60.0, 200.0);
            assertThat(px(heavy, 12, 10)[0]).isGreaterThan(px(light, 12, 10)[0]);
            VipsImage flat = run(s, new EffectsStep(), solid(s, 30, 30, RED), effects(blur(50)));
            assertThat(near(px(flat, 0, 0), RED, 0)).isTrue();
        }
    }

    @Test
    void blurOfATransparentImageHasNoDarkFringe() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new EffectsStep(), disc(s, 40, 40, 20, Color.WHITE), effects(blur(6)));
            assertThat(out.hasAlpha()).isTrue();
            // At the soft edge alpha is partial but the colour stays white (premultiplied blur).
            double a = alpha(out, 8, 20);
            assertThat(a).isBetween(10.0, 245.0);
            assertThat(px(out, 8, 20)[0]).isGreaterThan(250.0);
        }
    }

    @Test
    void grayscaleMakesTheBandsEqualAndKeepsAlpha() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new EffectsStep(), solid(s, 10, 10, new Color(200, 40, 90, 128)),
                    effects(grayscale()));
            assertThat(out.bands()).isEqualTo(4);
            assertThat(out.interpretation()).isEqualTo("srgb");
            double[] p = px(out, 5, 5);
            assertThat(p[0]).isEqualTo(p[1]).isEqualTo(p[2]);
            assertThat(p[0]).isBetween(60.0, 120.0);
            assertThat(p[3]).isEqualTo(128);
        }
    }

    @Test
    void sharpenAddsOvershootAtABlurredEdgeAndAmountControlsIt() {
        try (VipsScope s = new VipsScope()) {
            VipsImage soft = run(s, new EffectsStep(), halves(s, 60, 20, new Color(60, 60, 60, 255),
                    new Color(190, 190, 190, 255)), effects(blur(1)));
            VipsImage sharp = run(s, new EffectsStep(), soft, effects(sharpen(null)));
            VipsImage sharper = run(s, new EffectsStep(), soft, effects(sharpen(100)));
            assertThat(sharp.width()).isEqualTo(60);
            assertThat(deviation(sharp)).isGreaterThan(deviation(soft));
            assertThat(deviation(sharper)).isGreaterThan(deviation(sharp));
            assertThat(EffectsStep.sharpenSigma(null)).isEqualTo(1.0);
            assertThat(EffectsStep.sharpenSigma(10)).isEqualTo(1.0);
            assertThat(EffectsStep.sharpenSigma(1000)).isEqualTo(10.0);
        }
    }

    @Test
    void unsharpMaskSharpensAboveTheThresholdOnly() {
        try (VipsScope s = new VipsScope()) {
            VipsImage soft = run(s, new EffectsStep(), halves(s, 60, 20, new Color(60, 60, 60, 255),
                    new Color(190, 190, 190, 255)), effects(blur(1)));
            VipsImage usm = run(s, new EffectsStep(), soft, effects(usm(2, 2, 0.8, 0.024)));
            assertThat(deviation(usm)).isGreaterThan(deviation(soft));
            // The dark side dips below 60 and the light side rises above 190 next to the edge.
            double[] mm = minMax(usm);
            assertThat(mm[0]).isLessThan(58);
            assertThat(mm[1]).isGreaterThan(192);
            // A threshold above any local difference changes nothing.
            VipsImage none = run(s, new EffectsStep(), soft, effects(usm(2, 2, 0.8, 200)));
            assertThat(deviation(none)).isCloseTo(deviation(soft), within(0.01));
        }
    }

    @Test
    void contrastStretchExpandsANarrowRangeToTheFullRange() {
        try (VipsScope s = new VipsScope()) {
            VipsImage xy = s.image(Vips.op("xyz").in("width", 100).in("height", 10), "out");
            VipsImage x = s.image(Vips.op("extract_band").in("in", xy).in("band", 0), "out");
            VipsImage narrow = s.image(Vips.op("linear").in("in", x).in("a", 0.5).in("b", 100.0)
                    .in("uchar", true), "out"); // 100..149
            VipsImage rgb = StageFixtures.srgb(s, s.image(Vips.op("bandjoin").in("in", narrow, narrow, narrow), "out"));
            VipsImage out = run(s, new EffectsStep(), rgb, effects(contrast()));
            double[] mm = minMax(out);
            assertThat(mm[0]).isLessThanOrEqualTo(2);
            assertThat(mm[1]).isGreaterThanOrEqualTo(253);
            assertThat(px(out, 50, 5)[0]).isBetween(110.0, 145.0); // the middle stays in the middle
            // A flat image has nothing to stretch.
            VipsImage flat = solid(s, 10, 10, GREY);
            assertThat(run(s, new EffectsStep(), flat, effects(contrast()))).isSameAs(flat);
        }
    }

    @Test
    void defaultGradientFadesFromWhiteAtTheTopToTheImageAtTheBottom() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new EffectsStep(), solid(s, 40, 100, GREY),
                    effects(gradientFx(new Gradient(null, null, null, null))));
            assertThat(out.hasAlpha()).isFalse();
            assertThat(px(out, 20, 0)[0]).isGreaterThan(250);
            assertThat(px(out, 20, 99)[0]).isCloseTo(128, within(4.0));
            assertThat(px(out, 20, 50)[0]).isBetween(150.0, 230.0);
        }
    }

    @Test
    void gradientDirectionColoursAndStopPoint() {
        try (VipsScope s = new VipsScope()) {
            // ld-90: left → right, from red to blue, reaching blue at 25 px and holding it.
            Gradient g = new Gradient(90, RED, BLUE, 25.0);
            VipsImage out = run(s, new EffectsStep(), solid(s, 100, 20, Color.WHITE), effects(gradientFx(g)));
            assertThat(near(px(out, 0, 10), RED, 8)).isTrue();
            assertThat(near(px(out, 30, 10), BLUE, 1)).isTrue();
            assertThat(near(px(out, 99, 10), BLUE, 1)).isTrue();
            // sp ≤ 1 is a fraction: 0.5 reaches "to" at the middle.
            VipsImage half = run(s, new EffectsStep(), solid(s, 100, 20, Color.WHITE),
                    effects(gradientFx(new Gradient(90, RED, BLUE, 0.5))));
            assertThat(near(px(half, 55, 10), BLUE, 1)).isTrue();
            assertThat(px(half, 25, 10)[0]).isBetween(100.0, 160.0);
            // ld-0 (to top) starts at the bottom.
            VipsImage up = run(s, new EffectsStep(), solid(s, 20, 100, Color.WHITE),
                    effects(gradientFx(new Gradient(0, RED, BLUE, null))));
            assertThat(near(px(up, 10, 99), RED, 8)).isTrue();
            assertThat(near(px(up, 10, 0), BLUE, 8)).isTrue();
        }
    }

    @Test
    void gradientKeepsTheImagesAlphaBand() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new EffectsStep(), disc(s, 40, 40, 20, GREY),
                    effects(gradientFx(new Gradient(null, RED, BLUE, null))));
            assertThat(out.hasAlpha()).isTrue();
            assertThat(alpha(out, 20, 20)).isEqualTo(255);
        }
    }

    @Test
    void shadowGrowsTheCanvasAndCastsASoftShadowBehindTheShape() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = disc(s, 50, 50, 30, RED);
            VipsImage out = run(s, new EffectsStep(), in, effects(shadow(new Shadow(null, null, null, null))));
            // Defaults: blur 10 → σ 5 → margin 15; offsets 2 % of 50 = 1 px. Left/top grow 14, right/bottom 16.
            assertThat(out.width()).isEqualTo(50 + 14 + 16);
            assertThat(out.height()).isEqualTo(80);
            assertThat(out.hasAlpha()).isTrue();
            // The disc is unchanged, 14 px further in.
            assertThat(near(px(out, 14 + 25, 14 + 25), RED, 0)).isTrue();
            assertThat(alpha(out, 14 + 25, 14 + 25)).isEqualTo(255);
            // Far corners are clear; just outside the disc there is a translucent black shadow (≤ 30 %).
            assertThat(alpha(out, 0, 0)).isZero();
            double a = alpha(out, 14 + 25 + 17, 14 + 25);
            assertThat(a).isBetween(3.0, 0.3 * 255 + 1);
            assertThat(px(out, 14 + 25 + 17, 14 + 25)[0]).isLessThan(5);
        }
    }

    @Test
    void shadowParametersMoveAndHardenIt() {
        try (VipsScope s = new VipsScope()) {
            VipsImage in = solid(s, 40, 20, BLUE); // opaque: the shadow is a rectangle
            Shadow hard = new Shadow(0, 100, num(50), num(-50)); // 20 px right, 10 px up, sharp, opaque
            VipsImage out = run(s, new EffectsStep(), in, effects(shadow(hard)));
            assertThat(out.width()).isEqualTo(60);
            assertThat(out.height()).isEqualTo(30);
            // The image sits at (0, 10); the shadow occupies (20..59, 0..19).
            assertThat(near(px(out, 5, 15), BLUE, 0)).isTrue();
            assertThat(alpha(out, 50, 5)).isEqualTo(255);
            assertThat(near(px(out, 50, 5), Color.BLACK, 0)).isTrue();
            assertThat(alpha(out, 5, 5)).isZero();
            assertThat(alpha(out, 50, 25)).isZero();
        }
    }

    @Test
    void opacityAddsAnAlphaBandOrScalesTheExistingOne() {
        try (VipsScope s = new VipsScope()) {
            VipsImage rgb = run(s, new EffectsStep(), solid(s, 10, 10, RED), effects(opacity(50)));
            assertThat(rgb.bands()).isEqualTo(4);
            assertThat(alpha(rgb, 5, 5)).isCloseTo(127, within(1.0));
            assertThat(near(px(rgb, 5, 5), RED, 0)).isTrue();
            VipsImage rgba = run(s, new EffectsStep(), solid(s, 10, 10, new Color(0, 0, 255, 200)),
                    effects(opacity(50)));
            assertThat(alpha(rgba, 5, 5)).isCloseTo(100, within(1.0));
            VipsImage zero = run(s, new EffectsStep(), solid(s, 10, 10, RED), effects(opacity(0)));
            assertThat(alpha(zero, 5, 5)).isZero();
        }
    }

    @Test
    void animationsAreBlurredFrameByFrameWithoutBleeding() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 20, 10, RED, GREEN, BLUE);
            VipsImage out = run(s, new EffectsStep(), anim, effects(blur(10)));
            assertThat(out.height()).isEqualTo(30);
            assertThat(out.pageHeight()).isEqualTo(10);
            // Bottom row of frame 0 and top row of frame 1 (away from the markers) stay pure.
            assertThat(near(px(out, 18, 9), RED, 2)).isTrue();
            assertThat(near(px(out, 18, 10), GREEN, 2)).isTrue();
            VipsImage shadowed = run(s, new EffectsStep(), anim, effects(shadow(new Shadow(4, 50, null, null))));
            assertThat(shadowed.pageHeight()).isEqualTo(shadowed.height() / 3);
        }
    }

    @Test
    void effectsComposeInTheDocumentedOrder() {
        try (VipsScope s = new VipsScope()) {
            // grayscale then opacity: grey with half alpha.
            Effects e = new Effects(null, true, null, null, null, null, null, null, 50);
            VipsImage out = run(s, new EffectsStep(), solid(s, 10, 10, RED), effects(e));
            double[] p = px(out, 5, 5);
            assertThat(p[0]).isEqualTo(p[1]);
            assertThat(p[3]).isCloseTo(127, within(1.0));
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            VipsImage photo = gradient(s, 64, 48);
            VipsImage shape = disc(s, 64, 64, 40, new Color(230, 120, 30, 255));
            Goldens.assertMatches("effect_blur_5", run(s, new EffectsStep(), halves(s, 64, 32, RED, BLUE),
                    effects(blur(5))));
            Goldens.assertMatches("effect_grayscale", run(s, new EffectsStep(), photo, effects(grayscale())));
            VipsImage soft = run(s, new EffectsStep(), halves(s, 64, 32, new Color(60, 60, 60, 255),
                    new Color(190, 190, 190, 255)), effects(blur(1)));
            Goldens.assertMatches("effect_sharpen_50", run(s, new EffectsStep(), soft, effects(sharpen(50))));
            Goldens.assertMatches("effect_usm", run(s, new EffectsStep(), soft, effects(usm(2, 2, 0.8, 0.024))));
            VipsImage dull = s.image(Vips.op("linear").in("in", photo).in("a", 0.3).in("b", 90.0).in("uchar", true),
                    "out");
            Goldens.assertMatches("effect_contrast", run(s, new EffectsStep(), StageFixtures.srgb(s, dull),
                    effects(contrast())));
            Goldens.assertMatches("effect_gradient_default", run(s, new EffectsStep(), photo,
                    effects(gradientFx(new Gradient(null, null, null, null)))));
            Goldens.assertMatches("effect_gradient_45", run(s, new EffectsStep(), photo,
                    effects(gradientFx(new Gradient(45, new Color(255, 0, 0, 128), new Color(255, 255, 255, 128),
                            0.5)))));
            Goldens.assertMatches("effect_shadow_default", run(s, new EffectsStep(), shape,
                    effects(shadow(new Shadow(null, null, null, null)))));
            Goldens.assertMatches("effect_shadow_custom", run(s, new EffectsStep(), shape,
                    effects(shadow(new Shadow(15, 60, num(10), num(-5))))));
            Goldens.assertMatches("effect_opacity_40", run(s, new EffectsStep(), photo, effects(opacity(40))));
        }
    }
}
