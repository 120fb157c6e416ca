package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.ThumbnailOptions.FailOn;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrientationProbeTest {

    private static byte[] rotatedJpeg;

    @BeforeAll
    static void createJpegWithExifOrientation6() {
        try (VipsImage image = TestImages.rgb(200, 100);
             VipsImage rotated = image.withInt(VipsImage.ORIENTATION, 6)) {
            rotatedJpeg = TestImages.jpeg(rotated);
        }
    }

    @Test
    void headerProbeReportsExifOrientation6() {
        ImageHeader header = ImageProbe.probe(rotatedJpeg);
        assertThat(header).isEqualTo(new ImageHeader(200, 100, ImageFormat.JPEG, false, 6, 1));
        assertThat(header.isTransposed()).isTrue();
        assertThat(header.displayWidth()).isEqualTo(100);
        assertThat(header.displayHeight()).isEqualTo(200);
    }

    @Test
    void headerProbeDecodesNoPixels() {
        // Cut the entropy-coded scan in half: the header is intact, the pixels are not.
        byte[] truncated = Arrays.copyOf(rotatedJpeg, rotatedJpeg.length / 2);

        // A probe never touches the scan data, so it cannot notice the damage...
        assertThat(ImageProbe.probe(truncated)).isEqualTo(ImageProbe.probe(rotatedJpeg));

        // ...whereas decoding the pixels does.
        assertThatThrownBy(() -> {
            try (VipsImage image = Thumbnails.thumbnail(truncated,
                    ThumbnailOptions.width(200).withNoRotate(true).withFailOn(FailOn.TRUNCATED))) {
                ImageEncoder.encode(image, ImageFormat.PNG);
            }
        }).isInstanceOf(VipsException.class);
    }

    @Test
    void thumbnailAppliesOrientationUnlessToldNotTo() {
        try (VipsImage upright = Thumbnails.thumbnail(rotatedJpeg, ThumbnailOptions.width(50));
             VipsImage stored = Thumbnails.thumbnail(rotatedJpeg, ThumbnailOptions.width(50).withNoRotate(true))) {
            assertThat(upright.width()).isEqualTo(50);
            assertThat(upright.height()).isEqualTo(100);
            assertThat(stored.width()).isEqualTo(50);
            assertThat(stored.height()).isEqualTo(25);
        }
    }
}
