package dev.pixkit.imaging.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegQualityTest {

    @Test
    void referenceFiguresEqualImageMagicksTables() {
        // Spot checks against the literal tables in ImageMagick's coders/jpeg.c.
        assertThat(JpegQuality.HASH_TWO[0]).isEqualTo(1020);
        assertThat(JpegQuality.HASH_TWO[1]).isEqualTo(1015);
        assertThat(JpegQuality.HASH_TWO[2]).isEqualTo(932);
        assertThat(JpegQuality.SUM_TWO[0]).isEqualTo(32640);
        assertThat(Arrays.copyOfRange(JpegQuality.SUM_TWO, 90, 100))
                .containsExactly(1666, 1483, 1297, 1109, 927, 735, 554, 375, 201, 128);
        assertThat(Arrays.copyOfRange(JpegQuality.HASH_ONE, 0, 10))
                .containsExactly(510, 505, 422, 380, 355, 338, 326, 318, 311, 305);
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 75, 90, 20, 97})
    void estimatesTheQualityLibvipsEncodedWith(int quality) {
        try (VipsImage scene = Pictures.scene(1, 160, 120)) {
            byte[] jpeg = Pictures.jpeg(scene, quality);
            OptionalInt estimate = JpegQuality.estimate(jpeg);
            assertThat(estimate).isPresent();
            assertThat(estimate.getAsInt()).isBetween(quality - 2, quality + 2);
            assertThat(JpegQuality.estimate(new ByteArrayInputStream(jpeg))).isEqualTo(estimate);
        }
    }

    @Test
    void greyscaleJpegsAreMatchedOnTheirSingleTable() {
        try (VipsImage scene = Pictures.scene(2, 120, 90);
                VipsImage grey = Vips.op("colourspace").in("in", scene).in("space", "b-w").callImage("out")) {
            assertThat(JpegQuality.estimate(Pictures.jpeg(grey, 60))).hasValue(60);
        }
    }

    @Test
    void nonJpegAndDamagedHeadersGiveNoEstimate() {
        assertThat(JpegQuality.estimate(new byte[0])).isEmpty();
        assertThat(JpegQuality.estimate(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
        assertThat(JpegQuality.estimate(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).isEmpty();
        try (VipsImage scene = Pictures.scene(3, 64, 64)) {
            byte[] jpeg = Pictures.jpeg(scene, 80);
            assertThat(JpegQuality.estimate(Arrays.copyOf(jpeg, 30))).isEmpty();
            byte[] garbage = jpeg.clone();
            garbage[2] = 0x12; // no marker where one must be
            assertThat(JpegQuality.estimate(garbage)).isEmpty();
        }
    }
}
