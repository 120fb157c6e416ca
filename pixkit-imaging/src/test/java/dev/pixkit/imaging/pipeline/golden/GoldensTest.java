package dev.pixkit.imaging.pipeline.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The comparison itself: identical images score 1, real differences fall below the bar, transparency counts. */
class GoldensTest {

    private static BufferedImage image(int w, int h, java.util.function.IntBinaryOperator argb) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, argb.applyAsInt(x, y));
            }
        }
        return out;
    }

    private static double ssim(BufferedImage a, BufferedImage b) {
        return Goldens.ssim(Goldens.luma(a), Goldens.luma(b), a.getWidth(), a.getHeight());
    }

    private static int grey(int v, int alpha) {
        return (alpha << 24) | (v << 16) | (v << 8) | v;
    }

    @Test
    void identicalImagesScoreOne() {
        BufferedImage a = image(64, 48, (x, y) -> grey((x * 4) & 0xff, 255));
        assertThat(ssim(a, a)).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aMovedEdgeOrAChangedShapeFailsTheDefaultBar() {
        BufferedImage edge = image(64, 48, (x, y) -> grey(x < 32 ? 0 : 255, 255));
        BufferedImage moved = image(64, 48, (x, y) -> grey(x < 36 ? 0 : 255, 255));
        assertThat(ssim(edge, moved)).isLessThan(Goldens.DEFAULT_MIN_SSIM);
        BufferedImage square = image(64, 48, (x, y) -> grey(x > 16 && x < 48 && y > 8 && y < 40 ? 255 : 0, 255));
        BufferedImage rounded = image(64, 48, (x, y) -> {
            int dx = Math.max(0, Math.max(26 - x, x - 38));
            int dy = Math.max(0, Math.max(18 - y, y - 30));
            return grey(x > 16 && x < 48 && y > 8 && y < 40 && dx * dx + dy * dy < 100 ? 255 : 0, 255);
        });
        assertThat(ssim(square, rounded)).isLessThan(Goldens.DEFAULT_MIN_SSIM);
    }

    @Test
    void transparencyDifferencesCount() {
        BufferedImage opaque = image(64, 48, (x, y) -> grey(200, 255));
        BufferedImage cornersCut = image(64, 48, (x, y) -> grey(200, x < 12 && y < 12 ? 0 : 255));
        assertThat(ssim(opaque, cornersCut)).isLessThan(Goldens.DEFAULT_MIN_SSIM);
    }

    @Test
    void aOneLevelDifferenceEverywherePasses() {
        BufferedImage a = image(64, 48, (x, y) -> grey(100 + (x + y) % 50, 255));
        BufferedImage b = image(64, 48, (x, y) -> grey(101 + (x + y) % 50, 255));
        assertThat(ssim(a, b)).isGreaterThan(Goldens.DEFAULT_MIN_SSIM);
    }
}
