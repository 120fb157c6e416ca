package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.regex.Pattern;

/**
 * Converts between Java values and initialised {@code GValue}s, dispatching on the argument's
 * GType (its fundamental type, then the specific boxed/object type).
 */
final class GValues {

    /** sizeof(GValue): a GType plus a two-element union of 8-byte members. */
    static final long SIZE = 24;

    private static final Pattern FLAG_SEPARATOR = Pattern.compile("[|,+\\s]+");

    private GValues() {}

    /** Allocates a zeroed GValue in {@code arena} and initialises it to {@code type}. */
    static MemorySegment create(Arena arena, long type) {
        MemorySegment value = arena.allocate(SIZE, 8);
        Native.gValueInit(value, type);
        return value;
    }

    /** Stores {@code v} into the initialised {@code value} of GType {@code type}. */
    static void set(MemorySegment value, long type, Object v, Arena arena, String op, String arg) {
        long fundamental = Native.gTypeFundamental(type);
        if (fundamental == GTypes.BOOLEAN && v instanceof Boolean b) {
            Native.gValueSetBoolean(value, b);
        } else if (fundamental == GTypes.INT && isIntegral(v)) {
            Native.gValueSetInt(value, toInt(v, op, arg));
        } else if (fundamental == GTypes.UINT && isIntegral(v)) {
            Native.gValueSetUint(value, (int) checkRange(v, 0, 0xFFFF_FFFFL, op, arg));
        } else if (fundamental == GTypes.INT64 && isIntegral(v)) {
            Native.gValueSetInt64(value, ((Number) v).longValue());
        } else if (fundamental == GTypes.UINT64 && isIntegral(v)) {
            Native.gValueSetUint64(value, checkRange(v, 0, Long.MAX_VALUE, op, arg));
        } else if (fundamental == GTypes.DOUBLE && v instanceof Number n) {
            Native.gValueSetDouble(value, n.doubleValue());
        } else if (fundamental == GTypes.FLOAT && v instanceof Number n) {
            Native.gValueSetFloat(value, n.floatValue());
        } else if (fundamental == GTypes.STRING && v instanceof String s) {
            Native.gValueSetString(value, arena.allocateFrom(s));
        } else if (fundamental == GTypes.ENUM && isEnumLike(v)) {
            Native.gValueSetEnum(value, enumValue(type, v, arena, op));
        } else if (fundamental == GTypes.FLAGS && isEnumLike(v)) {
            Native.gValueSetFlags(value, flagsValue(type, v, arena, op));
        } else if (fundamental == GTypes.BOXED && setBoxed(value, type, v, arena, op)) {
            return;
        } else if (fundamental == GTypes.OBJECT && setObject(value, type, v, arena, op)) {
            return;
        } else {
            throw mismatch(op, arg, type, v);
        }
    }

    private static boolean setBoxed(MemorySegment value, long type, Object v, Arena arena, String op) {
        if (type == GTypes.BLOB) {
            if (v instanceof VipsBlob blob) {
                Native.gValueSetBoxed(value, blob.area());
                return true;
            }
            if (v instanceof byte[] bytes) {
                try (VipsBlob blob = VipsBlob.copyOf(bytes)) {
                    Native.gValueSetBoxed(value, blob.area()); // the GValue takes its own reference
                }
                return true;
            }
        } else if (type == GTypes.ARRAY_DOUBLE) {
            double[] doubles = toDoubles(v);
            if (doubles != null) {
                Native.valueSetArrayDouble(value, arena.allocateFrom(JAVA_DOUBLE, doubles), doubles.length);
                return true;
            }
        } else if (type == GTypes.ARRAY_INT) {
            int[] ints = toInts(v);
            if (ints != null) {
                Native.valueSetArrayInt(value, arena.allocateFrom(JAVA_INT, ints), ints.length);
                return true;
            }
        } else if (type == GTypes.ARRAY_IMAGE) {
            VipsImage[] images = v instanceof VipsImage one ? new VipsImage[] {one}
                    : v instanceof VipsImage[] many ? many : null;
            if (images != null) {
                MemorySegment pointers = arena.allocate(ADDRESS, Math.max(1, images.length));
                for (int i = 0; i < images.length; i++) {
                    pointers.setAtIndex(ADDRESS, i, images[i].pointer());
                }
                MemorySegment array = Native.arrayImageNew(pointers, images.length); // refs each image
                Native.gValueSetBoxed(value, array);
                Native.areaUnref(array);
                return true;
            }
        } else if (type == GTypes.REF_STRING && v instanceof String s) {
            Native.valueSetRefString(value, arena.allocateFrom(s));
            return true;
        }
        return false;
    }

