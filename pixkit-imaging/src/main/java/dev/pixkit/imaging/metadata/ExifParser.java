package dev.pixkit.imaging.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an EXIF block — a TIFF structure, optionally preceded by JPEG APP1's {@code "Exif\0\0"} — into {@link Exif}.
 *
 * <p>Why parse the raw block in Java rather than the {@code exif-ifdN-*} fields libvips also offers: those are
 * libexif's text renderings ({@code "1/160 sec. (1/160, Rational, 1 components, 8 bytes)"}), which lose the exact
 * numbers, vary with libexif's version and locale, use libexif's tag names ({@code ISOSpeedRatings},
 * {@code PixelXDimension}) and omit the IFD pointers ImageKit reports ({@code ExifOffset}, {@code GPSInfo},
 * {@code ThumbnailOffset}). The raw block, which libvips hands over as {@code exif-data} for every format that
 * carries EXIF (JPEG, PNG, WebP, HEIF/AVIF, JPEG XL), gives the stored values exactly, in a structure simple enough
 * to read defensively: every offset and count is bounds-checked, IFD loops are cut, and damaged parts are skipped
 * rather than failing the whole read. This class never throws on malformed input.
 *
 * <p>Values: ASCII as strings (up to the first NUL); integer types as {@link Long}; rationals and floats as numbers
 * (whole values as {@link Long}, so 72/1 reads {@code 72}); more than one value as a list; UNDEFINED bytes as a
 * Latin-1 string (so {@code ExifVersion} reads {@code "0221"}), except {@code UserComment}, GPS texts and the
 * Windows {@code XP*} tags, which are decoded as text. The maker note is vendor-specific binary and is not decoded
 * ({@code makernote} stays empty).
 */
public final class ExifParser {

    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    /** More entries than this in one IFD means garbage, not a real EXIF block. */
    private static final int MAX_ENTRIES = 1024;
    /** Longest numeric array kept (real tags hold at most a few dozen values). */
    private static final int MAX_VALUES = 1024;
    /** Longest text kept. */
    private static final int MAX_TEXT_BYTES = 64 * 1024;
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    private ExifParser() {}

