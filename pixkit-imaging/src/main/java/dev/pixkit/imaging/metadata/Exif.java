package dev.pixkit.imaging.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image's EXIF data, grouped the way ImageKit's metadata API groups it: {@code image} (IFD0), {@code thumbnail}
 * (IFD1), {@code exif} (the Exif sub-IFD), {@code gps}, {@code interoperability} and {@code makernote}. Keys are the
 * tag names ImageKit uses ({@code Make}, {@code ExifOffset}, {@code ISO}, {@code CreateDate}, ...); values are
 * {@link String}, {@link Long}, {@link Double} or a {@link java.util.List} of numbers, as the tag's EXIF type holds
 * them. Each map is unmodifiable and keeps the order of the tags in the file.
 *
 * <p>{@link #NONE} stands for "the file carries no EXIF at all", which ImageKit reports as {@code "exif": {}}
 * rather than as six empty groups.
 */
public record Exif(
        Map<String, Object> image,
        Map<String, Object> thumbnail,
        Map<String, Object> exif,
        Map<String, Object> gps,
        Map<String, Object> interoperability,
        Map<String, Object> makernote) {

    /** No EXIF in the file. */
    public static final Exif NONE = new Exif(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Exif {
        image = frozen(image);
        thumbnail = frozen(thumbnail);
        exif = frozen(exif);
        gps = frozen(gps);
        interoperability = frozen(interoperability);
        makernote = frozen(makernote);
    }

    /** True when there is no tag in any group. */
    public boolean isEmpty() {
        return image.isEmpty() && thumbnail.isEmpty() && exif.isEmpty() && gps.isEmpty()
                && interoperability.isEmpty() && makernote.isEmpty();
    }

    /**
     * The groups keyed by ImageKit's names, in ImageKit's order — or an empty map when {@link #isEmpty()}, which is
     * how ImageKit answers for files without EXIF.
     */
    public Map<String, Map<String, Object>> groups() {
        if (isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        groups.put("image", image);
        groups.put("thumbnail", thumbnail);
        groups.put("exif", exif);
        groups.put("gps", gps);
        groups.put("interoperability", interoperability);
        groups.put("makernote", makernote);
        return Collections.unmodifiableMap(groups);
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
