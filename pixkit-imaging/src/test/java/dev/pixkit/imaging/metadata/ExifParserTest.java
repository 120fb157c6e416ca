package dev.pixkit.imaging.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExifParserTest {

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsEveryGroupWithImageKitsNamesAndTypes(Order order) {
        Exif exif = ExifParser.parse(ExifFixtures.canon(order.order));

        assertThat(exif.image()).containsEntry("Make", "Canon").containsEntry("Model", "Canon EOS 40D")
                .containsEntry("Orientation", 1L).containsEntry("XResolution", 72L)
                .containsEntry("YResolution", 72L).containsEntry("ResolutionUnit", 2L)
                .containsEntry("Software", "GIMP 2.4.5").containsEntry("ModifyDate", "2008:07:31 10:38:11")
                .containsEntry("YCbCrPositioning", 2L).containsKeys("ExifOffset", "GPSInfo");
        assertThat(exif.image().get("ExifOffset")).isInstanceOf(Long.class);
        assertThat(exif.thumbnail()).containsEntry("Compression", 6L).containsEntry("XResolution", 72L)
                .containsEntry("ThumbnailOffset", 1090L).containsEntry("ThumbnailLength", 1378L);
        assertThat(exif.exif()).containsEntry("ExposureTime", 0.00625).containsEntry("FNumber", 7.1)
                .containsEntry("ExposureProgram", 1L).containsEntry("ISO", 100L)
                .containsEntry("ExifVersion", "0221")
                .containsEntry("DateTimeOriginal", "2008:05:30 15:56:01")
                .containsEntry("CreateDate", "2008:05:30 15:56:01")
                .containsEntry("ComponentsConfiguration", "\u0001\u0002\u0003\u0000")
                .containsEntry("ShutterSpeedValue", 7.375).containsEntry("ApertureValue", 5.625)
                .containsEntry("ExposureCompensation", 0L).containsEntry("MeteringMode", 5L)
                .containsEntry("Flash", 9L).containsEntry("FocalLength", 135L)
                .containsEntry("UserComment", "Hello world").containsEntry("SubSecTime", "00")
                .containsEntry("FlashpixVersion", "0100").containsEntry("ColorSpace", 1L)
                .containsEntry("ExifImageWidth", 100L).containsEntry("ExifImageHeight", 68L)
                .containsEntry("FocalPlaneXResolution", 3240000.0 / 730).containsEntry("FocalPlaneResolutionUnit", 2L)
                .containsEntry("ExposureMode", 1L).containsEntry("LensModel", "EF70-200mm f/4L USM")
                .containsKey("InteropOffset")
                .doesNotContainKey("MakerNote");
        assertThat(exif.gps()).containsEntry("GPSVersionID", List.of(2L, 2L, 0L, 0L))
                .containsEntry("GPSLatitudeRef", "N").containsEntry("GPSLatitude", List.of(52L, 31L, 12.34))
                .containsEntry("GPSLongitudeRef", "W").containsEntry("GPSLongitude", List.of(1L, 54L, 0L))
                .containsEntry("GPSAltitudeRef", 0L).containsEntry("GPSAltitude", 101.5)
                .containsEntry("GPSDateStamp", "2008:05:30");
        assertThat(exif.interoperability()).containsEntry("InteropIndex", "R98").containsEntry("InteropVersion", "0100");
        assertThat(exif.makernote()).isEmpty();
        assertThat(exif.groups()).containsOnlyKeys("image", "thumbnail", "exif", "gps", "interoperability",
                "makernote");
    }

    @Test
    void offsetsAreRelativeToTheTiffHeaderWithOrWithoutTheApp1Prefix() {
        byte[] tiff = ExifFixtures.canon(ByteOrder.LITTLE_ENDIAN);
        byte[] withHeader = new byte[tiff.length + 6];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, withHeader, 0, 6);
        System.arraycopy(tiff, 0, withHeader, 6, tiff.length);
        assertThat(ExifParser.parse(withHeader)).isEqualTo(ExifParser.parse(tiff));
        // The Exif IFD starts right where the pointer says: its entry count is there.
        long exifOffset = (Long) ExifParser.parse(tiff).image().get("ExifOffset");
        int entries = (tiff[(int) exifOffset] & 0xFF) | (tiff[(int) exifOffset + 1] & 0xFF) << 8;
        assertThat(entries).isEqualTo(26);
    }

    @Test
    void noExifReadsAsNoneAndGroupsAsAnEmptyObject() {
        assertThat(ExifParser.parse(null)).isSameAs(Exif.NONE);
        assertThat(ExifParser.parse(new byte[0])).isSameAs(Exif.NONE);
        assertThat(Exif.NONE.groups()).isEmpty();
        Exif onlyThumbnailLess = ExifParser.parse(new TiffBuilder(ByteOrder.BIG_ENDIAN).build());
        assertThat(onlyThumbnailLess.isEmpty()).isTrue();
    }

    @Test
    void emptyGroupsArePresentWhenThereIsAnyExif() {
        TiffBuilder t = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
        t.ifd0().ascii(0x010F, "Nikon");
        Exif exif = ExifParser.parse(t.build());
        assertThat(exif.groups()).containsOnlyKeys("image", "thumbnail", "exif", "gps", "interoperability",
                "makernote");
        assertThat(exif.groups().get("gps")).isEmpty();
    }

    @Test
    void windowsXpTagsAreDecodedAsText() {
        TiffBuilder t = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
        byte[] utf16 = "Sunset\0".getBytes(StandardCharsets.UTF_16LE);
        int[] bytes = new int[utf16.length];
        for (int i = 0; i < utf16.length; i++) {
            bytes[i] = utf16[i];
        }
        t.ifd0().bytes(0x9C9B, bytes);
        assertThat(ExifParser.parse(t.build()).image()).containsEntry("XPTitle", "Sunset");
    }

    @Test
    void damagedBlocksNeverThrowAndKeepWhatIsReadable() {
        byte[] good = ExifFixtures.canon(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = good.clone();
            int flips = 1 + random.nextInt(20);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            ExifParser.parse(damaged).groups();
            ExifParser.parse(Arrays.copyOf(good, random.nextInt(good.length)));
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            if (noise.length >= 4) {
                noise[0] = 'I';
                noise[1] = 'I';
                noise[2] = 42;
                noise[3] = 0;
            }
            ExifParser.parse(noise);
        }
        // Truncated after IFD0: IFD0's own values survive.
        Exif truncated = ExifParser.parse(Arrays.copyOf(good, 200));
        assertThat(truncated.image()).containsEntry("Orientation", 1L);
    }

    @Test
    void anIfdLoopIsCut() {
        // IFD0 at 8 with one entry whose "next IFD" points back at itself.
        byte[] loop = {'I', 'I', 42, 0, 8, 0, 0, 0,
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,
            8, 0, 0, 0};
        Exif exif = ExifParser.parse(loop);
        assertThat(exif.image()).containsEntry("Orientation", 6L);
        assertThat(exif.thumbnail()).isEmpty();
    }
}
