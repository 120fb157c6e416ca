package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.ThumbnailOptions.Crop;
import dev.pixkit.imaging.ThumbnailOptions.Size;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShrinkOnLoadTest {

    private static byte[] largeJpeg;

    @BeforeAll
    static void createLargeJpeg() {
        long start = System.nanoTime();
        try (VipsImage image = TestImages.gradient(4000, 3000)) {
            largeJpeg = TestImages.jpeg(image);
        }
        System.out.printf("[pixkit-imaging] 4000x3000 test JPEG: %d bytes in %d ms%n", largeJpeg.length,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void assertSize(ThumbnailOptions options, int width, int height) {
        long start = System.nanoTime();
        try (VipsImage thumb = Thumbnails.thumbnail(largeJpeg, options)) {
            assertThat(thumb.width()).as("width for %s", options).isEqualTo(width);
            assertThat(thumb.height()).as("height for %s", options).isEqualTo(height);
            byte[] out = ImageEncoder.encode(thumb, ImageFormat.JPEG);
            assertThat(ImageProbe.probe(out).width()).isEqualTo(width);
        }
        System.out.printf("[pixkit-imaging] thumbnail %dx%d of 4000x3000 JPEG + encode: %d ms%n", width, height,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void largeJpegShrinksOnLoadToExactDimensions() {
        assertSize(ThumbnailOptions.width(400), 400, 300);
        assertSize(ThumbnailOptions.height(150), 200, 150);
        assertSize(ThumbnailOptions.box(300, 300), 300, 225);
        assertSize(ThumbnailOptions.box(300, 300).withCrop(Crop.CENTRE), 300, 300);
        assertSize(ThumbnailOptions.box(250, 100).withCrop(Crop.ATTENTION), 250, 100);
        assertSize(ThumbnailOptions.box(123, 45).withSize(Size.FORCE), 123, 45);
        assertSize(ThumbnailOptions.width(8000).withSize(Size.DOWN), 4000, 3000);
        assertSize(ThumbnailOptions.width(333), 333, 250);
    }

    @Test
    void fileVariantShrinksOnLoadToo(@TempDir Path dir) throws IOException {
        // Names ending in "[...]" must not be mistaken for libvips load options.
        for (String name : new String[] {"large.jpg", "photo[1].jpg", "upload[42]"}) {
            Path file = dir.resolve(name);
            Files.write(file, largeJpeg);
            ImageHeader header = ImageProbe.probe(file);
            assertThat(header).isEqualTo(new ImageHeader(4000, 3000, ImageFormat.JPEG, false, 1, 1));
            try (VipsImage thumb = Thumbnails.thumbnail(file, ThumbnailOptions.box(200, 200).withCrop(Crop.CENTRE))) {
                assertThat(thumb.width()).isEqualTo(200);
                assertThat(thumb.height()).isEqualTo(200);
                assertThat(ImageEncoder.encode(thumb, ImageFormat.WEBP)).isNotEmpty();
            }
        }
        assertThat(VipsRuntime.get().trackedFiles()).isZero();
    }

    @Test
    void missingFileIsReportedAsSuch(@TempDir Path dir) {
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> ImageProbe.probe(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.jpg");
        assertThatThrownBy(() -> Thumbnails.thumbnail(missing, ThumbnailOptions.width(10)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void invalidOptionsAreRejectedBeforeCallingLibvips() {
        assertThatThrownBy(() -> ThumbnailOptions.box(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThumbnailOptions.width(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThumbnailOptions.width(10).withSize(Size.FORCE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
