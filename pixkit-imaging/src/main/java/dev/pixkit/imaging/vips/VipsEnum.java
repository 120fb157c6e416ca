package dev.pixkit.imaging.vips;

/**
 * A Java enum constant that maps to a libvips enum or flags nickname. Enums that do not implement
 * this are passed as {@code name().toLowerCase().replace('_', '-')}, which already matches most
 * libvips nicknames (e.g. {@code ATTENTION -> "attention"}, {@code B_W -> "b-w"}).
 */
public interface VipsEnum {

    /** The libvips nickname, e.g. {@code "centre"}. */
    String nick();

    /** The nickname libvips will receive for {@code value}. */
    static String nickOf(Enum<?> value) {
        if (value instanceof VipsEnum v) {
            return v.nick();
        }
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
