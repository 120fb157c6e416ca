package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.animation;
import static dev.pixkit.imaging.pipeline.StageFixtures.decoration;
import static dev.pixkit.imaging.pipeline.StageFixtures.disc;
import static dev.pixkit.imaging.pipeline.StageFixtures.gradient;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.num;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static dev.pixkit.imaging.pipeline.StageFixtures.run;
import static dev.pixkit.imaging.pipeline.StageFixtures.solid;
import static dev.pixkit.imaging.pipeline.StageFixtures.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.pipeline.golden.Goldens;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.Decoration;
import dev.pixkit.url.transform.Decoration.Border;
import dev.pixkit.url.transform.Decoration.Radius;
import dev.pixkit.url.transform.Expr;
import org.junit.jupiter.api.Test;

class RadiusBorderStepTest {

    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);
    private static final Color YELLOW = new Color(255, 240, 0, 255);

    private static Decoration radius(Radius r) {
        return new Decoration(null, null, r, null, null);
    }

    private static Decoration border(Border b) {
        return new Decoration(null, null, null, b, null);
    }

    private static Radius.Corners all(double r) {
        return Radius.Corners.all(num(r));
    }

    @Test
    void r20MakesTheCornersTransparentAndKeepsTheRest() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 100, 80, BLUE), decoration(radius(all(20))));
            assertThat(out.width()).isEqualTo(100);
            assertThat(out.height()).isEqualTo(80);
            assertThat(out.bands()).isEqualTo(4);
            for (int[] corner : new int[][] {{0, 0}, {99, 0}, {99, 79}, {0, 79}, {3, 3}, {96, 76}}) {
                assertThat(alpha(out, corner[0], corner[1])).as("corner %d,%d", corner[0], corner[1]).isZero();
            }
            // Inside the arc and along the straight edges: opaque and unchanged.
            assertThat(alpha(out, 20, 0)).isEqualTo(255);
            assertThat(alpha(out, 0, 20)).isEqualTo(255);
            assertThat(alpha(out, 10, 10)).isEqualTo(255); // (10,10) is 14 px from the arc centre (20,20)
            assertThat(alpha(out, 50, 40)).isEqualTo(255);
            assertThat(near(px(out, 50, 40), BLUE, 0)).isTrue();
            // The arc itself is antialiased: some partial coverage on the diagonal.
            double edge = alpha(out, 5, 6); // on the arc: its centre is 19.8 px from the arc centre
            assertThat(edge).isBetween(1.0, 254.0);
        }
    }

    @Test
    void perCornerRadiiFollowTopLeftTopRightBottomRightBottomLeft() {
        try (VipsScope s = new VipsScope()) {
            Radius.Corners corners = new Radius.Corners(num(0), num(20), num(0), num(20));
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 100, 80, BLUE), decoration(radius(corners)));
            assertThat(alpha(out, 0, 0)).isEqualTo(255);
            assertThat(alpha(out, 99, 0)).isZero();
            assertThat(alpha(out, 99, 79)).isEqualTo(255);
            assertThat(alpha(out, 0, 79)).isZero();
        }
    }

    @Test
    void oversizedRadiiScaleDownToAPill() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 100, 40, BLUE), decoration(radius(all(9999))));
            // Radii become 20 (half the height): the ends are semicircles, the middle of the edges stays opaque.
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(alpha(out, 0, 20)).isGreaterThan(100);
            assertThat(alpha(out, 50, 0)).isEqualTo(255);
            assertThat(alpha(out, 50, 39)).isEqualTo(255);
        }
    }

    @Test
    void radiusExpressionsAreEvaluated() {
        try (VipsScope s = new VipsScope()) {
            Expr halfHeight = new Expr.Binary(Expr.Op.DIV, var(Expr.Variable.CH), num(2));
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 60, 60, BLUE),
                    decoration(radius(Radius.Corners.all(halfHeight))));
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(alpha(out, 7, 7)).isZero(); // a circle of radius 30: (7,7) is 31.8 px from the centre
            assertThat(alpha(out, 30, 0)).isGreaterThan(100);
        }
    }

    @Test
    void r0KeepsSquareCornersWithoutAddingAlpha() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 20, 20, BLUE), decoration(radius(all(0))));
            assertThat(out.hasAlpha()).isFalse();
            assertThat(near(px(out, 0, 0), BLUE, 0)).isTrue();
        }
    }

    @Test
    void rMaxIsTheInscribedEllipse() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 120, 60, BLUE), decoration(radius(new Radius.Max())));
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(alpha(out, 119, 59)).isZero();
            assertThat(alpha(out, 60, 30)).isEqualTo(255);
            // The ellipse touches the middle of each side.
            assertThat(alpha(out, 60, 1)).isEqualTo(255);
            assertThat(alpha(out, 1, 30)).isEqualTo(255);
            // (15, 8): inside the box, outside the ellipse ((15-60)²/60² + (8-30)²/30² > 1).
            assertThat(alpha(out, 15, 8)).isZero();
        }
    }

    @Test
    void radiusMultipliesAnExistingAlpha() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 40, 40, new Color(0, 0, 255, 100)),
                    decoration(radius(all(10))));
            assertThat(out.bands()).isEqualTo(4);
            assertThat(alpha(out, 20, 20)).isEqualTo(100);
            assertThat(alpha(out, 0, 0)).isZero();
        }
    }

    @Test
    void borderGrowsTheImageAndPaintsTheBorderColour() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 50, 30, BLUE),
                    decoration(border(new Border(num(5), YELLOW))));
            assertThat(out.width()).isEqualTo(60);
            assertThat(out.height()).isEqualTo(40);
            assertThat(out.hasAlpha()).isFalse();
            for (int[] p : new int[][] {{0, 0}, {4, 20}, {59, 39}, {30, 2}, {57, 20}}) {
                assertThat(near(px(out, p[0], p[1]), YELLOW, 0)).as("border at %d,%d", p[0], p[1]).isTrue();
            }
            assertThat(near(px(out, 5, 5), BLUE, 0)).isTrue();
            assertThat(near(px(out, 54, 34), BLUE, 0)).isTrue();
        }
    }

    @Test
    void borderWidthMayBeAnExpression() {
        try (VipsScope s = new VipsScope()) {
            Expr width = new Expr.Binary(Expr.Op.DIV, var(Expr.Variable.IH), num(10)); // 40 / 10 = 4
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 40, 40, BLUE),
                    decoration(border(new Border(width, RED))));
            assertThat(out.width()).isEqualTo(48);
            assertThat(near(px(out, 3, 20), RED, 0)).isTrue();
            assertThat(near(px(out, 4, 20), BLUE, 0)).isTrue();
        }
    }

    @Test
    void borderAroundATransparentImageLeavesItsInsideTransparent() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), disc(s, 40, 40, 20, BLUE),
                    decoration(border(new Border(num(3), RED))));
            assertThat(out.width()).isEqualTo(46);
            assertThat(alpha(out, 1, 1)).isEqualTo(255);
            assertThat(near(px(out, 1, 1), RED, 0)).isTrue();
            assertThat(alpha(out, 6, 6)).isZero(); // inside the border, outside the disc
            assertThat(near(px(out, 23, 23), BLUE, 0)).isTrue();
        }
    }

    @Test
    void translucentBorderColourStaysTranslucent() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 20, 20, BLUE),
                    decoration(border(new Border(num(4), new Color(255, 0, 0, 64)))));
            assertThat(out.hasAlpha()).isTrue();
            assertThat(alpha(out, 1, 1)).isCloseTo(64, within(1.0));
            assertThat(alpha(out, 10, 10)).isEqualTo(255);
        }
    }

    @Test
    void borderWithRadiusFollowsTheRoundedShape() {
        try (VipsScope s = new VipsScope()) {
            Decoration d = new Decoration(null, null, all(20), new Border(num(6), YELLOW), null);
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 100, 80, BLUE), decoration(d));
            assertThat(out.width()).isEqualTo(112);
            assertThat(out.height()).isEqualTo(92);
            assertThat(alpha(out, 0, 0)).isZero(); // the outer corner is rounded (radius 26)
            assertThat(near(px(out, 56, 2), YELLOW, 0)).isTrue(); // straight top edge: border
            assertThat(alpha(out, 56, 2)).isEqualTo(255);
            // Along the diagonal, the border is there between the outer and the inner arc...
            // outer arc centre (26,26) r 26, inner arc centre (26,26) r 20: (12,12) is 19.8 from it → image;
            // (9,9) is 24 from it → border.
            assertThat(near(px(out, 9, 9), YELLOW, 1)).isTrue();
            assertThat(alpha(out, 9, 9)).isEqualTo(255);
            assertThat(near(px(out, 56, 46), BLUE, 0)).isTrue();
            // ... and no seam: every pixel between the border and the image centre is opaque.
            for (int i = 8; i < 46; i++) {
                assertThat(alpha(out, i, i)).as("diagonal %d", i).isEqualTo(255);
            }
        }
    }

    @Test
    void borderWithRMaxIsAnEllipticalRing() {
        try (VipsScope s = new VipsScope()) {
            Decoration d = new Decoration(null, null, new Radius.Max(), new Border(num(5), RED), null);
            VipsImage out = run(s, new RadiusBorderStep(), solid(s, 60, 60, BLUE), decoration(d));
            assertThat(out.width()).isEqualTo(70);
            assertThat(alpha(out, 0, 0)).isZero();
            assertThat(near(px(out, 35, 2), RED, 0)).isTrue();
            assertThat(near(px(out, 35, 35), BLUE, 0)).isTrue();
        }
    }

    @Test
    void animationsAreRoundedAndBorderedFrameByFrame() {
        try (VipsScope s = new VipsScope()) {
            VipsImage anim = animation(s, 30, 20, RED, BLUE);
            Decoration d = new Decoration(null, null, all(8), new Border(num(2), YELLOW), null);
            VipsImage out = run(s, new RadiusBorderStep(), anim, decoration(d));
            assertThat(out.width()).isEqualTo(34);
            assertThat(out.height()).isEqualTo(48);
            assertThat(out.pageHeight()).isEqualTo(24);
            assertThat(alpha(out, 0, 24)).isZero(); // the second frame has its own rounded corner
            assertThat(near(px(out, 17, 25), YELLOW, 0)).isTrue();
            assertThat(near(px(out, 17, 36), BLUE, 0)).isTrue();
        }
    }

    @Test
    void goldens() {
        try (VipsScope s = new VipsScope()) {
            VipsImage photo = gradient(s, 96, 64);
            Goldens.assertMatches("radius_16", run(s, new RadiusBorderStep(), photo, decoration(radius(all(16)))));
            Goldens.assertMatches("radius_corners", run(s, new RadiusBorderStep(), photo, decoration(radius(
                    new Radius.Corners(num(0), num(12), num(32), num(6))))));
            Goldens.assertMatches("radius_max", run(s, new RadiusBorderStep(), photo,
                    decoration(radius(new Radius.Max()))));
            Goldens.assertMatches("border_6_yellow", run(s, new RadiusBorderStep(), photo,
                    decoration(border(new Border(num(6), YELLOW)))));
            Goldens.assertMatches("border_radius", run(s, new RadiusBorderStep(), photo,
                    decoration(new Decoration(null, null, all(16), new Border(num(5), new Color(20, 20, 20, 255)),
                            null))));
        }
    }
}
