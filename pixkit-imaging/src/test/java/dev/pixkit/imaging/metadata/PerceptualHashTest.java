package dev.pixkit.imaging.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    @Test
    void survivesResizingAndReencoding() {
        for (int seed = 1; seed <= 4; seed++) {
            try (VipsImage scene = Pictures.scene(seed, 640, 480); VipsImage half = Pictures.half(scene)) {
                String original = PerceptualHash.of(Pictures.save(scene, "pngsave_buffer"));
                String jpeg = PerceptualHash.of(Pictures.jpeg(scene, 70));
                String smallerJpeg = PerceptualHash.of(Pictures.jpeg(half, 60));
                String webp = PerceptualHash.of(Pictures.save(half, "webpsave_buffer"));
                System.out.printf("[pixkit-imaging] pHash seed %d: png %s jpeg %s half-jpeg %s half-webp %s%n", seed,
                        original, jpeg, smallerJpeg, webp);
                assertThat(original).matches("[0-9a-f]{16}");
                assertThat(PerceptualHash.distance(original, jpeg)).isLessThanOrEqualTo(6);
                assertThat(PerceptualHash.distance(original, smallerJpeg)).isLessThanOrEqualTo(6);
                assertThat(PerceptualHash.distance(original, webp)).isLessThanOrEqualTo(6);
            }
        }
    }

    @Test
    void differentPicturesAreFarApart() {
        List<String> hashes = new ArrayList<>();
        for (int seed = 10; seed < 16; seed++) {
            try (VipsImage scene = Pictures.scene(seed, 320, 240)) {
                hashes.add(PerceptualHash.of(Pictures.jpeg(scene, 85)));
            }
        }
        for (int i = 0; i < hashes.size(); i++) {
            for (int j = i + 1; j < hashes.size(); j++) {
                assertThat(PerceptualHash.distance(hashes.get(i), hashes.get(j)))
                        .as("%s vs %s", hashes.get(i), hashes.get(j)).isGreaterThan(20);
            }
        }
    }

    @Test
    void transparencyIsFlattenedAndAlphaDoesNotBreakTheHash() {
        try (VipsImage withAlpha = Pictures.sceneWithAlpha(5, 200, 200)) {
            String a = PerceptualHash.of(Pictures.save(withAlpha, "pngsave_buffer"));
            String b = PerceptualHash.of(Pictures.save(withAlpha, "webpsave_buffer"));
            assertThat(PerceptualHash.distance(a, b)).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void aFlatPictureHashesToZeroAndDistanceCountsBits() {
        assertThat(PerceptualHash.hex(PerceptualHash.ofGrey(new double[32 * 32]))).isEqualTo("0000000000000000");
        assertThat(PerceptualHash.distance("0000000000000000", "ffffffffffffffff")).isEqualTo(64);
        assertThat(PerceptualHash.distance("00000000000000f0", "0000000000000010")).isEqualTo(3);
        assertThatThrownBy(() -> PerceptualHash.distance("abc", "0000000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableInputIsATypedFailure() {
        assertThatThrownBy(() -> PerceptualHash.of(new byte[] {1, 2, 3}))
                .isInstanceOf(UnsupportedImageException.class);
    }
}