    private static boolean setObject(MemorySegment value, long type, Object v, Arena arena, String op) {
        if (v instanceof VipsImage image && Native.gTypeIsA(GTypes.IMAGE, type)) {
            Native.gValueSetObject(value, image.pointer()); // the GValue takes its own reference
            return true;
        }
        if (v instanceof VipsSource source && Native.gTypeIsA(GTypes.SOURCE, type)) {
            Native.gValueSetObject(value, source.pointer());
            return true;
        }
        if (v instanceof String nick && Native.gTypeIsA(type, GTypes.INTERPOLATE)) {
            MemorySegment interpolate = Native.interpolateNew(arena.allocateFrom(nick));
            if (interpolate.equals(MemorySegment.NULL)) {
                throw new VipsException(op, "unknown interpolator '" + nick + "' (" + VipsErrors.take() + ")");
            }
            Native.gValueSetObject(value, interpolate);
            Native.gObjectUnref(interpolate);
            return true;
        }
        return false;
    }

    /** Reads the initialised, filled {@code value} of GType {@code type} into a Java value. */
    static Object get(MemorySegment value, long type, Arena arena, String op, String arg) {
        long fundamental = Native.gTypeFundamental(type);
        if (fundamental == GTypes.BOOLEAN) {
            return Native.gValueGetBoolean(value);
        } else if (fundamental == GTypes.INT) {
            return Native.gValueGetInt(value);
        } else if (fundamental == GTypes.UINT) {
            return Integer.toUnsignedLong(Native.gValueGetUint(value));
        } else if (fundamental == GTypes.INT64) {
            return Native.gValueGetInt64(value);
        } else if (fundamental == GTypes.UINT64) {
            return Native.gValueGetUint64(value);
        } else if (fundamental == GTypes.DOUBLE) {
            return Native.gValueGetDouble(value);
        } else if (fundamental == GTypes.FLOAT) {
            return (double) Native.gValueGetFloat(value);
        } else if (fundamental == GTypes.STRING) {
            return CStrings.read(Native.gValueGetString(value));
        } else if (fundamental == GTypes.ENUM) {
            return CStrings.read(Native.enumNick(type, Native.gValueGetEnum(value)));
        } else if (fundamental == GTypes.FLAGS) {
            return Native.gValueGetFlags(value);
        } else if (fundamental == GTypes.BOXED) {
            return getBoxed(value, type, arena, op, arg);
        } else if (fundamental == GTypes.OBJECT && Native.gTypeIsA(type, GTypes.IMAGE)) {
            MemorySegment image = Native.gValueGetObject(value);
            return image.equals(MemorySegment.NULL) ? null : new VipsImage(Native.gObjectRef(image));
        }
        throw new VipsException(op, "output '" + arg + "' has unsupported type " + GTypes.name(type));
    }

