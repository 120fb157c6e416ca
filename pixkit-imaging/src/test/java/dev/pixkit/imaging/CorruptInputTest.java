package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.ThumbnailOptions.FailOn;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptInputTest {

    private static byte[] validJpeg;
    private static final Map<String, byte[]> CORRUPT = new LinkedHashMap<>();

    @BeforeAll
    static void createInputs() {
        try (VipsImage image = TestImages.rgb(160, 120)) {
            validJpeg = TestImages.jpeg(image);
        }
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        byte[] pngGarbage = new byte[512];
        new Random(7).nextBytes(pngGarbage);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, pngGarbage, 0, 8);
        CORRUPT.put("empty array", new byte[0]);
        CORRUPT.put("random bytes", random);
        CORRUPT.put("PNG signature + garbage", pngGarbage);
        CORRUPT.put("JPEG truncated inside the header", Arrays.copyOf(validJpeg, 40));
        CORRUPT.put("JPEG SOI marker only", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }

    @Test
    void corruptInputGivesTypedExceptionsAndTheJvmCarriesOn() {
        for (var entry : CORRUPT.entrySet()) {
            byte[] data = entry.getValue();
            assertThatThrownBy(() -> ImageProbe.probe(data))
                    .as("probe of %s", entry.getKey())
                    .isInstanceOfSatisfying(UnsupportedImageException.class, e -> {
                        System.out.println("[pixkit-imaging] probe(" + entry.getKey() + ") -> " + e.getMessage());
                        assertThat(e.operation()).isNotBlank();
                        assertThat(e.vipsMessage()).isNotBlank().doesNotContain("no error message");
                    });
            assertThatThrownBy(() -> Thumbnails.thumbnail(data, ThumbnailOptions.width(50)).close())
                    .as("thumbnail of %s", entry.getKey())
                    .isInstanceOfSatisfying(UnsupportedImageException.class, e -> {
                        System.out.println("[pixkit-imaging] thumbnail(" + entry.getKey() + ") -> " + e.getMessage());
                        assertThat(e.vipsMessage()).isNotBlank();
                    });
            assertValidInputStillWorks();
        }
    }

    @Test
    void truncatedScanDataIsToleratedByDefaultAndRejectedWhenStrict() {
        byte[] truncated = Arrays.copyOf(validJpeg, validJpeg.length * 2 / 3);
        // Default (fail_on=none): decode what is there, like browsers do.
        try (VipsImage image = Thumbnails.thumbnail(truncated, ThumbnailOptions.width(80))) {
            assertThat(ImageEncoder.encode(image, ImageFormat.PNG)).isNotEmpty();
        }
        // Strict: typed exception carrying libvips' message.
        assertThatThrownBy(() -> {
            try (VipsImage image = Thumbnails.thumbnail(truncated, ThumbnailOptions.width(80).withFailOn(FailOn.TRUNCATED))) {
                ImageEncoder.encode(image, ImageFormat.PNG);
            }
        }).isInstanceOfSatisfying(VipsException.class, e -> {
            System.out.println("[pixkit-imaging] strict decode of truncated JPEG -> " + e.getMessage());
            assertThat(e.vipsMessage()).isNotBlank();
        });
        assertValidInputStillWorks();
    }

    @Test
    void corruptFilesGiveTypedExceptions(@TempDir Path dir) throws IOException {
        for (var entry : CORRUPT.entrySet()) {
            Path file = dir.resolve(entry.getKey().replace(' ', '_') + ".bin");
            Files.write(file, entry.getValue());
            assertThatThrownBy(() -> ImageProbe.probe(file)).as("probe of file %s", entry.getKey())
                    .isInstanceOf(UnsupportedImageException.class);
            assertThatThrownBy(() -> Thumbnails.thumbnail(file, ThumbnailOptions.width(50)).close())
                    .as("thumbnail of file %s", entry.getKey())
                    .isInstanceOf(UnsupportedImageException.class);
        }
        assertThat(VipsRuntime.get().trackedFiles()).isZero();
        assertValidInputStillWorks();
    }

    private static void assertValidInputStillWorks() {
        assertThat(ImageProbe.probe(validJpeg)).isEqualTo(new ImageHeader(160, 120, ImageFormat.JPEG, false, 1, 1));
        try (VipsImage thumb = Thumbnails.thumbnail(validJpeg, ThumbnailOptions.width(40))) {
            assertThat(thumb.height()).isEqualTo(30);
            assertThat(ImageEncoder.encode(thumb, ImageFormat.JPEG)).isNotEmpty();
        }
    }
}
