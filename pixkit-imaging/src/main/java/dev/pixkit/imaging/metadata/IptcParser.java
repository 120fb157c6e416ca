package dev.pixkit.imaging.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads IPTC-IIM application records (record 2: caption, keywords, by-line, ...) into a flat map with ExifTool's
 * names without hyphens, as ImageKit's {@code embeddedMetadata} shows them ({@code Byline}, {@code CaptionAbstract},
 * {@code Keywords}). Accepts what libvips stores as {@code iptc-data}: a JPEG APP13 Photoshop block
 * ({@code "Photoshop 3.0"} + 8BIM resources, IPTC being resource 0x0404) or bare IIM. Dates read
 * {@code YYYY:MM:DD} and times {@code HH:MM:SS+HH:MM}, as ExifTool prints them. Never throws on malformed input.
 */
final class IptcParser {

    private static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int IPTC_RESOURCE = 0x0404;
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "ApplicationRecordVersion"), Map.entry(3, "ObjectTypeReference"),
            Map.entry(4, "ObjectAttributeReference"), Map.entry(5, "ObjectName"), Map.entry(7, "EditStatus"),
            Map.entry(10, "Urgency"), Map.entry(12, "SubjectReference"), Map.entry(15, "Category"),
            Map.entry(20, "SupplementalCategories"), Map.entry(22, "FixtureIdentifier"), Map.entry(25, "Keywords"),
            Map.entry(26, "ContentLocationCode"), Map.entry(27, "ContentLocationName"),
            Map.entry(30, "ReleaseDate"), Map.entry(35, "ReleaseTime"), Map.entry(37, "ExpirationDate"),
            Map.entry(38, "ExpirationTime"), Map.entry(40, "SpecialInstructions"), Map.entry(42, "ActionAdvised"),
            Map.entry(45, "ReferenceService"), Map.entry(47, "ReferenceDate"), Map.entry(50, "ReferenceNumber"),
            Map.entry(55, "DateCreated"), Map.entry(60, "TimeCreated"), Map.entry(62, "DigitalCreationDate"),
            Map.entry(63, "DigitalCreationTime"), Map.entry(65, "OriginatingProgram"),
            Map.entry(70, "ProgramVersion"), Map.entry(75, "ObjectCycle"), Map.entry(80, "Byline"),
            Map.entry(85, "BylineTitle"), Map.entry(90, "City"), Map.entry(92, "Sublocation"),
            Map.entry(95, "ProvinceState"), Map.entry(100, "CountryPrimaryLocationCode"),
            Map.entry(101, "CountryPrimaryLocationName"), Map.entry(103, "OriginalTransmissionReference"),
            Map.entry(105, "Headline"), Map.entry(110, "Credit"), Map.entry(115, "Source"),
            Map.entry(116, "CopyrightNotice"), Map.entry(118, "Contact"), Map.entry(120, "CaptionAbstract"),
            Map.entry(122, "WriterEditor"), Map.entry(130, "ImageType"), Map.entry(131, "ImageOrientation"),
            Map.entry(135, "LanguageIdentifier"));
    /** Datasets that ExifTool always lists, even with a single value. */
    private static final Set<Integer> LISTS = Set.of(12, 20, 25, 26, 27);
    private static final Set<Integer> DATES = Set.of(30, 37, 47, 55, 62);
    private static final Set<Integer> TIMES = Set.of(35, 38, 60, 63);

    private IptcParser() {}

    static Map<String, Object> parse(byte[] data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data == null) {
            return out;
        }
        byte[] iim = startsWith(data, PHOTOSHOP) ? photoshopIptc(data) : data;
        if (iim != null) {
            readIim(iim, out);
        }
        return out;
    }

    /** The IPTC resource of a Photoshop image resource block, or null. */
    private static byte[] photoshopIptc(byte[] data) {
        int p = PHOTOSHOP.length;
        while (p + 12 <= data.length) {
            if (data[p] != '8' || data[p + 1] != 'B' || data[p + 2] != 'I' || data[p + 3] != 'M') {
                return null;
            }
            int id = u16(data, p + 4);
            int nameLength = data[p + 6] & 0xFF;
            int sizeAt = p + 6 + ((nameLength + 2) & ~1); // Pascal string padded to even length
            if (sizeAt + 4 > data.length) {
                return null;
            }
            long size = ((long) u16(data, sizeAt) << 16) | u16(data, sizeAt + 2);
            int start = sizeAt + 4;
            if (size > data.length - start) {
                return null;
            }
            if (id == IPTC_RESOURCE) {
                return Arrays.copyOfRange(data, start, start + (int) size);
            }
            p = start + (int) ((size + 1) & ~1L);
        }
        return null;
    }

    private static void readIim(byte[] iim, Map<String, Object> out) {
        int p = 0;
        while (p + 5 <= iim.length && iim[p] == 0x1C) {
            int record = iim[p + 1] & 0xFF;
            int dataset = iim[p + 2] & 0xFF;
            int length = u16(iim, p + 3);
            if ((length & 0x8000) != 0) {
                return; // extended lengths are for binary objects, which end what we read
            }
            int start = p + 5;
            if (start + length > iim.length) {
                return;
            }
            String name = NAMES.get(dataset);
            if (record == 2 && name != null) {
                add(out, name, dataset, value(dataset, Arrays.copyOfRange(iim, start, start + length)));
            }
            p = start + length;
        }
    }

    private static Object value(int dataset, byte[] raw) {
        if (dataset == 0 && raw.length == 2) {
            return (long) u16(raw, 0);
        }
        String text = text(raw);
        if (DATES.contains(dataset) && text.matches("\\d{8}")) {
            return text.substring(0, 4) + ":" + text.substring(4, 6) + ":" + text.substring(6);
        }
        if (TIMES.contains(dataset) && text.matches("\\d{6}([+-]\\d{4})?")) {
            String time = text.substring(0, 2) + ":" + text.substring(2, 4) + ":" + text.substring(4, 6);
            return text.length() == 6 ? time
                    : time + text.charAt(6) + text.substring(7, 9) + ":" + text.substring(9, 11);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> out, String name, int dataset, Object value) {
        Object existing = out.get(name);
        if (existing == null) {
            out.put(name, LISTS.contains(dataset) ? new ArrayList<>(List.of(value)) : value);
        } else if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            out.put(name, new ArrayList<>(List.of(existing, value)));
        }
    }

    /** UTF-8 (what modern writers use and declare) when valid, else Latin-1. */
    private static String text(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString().strip();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1).strip();
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