    /** Parses {@code data}; anything unreadable yields {@link Exif#NONE} or the part that could be read. */
    public static Exif parse(byte[] data) {
        if (data == null) {
            return Exif.NONE;
        }
        int base = startsWith(data, EXIF_HEADER) ? EXIF_HEADER.length : 0;
        Tiff tiff = Tiff.open(data, base);
        if (tiff == null) {
            return Exif.NONE;
        }
        return new Reader(tiff).read();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** One pass over the IFD chain, remembering visited offsets so that a looping file cannot loop us. */
    private static final class Reader {
        private final Tiff tiff;
        private final Set<Long> visited = new HashSet<>();
        private final Map<String, Object> image = new LinkedHashMap<>();
        private final Map<String, Object> thumbnail = new LinkedHashMap<>();
        private final Map<String, Object> exif = new LinkedHashMap<>();
        private final Map<String, Object> gps = new LinkedHashMap<>();
        private final Map<String, Object> interop = new LinkedHashMap<>();
        private final Map<Integer, Long> pointers = new LinkedHashMap<>();

        Reader(Tiff tiff) {
            this.tiff = tiff;
        }

        Exif read() {
            long next = readIfd(tiff.firstIfd(), ExifTags.IMAGE, image);
            if (next > 0) {
                readIfd(next, ExifTags.IMAGE, thumbnail);
            }
            Long exifIfd = pointers.remove(ExifTags.EXIF_IFD_POINTER);
            Long gpsIfd = pointers.remove(ExifTags.GPS_IFD_POINTER);
            if (exifIfd != null) {
                readIfd(exifIfd, ExifTags.EXIF, exif);
            }
            if (gpsIfd != null) {
                readIfd(gpsIfd, ExifTags.GPS, gps);
            }
            Long interopIfd = pointers.remove(ExifTags.INTEROP_IFD_POINTER);
            if (interopIfd != null) {
                readIfd(interopIfd, ExifTags.INTEROP, interop);
            }
            return new Exif(image, thumbnail, exif, gps, interop, Map.of());
        }

        /** Reads one IFD into {@code out}; returns the next IFD's offset, or 0. */
        private long readIfd(long offset, Map<Integer, String> names, Map<String, Object> out) {
            if (offset <= 0 || !visited.add(offset) || !tiff.has(offset, 2)) {
                return 0;
            }
            int count = tiff.u16(offset);
            if (count > MAX_ENTRIES || !tiff.has(offset + 2, 12L * count)) {
                return 0;
            }
            for (int i = 0; i < count; i++) {
                long entry = offset + 2 + 12L * i;
                int tag = tiff.u16(entry);
                int type = tiff.u16(entry + 2);
                long n = tiff.u32(entry + 4);
                if (tag == ExifTags.EXIF_IFD_POINTER || tag == ExifTags.GPS_IFD_POINTER
                        || tag == ExifTags.INTEROP_IFD_POINTER) {
                    if (n == 1 && (type == 4 || type == 13)) {
                        pointers.putIfAbsent(tag, tiff.u32(entry + 8));
                    }
                }
                String name = names.get(tag);
                if (name == null || tag == ExifTags.MAKER_NOTE) {
                    continue;
                }
                Object value = value(tag, names, type, n, entry + 8);
                if (value != null) {
                    out.putIfAbsent(name, value);
                }
            }
            long nextAt = offset + 2 + 12L * count;
            return tiff.has(nextAt, 4) ? tiff.u32(nextAt) : 0;
        }

        private Object value(int tag, Map<Integer, String> names, int type, long count, long field) {
            if (type <= 0 || type >= TYPE_SIZES.length || count <= 0) {
                return null;
            }
            long size = TYPE_SIZES[type] * count;
            long at = size <= 4 ? field : tiff.u32(field);
            if (!tiff.has(at, size)) {
                return null;
            }
            if (type == 2) {
                return size > MAX_TEXT_BYTES ? null : ascii(tiff.bytes(at, (int) size));
            }
            if (type == 7 || (type == 1 && isXpTag(tag, names))) {
                if (size > MAX_TEXT_BYTES) {
                    return null;
                }
                byte[] raw = tiff.bytes(at, (int) size);
                if (type == 1) {
                    return trimNuls(new String(raw, StandardCharsets.UTF_16LE));
                }
                if (isEncodedText(tag, names)) {
                    return encodedText(raw);
                }
                return new String(raw, StandardCharsets.ISO_8859_1);
            }
            if (count > MAX_VALUES) {
                return null;
            }
            List<Object> values = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                values.add(number(type, at + i * TYPE_SIZES[type]));
            }
            return count == 1 ? values.getFirst() : List.copyOf(values);
        }

        private Object number(int type, long at) {
            return switch (type) {
                case 1, 7 -> (long) tiff.u8(at);
                case 6 -> (long) (byte) tiff.u8(at);
                case 3 -> (long) tiff.u16(at);
                case 8 -> (long) (short) tiff.u16(at);
                case 4, 13 -> tiff.u32(at);
                case 9 -> (long) (int) tiff.u32(at);
                case 5 -> ratio(tiff.u32(at), tiff.u32(at + 4));
                case 10 -> ratio((int) tiff.u32(at), (int) tiff.u32(at + 4));
                case 11 -> normalise(Float.intBitsToFloat((int) tiff.u32(at)));
                case 12 -> normalise(Double.longBitsToDouble(tiff.u64(at)));
                default -> 0L;
            };
        }

        private static boolean isXpTag(int tag, Map<Integer, String> names) {
            return names == ExifTags.IMAGE && tag >= 0x9C9B && tag <= 0x9C9F;
        }

        private static boolean isEncodedText(int tag, Map<Integer, String> names) {
            return (names == ExifTags.EXIF && tag == ExifTags.USER_COMMENT)
                    || (names == ExifTags.GPS && (tag == 0x1B || tag == 0x1C));
        }

        /** EXIF's "character code + text" encoding (UserComment, GPSProcessingMethod). */
        private String encodedText(byte[] raw) {
            if (raw.length < 8) {
                return trimNuls(new String(raw, StandardCharsets.ISO_8859_1));
            }
            String code = new String(raw, 0, 8, StandardCharsets.US_ASCII);
            byte[] text = Arrays.copyOfRange(raw, 8, raw.length);
            String decoded;
            if (code.startsWith("UNICODE")) {
                decoded = new String(text, tiff.bigEndian() ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            } else if (code.startsWith("ASCII") || code.startsWith("JIS") || code.equals("\0\0\0\0\0\0\0\0")) {
                decoded = new String(text, code.startsWith("ASCII") ? StandardCharsets.US_ASCII
                        : StandardCharsets.ISO_8859_1);
            } else {
                decoded = new String(raw, StandardCharsets.ISO_8859_1);
            }
            return trimNuls(decoded).stripTrailing();
        }
    }

    private static Object ratio(long numerator, long denominator) {
        return denominator == 0 ? 0L : normalise((double) numerator / denominator);
    }

    /** Whole numbers as Long (72/1 reads 72, as in ImageKit's answers); non-finite values as 0. */
    static Object normalise(double v) {
        if (!Double.isFinite(v)) {
            return 0L;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (long) v;
        }
        return v;
    }

    private static String ascii(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8); // ASCII by the spec; UTF-8 in practice
    }

    private static String trimNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Bounds-checked access to a TIFF structure starting at {@code base} within {@code data}. */
    private record Tiff(byte[] data, int base, boolean bigEndian, long firstIfd) {

        static Tiff open(byte[] data, int base) {
            if (data.length - base < 8) {
                return null;
            }
            boolean big;
            if (data[base] == 'M' && data[base + 1] == 'M') {
                big = true;
            } else if (data[base] == 'I' && data[base + 1] == 'I') {
                big = false;
            } else {
                return null;
            }
            Tiff probe = new Tiff(data, base, big, 0);
            if (probe.u16(2) != 42) {
                return null;
            }
            return new Tiff(data, base, big, probe.u32(4));
        }

        /** True if {@code length} bytes at TIFF offset {@code offset} lie inside the block. */
        boolean has(long offset, long length) {
            return offset >= 0 && length >= 0 && offset + length <= data.length - (long) base;
        }

        int u8(long offset) {
            return data[base + (int) offset] & 0xFF;
        }

        int u16(long offset) {
            int a = u8(offset);
            int b = u8(offset + 1);
            return bigEndian ? (a << 8) | b : (b << 8) | a;
        }

        long u32(long offset) {
            long a = u16(offset);
            long b = u16(offset + 2);
            return bigEndian ? (a << 16) | b : (b << 16) | a;
        }

        long u64(long offset) {
            long a = u32(offset);
            long b = u32(offset + 4);
            return bigEndian ? (a << 32) | b : (b << 32) | a;
        }

        byte[] bytes(long offset, int length) {
            int from = base + (int) offset;
            return Arrays.copyOfRange(data, from, from + length);
        }
    }
}