    private static Object getBoxed(MemorySegment value, long type, Arena arena, String op, String arg) {
        if (type == GTypes.BLOB) {
            MemorySegment blob = Native.gValueGetBoxed(value);
            return blob.equals(MemorySegment.NULL) ? new byte[0] : VipsBlob.bytesOf(blob).toArray(JAVA_BYTE);
        }
        MemorySegment n = arena.allocate(JAVA_INT);
        if (type == GTypes.ARRAY_DOUBLE) {
            MemorySegment data = Native.valueGetArrayDouble(value, n);
            return read(data, n).reinterpret(JAVA_DOUBLE.byteSize() * n.get(JAVA_INT, 0)).toArray(JAVA_DOUBLE);
        }
        if (type == GTypes.ARRAY_INT) {
            MemorySegment data = Native.valueGetArrayInt(value, n);
            return read(data, n).reinterpret(JAVA_INT.byteSize() * n.get(JAVA_INT, 0)).toArray(JAVA_INT);
        }
        if (type == GTypes.ARRAY_IMAGE) {
            MemorySegment data = read(Native.valueGetArrayImage(value, n), n);
            int count = n.get(JAVA_INT, 0);
            data = data.reinterpret(ADDRESS.byteSize() * count);
            VipsImage[] images = new VipsImage[count];
            for (int i = 0; i < count; i++) {
                images[i] = new VipsImage(Native.gObjectRef(data.getAtIndex(ADDRESS, i)));
            }
            return images;
        }
        if (type == GTypes.REF_STRING) {
            return CStrings.read(Native.valueGetRefString(value, arena.allocate(JAVA_LONG)));
        }
        throw new VipsException(op, "output '" + arg + "' has unsupported type " + GTypes.name(type));
    }

    private static MemorySegment read(MemorySegment data, MemorySegment n) {
        if (data.equals(MemorySegment.NULL)) {
            n.set(JAVA_INT, 0, 0);
        }
        return data;
    }

    // ---- coercions ----

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
    }

    private static boolean isEnumLike(Object v) {
        return v instanceof String || v instanceof Enum<?> || v instanceof Integer;
    }

    private static int toInt(Object v, String op, String arg) {
        return (int) checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE, op, arg);
    }

    private static long checkRange(Object v, long min, long max, String op, String arg) {
        long l = ((Number) v).longValue();
        if (l < min || l > max) {
            throw new VipsException(op, "value " + l + " for argument '" + arg + "' is out of range");
        }
        return l;
    }

    private static int enumValue(long type, Object v, Arena arena, String op) {
        if (v instanceof Integer i) {
            return i;
        }
        String nick = v instanceof Enum<?> e ? VipsEnum.nickOf(e) : (String) v;
        int result = Native.enumFromNick(arena.allocateFrom(op), type, arena.allocateFrom(nick));
        if (result < 0) {
            throw VipsErrors.exception(op);
        }
        return result;
    }

    private static int flagsValue(long type, Object v, Arena arena, String op) {
        if (v instanceof Integer i) {
            return i;
        }
        String nicks = v instanceof Enum<?> e ? VipsEnum.nickOf(e) : ((String) v).strip();
        int result = 0;
        for (String nick : FLAG_SEPARATOR.split(nicks)) {
            if (nick.isEmpty()) {
                continue;
            }
            int bit = Native.flagsFromNick(arena.allocateFrom(op), type, arena.allocateFrom(nick));
            if (bit < 0) {
                throw VipsErrors.exception(op);
            }
            result |= bit;
        }
        return result;
    }

    private static double[] toDoubles(Object v) {
        if (v instanceof double[] d) {
            return d;
        }
        if (v instanceof int[] i) {
            double[] d = new double[i.length];
            for (int k = 0; k < i.length; k++) {
                d[k] = i[k];
            }
            return d;
        }
        return v instanceof Number n ? new double[] {n.doubleValue()} : null;
    }

    private static int[] toInts(Object v) {
        if (v instanceof int[] i) {
            return i;
        }
        if (v instanceof Integer n) {
            return new int[] {n};
        }
        if (v instanceof double[] d) {
            int[] i = new int[d.length];
            for (int k = 0; k < d.length; k++) {
                if (d[k] != Math.rint(d[k])) {
                    return null;
                }
                i[k] = (int) d[k];
            }
            return i;
        }
        return null;
    }

    private static VipsException mismatch(String op, String arg, long type, Object v) {
        String given = v == null ? "null" : v.getClass().getSimpleName();
        return new VipsException(op, "argument '" + arg + "' has type " + GTypes.name(type)
                + " and cannot be set from " + given);
    }
}
