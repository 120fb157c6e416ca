package dev.pixkit.imaging.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataReaderTest {

    private static final MetadataReader READER = MetadataReader.standard();
    private static byte[] exifJpeg;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeExifJpeg() {
        try (VipsImage scene = Pictures.scene(1, 100, 68)) {
            byte[] plain = Pictures.saveWithoutMetadata(scene, "jpegsave_buffer", 85);
            exifJpeg = TiffBuilder.withExif(plain, ExifFixtures.canon(ByteOrder.LITTLE_ENDIAN));
        }
    }

    @Test
    void aCameraJpegReportsEveryField() throws IOException {
        ImageMetadata m = READER.read(exifJpeg);

        assertThat(m.width()).isEqualTo(100);
        assertThat(m.height()).isEqualTo(68);
        assertThat(m.size()).isEqualTo(exifJpeg.length);
        assertThat(m.format()).isEqualTo("jpg");
        assertThat(m.quality()).isEqualTo(85);
        assertThat(m.density()).isEqualTo(72);
        assertThat(m.hasColorProfile()).isFalse();
        assertThat(m.hasTransparency()).isFalse();
        assertThat(m.pHash()).matches("[0-9a-f]{16}");
        assertThat(m.exif().image()).containsEntry("Make", "Canon").containsEntry("Model", "Canon EOS 40D")
                .containsEntry("XResolution", 72L);
        assertThat(m.exif().exif()).containsEntry("ExposureTime", 0.00625).containsEntry("ISO", 100L)
                .containsEntry("DateTimeOriginal", "2008:05:30 15:56:01");
        assertThat(m.exif().gps()).containsEntry("GPSLatitudeRef", "N");
        assertThat(m.exif().interoperability()).containsEntry("InteropIndex", "R98");
        assertThat(m.exif().thumbnail()).containsEntry("Compression", 6L);

        Path file = Files.write(dir.resolve("camera.jpg"), exifJpeg);
        assertThat(READER.read(file)).isEqualTo(m);
    }

    @Test
    void formatsUseImageKitsNames() {
        try (VipsImage scene = Pictures.scene(2, 64, 48); VipsImage alpha = Pictures.sceneWithAlpha(2, 64, 48)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("png", Pictures.save(alpha, "pngsave_buffer"));
            files.put("webp", Pictures.save(alpha, "webpsave_buffer"));
            files.put("gif", Pictures.save(scene, "gifsave_buffer"));
            files.put("tiff", Pictures.save(scene, "tiffsave_buffer"));
            files.put("svg", ("<svg xmlns='http://www.w3.org/2000/svg' width='64' height='48'>"
                    + "<rect width='64' height='48' fill='red'/></svg>").getBytes(StandardCharsets.UTF_8));
            for (var e : files.entrySet()) {
                ImageMetadata m = READER.read(e.getValue());
                assertThat(m.format()).as(e.getKey()).isEqualTo(e.getKey());
                assertThat(m.width()).as(e.getKey()).isEqualTo(64);
                assertThat(m.height()).as(e.getKey()).isEqualTo(48);
                assertThat(m.quality()).as("quality is JPEG-only").isNull();
                assertThat(m.pHash()).matches("[0-9a-f]{16}");
            }
        }
    }

    @Test
    void avifWhenThisLibvipsCanWriteIt() {
        assumeTrue(Vips.hasOperation("heifsave_buffer"));
        byte[] avif;
        try (VipsImage scene = Pictures.scene(3, 64, 48)) {
            avif = Vips.op("heifsave_buffer").in("in", scene).in("compression", "av1").callBytes("buffer");
        } catch (VipsException e) {
            assumeTrue(false, "no AV1 encoder: " + e.getMessage());
            return;
        }
        assertThat(READER.read(avif).format()).isEqualTo("avif");
    }

    @Test
    void transparencyIsTheAlphaChannel() {
        try (VipsImage scene = Pictures.scene(4, 40, 40); VipsImage alpha = Pictures.sceneWithAlpha(4, 40, 40)) {
            assertThat(READER.read(Pictures.save(alpha, "pngsave_buffer")).hasTransparency()).isTrue();
            assertThat(READER.read(Pictures.save(alpha, "webpsave_buffer")).hasTransparency()).isTrue();
            assertThat(READER.read(Pictures.save(scene, "pngsave_buffer")).hasTransparency()).isFalse();
            assertThat(READER.read(Pictures.jpeg(scene, 80)).hasTransparency()).isFalse();
        }
    }

    @Test
    void colourProfileIsAnEmbeddedIccProfile() {
        try (VipsImage scene = Pictures.scene(5, 40, 40);
                VipsImage tagged = Vips.op("icc_transform").in("in", scene).in("input_profile", "srgb")
                        .in("output_profile", "srgb").callImage("out")) {
            assertThat(READER.read(Pictures.jpeg(tagged, 80)).hasColorProfile()).isTrue();
            assertThat(READER.read(Pictures.save(tagged, "pngsave_buffer")).hasColorProfile()).isTrue();
            assertThat(READER.read(Pictures.jpeg(scene, 80)).hasColorProfile()).isFalse();
        }
    }

    @Test
    void densityIsTheRecordedResolutionInDpi() {
        try (VipsImage scene = Pictures.scene(6, 40, 40); VipsImage at300 = Pictures.atDpi(scene, 300);
                VipsImage at96 = Pictures.atDpi(scene, 96)) {
            assertThat(READER.read(Pictures.jpeg(at300, 80)).density()).isEqualTo(300);
            assertThat(READER.read(Pictures.save(at300, "pngsave_buffer")).density()).isEqualTo(300);
            assertThat(READER.read(Pictures.save(at96, "tiffsave_buffer")).density()).isEqualTo(96);
            // libvips' own default (1 pixel/mm) is indistinguishable from "none recorded": 72, as ImageKit says.
            assertThat(READER.read(Pictures.save(scene, "pngsave_buffer")).density()).isEqualTo(72);
        }
    }

    @Test
    void aFileWithoutExifHasNone() {
        try (VipsImage scene = Pictures.scene(7, 40, 40)) {
            byte[] png = Pictures.saveWithoutMetadata(scene, "pngsave_buffer", 0);
            ImageMetadata m = READER.read(png);
            assertThat(m.exif()).isEqualTo(Exif.NONE);
            assertThat(m.exif().groups()).isEmpty();
        }
    }

    @Test
    void hashingStopsAtThePixelLimit() {
        ImageMetadata m = new MetadataReader(100 * 67).read(exifJpeg);
        assertThat(m.pHash()).isNull();
        assertThat(m.width()).isEqualTo(100);
        assertThat(new MetadataReader(100 * 68).read(exifJpeg).pHash()).isNotNull();
    }

    @Test
    void corruptInputIsATypedFailure() throws IOException {
        byte[] random = new byte[2048];
        new Random(3).nextBytes(random);
        byte[][] corrupt = {new byte[0], random, Arrays.copyOf(exifJpeg, 40),
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}};
        for (byte[] bad : corrupt) {
            assertThatThrownBy(() -> READER.read(bad)).isInstanceOf(UnsupportedImageException.class);
            Path file = Files.write(dir.resolve("bad-" + bad.length), bad);
            assertThatThrownBy(() -> READER.read(file)).isInstanceOf(UnsupportedImageException.class);
        }
        assertThatThrownBy(() -> READER.read(dir.resolve("missing.jpg"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aTruncatedBodyStillHasItsHeaderMetadata() {
        byte[] truncated = Arrays.copyOf(exifJpeg, exifJpeg.length - exifJpeg.length / 3);
        ImageMetadata m = READER.read(truncated);
        assertThat(m.width()).isEqualTo(100);
        assertThat(m.exif().image()).containsEntry("Make", "Canon");
    }

    @Test
    void repeatedReadsLeaveNoLibvipsObjectsBehind() {
        VipsRuntime runtime = VipsRuntime.get();
        byte[] garbage = Arrays.copyOf(exifJpeg, 40);
        for (int i = 0; i < 20; i++) {
            READER.read(exifJpeg);
        }
        settle();
        VipsRuntime.Stats before = runtime.stats();
        for (int i = 0; i < 300; i++) {
            READER.read(exifJpeg);
            try {
                READER.read(garbage);
            } catch (UnsupportedImageException expected) {
                // counted below
            }
        }
        settle();
        VipsRuntime.Stats after = runtime.stats();
        assertThat(after.liveObjects()).isEqualTo(before.liveObjects());
        assertThat(after.trackedFiles()).isEqualTo(before.trackedFiles());
        // libvips' worker threads keep pixel buffers between calls, so tracked memory may move a little.
        assertThat(after.trackedMemory() - before.trackedMemory()).isLessThan(4L << 20);
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
