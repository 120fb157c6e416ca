package dev.pixkit.imaging.metadata;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The EXIF of ImageKit's {@code ImageMetadata} example (a Canon EOS 40D photo), rebuilt tag by tag. */
final class ExifFixtures {

    private ExifFixtures() {}

    static byte[] canon(ByteOrder order) {
        TiffBuilder t = new TiffBuilder(order);
        TiffBuilder.Ifd image = t.ifd0()
                .ascii(0x010F, "Canon")
                .ascii(0x0110, "Canon EOS 40D")
                .shorts(0x0112, 1)
                .rationals(0x011A, 72, 1)
                .rationals(0x011B, 72, 1)
                .shorts(0x0128, 2)
                .ascii(0x0131, "GIMP 2.4.5")
                .ascii(0x0132, "2008:07:31 10:38:11")
                .shorts(0x0213, 2);
        TiffBuilder.Ifd exif = image.sub(0x8769)
                .rationals(0x829A, 1, 160)
                .rationals(0x829D, 71, 10)
                .shorts(0x8822, 1)
                .shorts(0x8827, 100)
                .undefined(0x9000, "0221".getBytes(StandardCharsets.US_ASCII))
                .ascii(0x9003, "2008:05:30 15:56:01")
                .ascii(0x9004, "2008:05:30 15:56:01")
                .undefined(0x9101, new byte[] {1, 2, 3, 0})
                .srationals(0x9201, 59, 8)
                .rationals(0x9202, 45, 8)
                .srationals(0x9204, 0, 1)
                .shorts(0x9207, 5)
                .shorts(0x9209, 9)
                .rationals(0x920A, 135, 1)
                .undefined(0x927C, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
                .undefined(0x9286, "ASCII\0\0\0Hello world".getBytes(StandardCharsets.US_ASCII))
                .ascii(0x9290, "00")
                .undefined(0xA000, "0100".getBytes(StandardCharsets.US_ASCII))
                .shorts(0xA001, 1)
                .longs(0xA002, 100)
                .longs(0xA003, 68)
                .rationals(0xA20E, 3240000, 730)
                .shorts(0xA210, 2)
                .shorts(0xA402, 1)
                .ascii(0xA434, "EF70-200mm f/4L USM");
        exif.sub(0xA005)
                .ascii(0x0001, "R98")
                .undefined(0x0002, "0100".getBytes(StandardCharsets.US_ASCII));
        image.sub(0x8825)
                .bytes(0x0000, 2, 2, 0, 0)
                .ascii(0x0001, "N")
                .rationals(0x0002, 52, 1, 31, 1, 1234, 100)
                .ascii(0x0003, "W")
                .rationals(0x0004, 1, 1, 54, 1, 0, 1)
                .bytes(0x0005, 0)
                .rationals(0x0006, 1015, 10)
                .ascii(0x001D, "2008:05:30");
        t.ifd1()
                .shorts(0x0103, 6)
                .rationals(0x011A, 72, 1)
                .rationals(0x011B, 72, 1)
                .shorts(0x0128, 2)
                .longs(0x0201, 1090)
                .longs(0x0202, 1378);
        return t.build();
    }
}
