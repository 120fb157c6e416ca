package dev.pixkit.imaging.metadata;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.VipsBlob;
import dev.pixkit.imaging.vips.VipsImage;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The flat map ImageKit returns as {@code embeddedMetadata} (upload with {@code responseFields=embeddedMetadata},
 * file details): EXIF, IPTC and XMP tags side by side under ExifTool-style names, e.g.
 * {@code {"Make":"Canon","Orientation":"Horizontal (normal)","DateTimeOriginal":"2019-10-16T19:01:03.000Z",
 * "Keywords":["a","b"],"CreatorCity":"..."}}.
 *
 * <p>EXIF values are those of {@link ExifParser} with ExifTool's readable forms for the few tags ImageKit's example
 * shows converted ({@code Orientation}, {@code ResolutionUnit}, {@code ColorSpace}, {@code ComponentsConfiguration})
 * and its three date-times as UTC instants (using the matching {@code OffsetTime*} tag, else taken as UTC); IFD
 * pointers and the thumbnail's tags are left out. When a name occurs in several sources, EXIF wins over IPTC, and
 * IPTC over XMP (ExifTool's priority). A file without any of the three gives an empty map.
 */
public final class EmbeddedMetadata {

    private static final Set<String> POINTERS = Set.of("ExifOffset", "GPSInfo", "InteropOffset", "ThumbnailOffset",
            "ThumbnailLength");
    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final List<String> ORIENTATIONS = List.of("Horizontal (normal)", "Mirror horizontal",
            "Rotate 180", "Mirror vertical", "Mirror horizontal and rotate 270 CW", "Rotate 90 CW",
            "Mirror horizontal and rotate 90 CW", "Rotate 270 CW");

    private EmbeddedMetadata() {}

    /**
     * Embedded metadata of an image file (header only: no pixels are decoded).
     *
     * @throws UncheckedIOException      wrapping {@link NoSuchFileException} if the file does not exist
     * @throws UnsupportedImageException if it is not an image libvips can read
     */
    public static Map<String, Object> read(Path file) {
        Objects.requireNonNull(file, "file");
        return MetadataReader.withHeader(file, EmbeddedMetadata::of);
    }

    /**
     * Embedded metadata of encoded image bytes (header only).
     *
     * @throws UnsupportedImageException if they are not an image libvips can read
     */
    public static Map<String, Object> read(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (VipsBlob blob = VipsBlob.copyOf(data)) {
            return MetadataReader.withHeader(blob, EmbeddedMetadata::of);
        }
    }

    /** From the raw blocks libvips exposes ({@code exif-data}, {@code iptc-data}, {@code xmp-data}); any may be null. */
    public static Map<String, Object> of(byte[] exif, byte[] iptc, byte[] xmp) {
        Map<String, Object> out = new LinkedHashMap<>();
        addExif(ExifParser.parse(exif), out);
        IptcParser.parse(iptc).forEach(out::putIfAbsent);
        XmpParser.parse(xmp).forEach(out::putIfAbsent);
        out.replaceAll((name, value) -> value instanceof List<?> list ? List.copyOf(list) : value);
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> of(VipsImage image) {
        return of(image.getBlob("exif-data").orElse(null), image.getBlob("iptc-data").orElse(null),
                image.getBlob("xmp-data").orElse(null));
    }

    private static void addExif(Exif exif, Map<String, Object> out) {
        for (Map<String, Object> group : List.of(exif.image(), exif.exif(), exif.gps(), exif.interoperability())) {
            group.forEach((name, value) -> {
                if (!POINTERS.contains(name)) {
                    out.putIfAbsent(name, readable(name, value, exif));
                }
            });
        }
    }

    private static Object readable(String name, Object value, Exif exif) {
        return switch (name) {
            case "Orientation" -> value instanceof Long n && n >= 1 && n <= 8
                    ? ORIENTATIONS.get(n.intValue() - 1) : value;
            case "ResolutionUnit", "FocalPlaneResolutionUnit" -> switch (value instanceof Long n ? n.intValue() : 0) {
                case 1 -> "None";
                case 2 -> "inches";
                case 3 -> "cm";
                default -> value;
            };
            case "ColorSpace" -> switch (value instanceof Long n ? n.intValue() : 0) {
                case 1 -> "sRGB";
                case 2 -> "Adobe RGB";
                case 0xFFFF -> "Uncalibrated";
                default -> value;
            };
            case "ComponentsConfiguration" -> value instanceof String s ? components(s) : value;
            case "DateTimeOriginal" -> instant(value, exif.exif().get("OffsetTimeOriginal"));
            case "CreateDate" -> instant(value, exif.exif().get("OffsetTimeDigitized"));
            case "ModifyDate" -> instant(value, exif.exif().get("OffsetTime"));
            default -> value;
        };
    }

    private static String components(String raw) {
        String[] names = {"-", "Y", "Cb", "Cr", "R", "G", "B"};
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(c < names.length ? names[c] : "?");
        }
        return sb.toString();
    }

    /** An EXIF date-time as a UTC instant with milliseconds; left as it is when it does not parse. */
    private static Object instant(Object value, Object offset) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text.strip(), EXIF_DATE);
            ZoneOffset zone = offset instanceof String o && !o.isBlank() ? ZoneOffset.of(o.strip()) : ZoneOffset.UTC;
            return OffsetDateTime.of(local, zone).withOffsetSameInstant(ZoneOffset.UTC).format(UTC_MILLIS);
        } catch (DateTimeException e) { // unparsable text or offset
            return value;
        }
    }
}
