package dev.pixkit.imaging.vips;

/**
 * GType ids: GLib's fixed fundamental types and libvips' registered types (looked up once, after
 * {@code vips_init}, the first time an operation needs them).
 */
final class GTypes {

    private static final int SHIFT = 2; // G_TYPE_FUNDAMENTAL_SHIFT

    static final long CHAR = 3L << SHIFT;
    static final long UCHAR = 4L << SHIFT;
    static final long BOOLEAN = 5L << SHIFT;
    static final long INT = 6L << SHIFT;
    static final long UINT = 7L << SHIFT;
    static final long LONG = 8L << SHIFT;
    static final long ULONG = 9L << SHIFT;
    static final long INT64 = 10L << SHIFT;
    static final long UINT64 = 11L << SHIFT;
    static final long ENUM = 12L << SHIFT;
    static final long FLAGS = 13L << SHIFT;
    static final long FLOAT = 14L << SHIFT;
    static final long DOUBLE = 15L << SHIFT;
    static final long STRING = 16L << SHIFT;
    static final long POINTER = 17L << SHIFT;
    static final long BOXED = 18L << SHIFT;
    static final long PARAM = 19L << SHIFT;
    static final long OBJECT = 20L << SHIFT;

    static final long IMAGE = Native.type("vips_image_get_type");
    static final long INTERPOLATE = Native.type("vips_interpolate_get_type");
    static final long SOURCE = Native.type("vips_source_get_type");
    static final long BLOB = Native.type("vips_blob_get_type");
    static final long ARRAY_DOUBLE = Native.type("vips_array_double_get_type");
    static final long ARRAY_INT = Native.type("vips_array_int_get_type");
    static final long ARRAY_IMAGE = Native.type("vips_array_image_get_type");
    static final long REF_STRING = Native.type("vips_ref_string_get_type");
    static final long INTERPRETATION = Native.type("vips_interpretation_get_type");
    static final long BAND_FORMAT = Native.type("vips_band_format_get_type");

    private GTypes() {}

    static String name(long type) {
        String name = CStrings.read(Native.gTypeName(type));
        return name == null ? "GType#" + type : name;
    }
}
