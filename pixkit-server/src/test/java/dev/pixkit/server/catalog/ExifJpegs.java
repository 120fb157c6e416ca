package dev.pixkit.server.catalog;

import dev.pixkit.server.support.Images;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A camera-like JPEG: the JDK's JPEG with an EXIF APP1 segment (IFD0, Exif IFD, GPS IFD) built by hand. */
final class ExifJpegs {

    private ExifJpegs() {}

    static byte[] camera(int width, int height) {
        Ifd gps = new Ifd()
                .add(0x0000, 1, 4, new byte[] {2, 2, 0, 0})
                .add(0x0001, 2, 2, "N\0".getBytes(StandardCharsets.US_ASCII))
                .add(0x0002, 5, 3, rationals(52, 1, 31, 1, 1234, 100));
        Ifd exif = new Ifd()
                .add(0x829A, 5, 1, rationals(1, 160))
                .add(0x8827, 3, 1, shorts(100))
                .add(0x9000, 7, 4, "0221".getBytes(StandardCharsets.US_ASCII))
                .add(0x9003, 2, 20, "2008:05:30 15:56:01\0".getBytes(StandardCharsets.US_ASCII));
        Ifd ifd0 = new Ifd()
                .add(0x010F, 2, 6, "Canon\0".getBytes(StandardCharsets.US_ASCII))
                .add(0x0110, 2, 14, "Canon EOS 40D\0".getBytes(StandardCharsets.US_ASCII))
                .add(0x0112, 3, 1, shorts(1))
                .add(0x011A, 5, 1, rationals(72, 1))
                .add(0x011B, 5, 1, rationals(72, 1))
                .add(0x0128, 3, 1, shorts(2));
        int ifd0At = 8;
        int exifAt = ifd0At + ifd0.size(2);
        int gpsAt = exifAt + exif.size(0);
        ifd0.add(0x8769, 4, 1, longs(exifAt)).add(0x8825, 4, 1, longs(gpsAt));
        ByteBuffer tiff = ByteBuffer.allocate(gpsAt + gps.size(0)).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0At);
        ifd0.write(tiff, ifd0At);
        exif.write(tiff, exifAt);
        gps.write(tiff, gpsAt);
        return withApp1(Images.jpeg(width, height), tiff.array());
    }

    private static byte[] withApp1(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] shorts(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    private static byte[] longs(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] rationals(int... parts) {
        ByteBuffer b = ByteBuffer.allocate(4 * parts.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : parts) {
            b.putInt(p);
        }
        return b.array();
    }

    private record Entry(int tag, int type, int count, byte[] value) {}

    private static final class Ifd {
        private final List<Entry> entries = new ArrayList<>();

        Ifd add(int tag, int type, int count, byte[] value) {
            entries.add(new Entry(tag, type, count, value));
            return this;
        }

        /** Size once {@code extra} more inline entries are added. */
        int size(int extra) {
            int size = 2 + 12 * (entries.size() + extra) + 4;
            for (Entry e : entries) {
                size += e.value.length > 4 ? (e.value.length + 1) & ~1 : 0;
            }
            return size;
        }

        void write(ByteBuffer out, int at) {
            List<Entry> sorted = entries.stream().sorted(Comparator.comparingInt(Entry::tag)).toList();
            out.position(at);
            out.putShort((short) sorted.size());
            int data = at + 2 + 12 * sorted.size() + 4;
            for (Entry e : sorted) {
                out.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
                if (e.value.length <= 4) {
                    out.put(java.util.Arrays.copyOf(e.value, 4));
                } else {
                    out.putInt(data);
                    out.put(data, e.value);
                    data += (e.value.length + 1) & ~1;
                }
            }
            out.putInt(0);
        }
    }
}
