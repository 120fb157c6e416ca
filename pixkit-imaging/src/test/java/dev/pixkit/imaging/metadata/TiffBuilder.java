package dev.pixkit.imaging.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds EXIF blocks (TIFF structures) by hand, so tests control every tag, type and byte order, and splices them
 * into JPEGs as an APP1 segment.
 */
final class TiffBuilder {

    private final ByteOrder order;
    private final Ifd ifd0 = new Ifd();
    private Ifd ifd1;

    TiffBuilder(ByteOrder order) {
        this.order = order;
    }

    Ifd ifd0() {
        return ifd0;
    }

    /** The thumbnail IFD, chained after IFD0. */
    Ifd ifd1() {
        if (ifd1 == null) {
            ifd1 = new Ifd();
        }
        return ifd1;
    }

    /** The TIFF bytes (no {@code Exif\0\0} header). */
    byte[] build() {
        List<Ifd> all = new ArrayList<>();
        collect(ifd0, all);
        if (ifd1 != null) {
            collect(ifd1, all);
        }
        Map<Ifd, Integer> offsets = new IdentityHashMap<>();
        int at = 8;
        for (Ifd ifd : all) {
            offsets.put(ifd, at);
            at += ifd.size();
        }
        ByteBuffer out = ByteBuffer.allocate(at).order(order);
        out.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        out.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        out.putShort((short) 42);
        out.putInt(8);
        for (Ifd ifd : all) {
            int next = ifd == ifd0 && ifd1 != null ? offsets.get(ifd1) : 0;
            ifd.write(out, offsets.get(ifd), offsets, next);
        }
        return out.array();
    }

    private static void collect(Ifd ifd, List<Ifd> all) {
        all.add(ifd);
        for (Entry e : ifd.entries) {
            if (e.child != null) {
                collect(e.child, all);
            }
        }
    }

    /** {@code jpeg} with {@code tiff} inserted as an EXIF APP1 segment right after SOI. */
    static byte[] withExif(byte[] jpeg, byte[] tiff) {
        byte[] payload = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
        System.arraycopy(tiff, 0, payload, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private record Entry(int tag, int type, int count, byte[] value, Ifd child) {}

    final class Ifd {
        private final List<Entry> entries = new ArrayList<>();

        Ifd ascii(int tag, String text) {
            byte[] b = (text + "\0").getBytes(StandardCharsets.UTF_8);
            return add(tag, 2, b.length, b);
        }

        Ifd bytes(int tag, int... values) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                b[i] = (byte) values[i];
            }
            return add(tag, 1, values.length, b);
        }

        Ifd undefined(int tag, byte[] value) {
            return add(tag, 7, value.length, value);
        }

        Ifd shorts(int tag, int... values) {
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(order);
            for (int v : values) {
                b.putShort((short) v);
            }
            return add(tag, 3, values.length, b.array());
        }

        Ifd longs(int tag, long... values) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
            for (long v : values) {
                b.putInt((int) v);
            }
            return add(tag, 4, values.length, b.array());
        }

        /** Pairs of numerator, denominator. */
        Ifd rationals(int tag, long... pairs) {
            ByteBuffer b = ByteBuffer.allocate(4 * pairs.length).order(order);
            for (long v : pairs) {
                b.putInt((int) v);
            }
            return add(tag, 5, pairs.length / 2, b.array());
        }

        Ifd srationals(int tag, long... pairs) {
            ByteBuffer b = ByteBuffer.allocate(4 * pairs.length).order(order);
            for (long v : pairs) {
                b.putInt((int) v);
            }
            return add(tag, 10, pairs.length / 2, b.array());
        }

        /** A sub-IFD pointer (ExifOffset, GPSInfo, InteropOffset); returns the new, empty sub-IFD. */
        Ifd sub(int tag) {
            Ifd child = new Ifd();
            entries.add(new Entry(tag, 4, 1, null, child));
            return child;
        }

        private Ifd add(int tag, int type, int count, byte[] value) {
            entries.add(new Entry(tag, type, count, value, null));
            return this;
        }

        private List<Entry> sorted() {
            return entries.stream().sorted(Comparator.comparingInt(Entry::tag)).toList();
        }

        int size() {
            int size = 2 + 12 * entries.size() + 4;
            for (Entry e : entries) {
                if (e.value != null && e.value.length > 4) {
                    size += (e.value.length + 1) & ~1;
                }
            }
            return size;
        }

        void write(ByteBuffer out, int offset, Map<Ifd, Integer> offsets, int next) {
            List<Entry> list = sorted();
            out.position(offset);
            out.putShort((short) list.size());
            int data = offset + 2 + 12 * list.size() + 4;
            for (Entry e : list) {
                out.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
                if (e.child != null) {
                    out.putInt(offsets.get(e.child));
                } else if (e.value.length <= 4) {
                    byte[] inline = new byte[4];
                    System.arraycopy(e.value, 0, inline, 0, e.value.length);
                    out.put(inline);
                } else {
                    out.putInt(data);
                    int here = out.position();
                    out.position(data);
                    out.put(e.value);
                    out.position(here);
                    data += (e.value.length + 1) & ~1;
                }
            }
            out.putInt(next);
        }
    }
}
