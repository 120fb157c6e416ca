package dev.pixkit.imaging.metadata;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Flattens an XMP packet into the flat map of ImageKit's {@code embeddedMetadata}: each property under its local
 * name with the first letter capitalised ({@code dc:title} → {@code Title}); language alternatives as their
 * {@code x-default} (or first) text; bags and sequences as lists; structures flattened as parent name + field name
 * ({@code AboutCvTerm/CvId} → {@code AboutCvTermCvId}), with ExifTool's shorter names for the IPTC creator contact
 * ({@code CreatorCity}, {@code CreatorWorkEmail}) and artwork ({@code ArtworkCreator}) fields. Date-times with a
 * zone are given in UTC with milliseconds ({@code 2019-10-16T19:01:03.000Z}), as ImageKit shows them.
 *
 * <p>The packet is parsed with DOCTYPEs refused and no external access, so a hostile file cannot make the parser
 * read files or the network, or expand entities. Malformed XMP yields an empty map.
 */
final class XmpParser {

    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final int MAX_PACKET_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final Map<String, String> CONTACT_FIELDS = Map.of(
            "CiAdrCity", "City", "CiAdrCtry", "Country", "CiAdrExtadr", "Address", "CiAdrPcode", "PostalCode",
            "CiAdrRegion", "Region", "CiEmailWork", "WorkEmail", "CiTelWork", "WorkTelephone", "CiUrlWork", "WorkURL");

    private XmpParser() {}

    static Map<String, Object> parse(byte[] packet) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (packet == null || packet.length == 0 || packet.length > MAX_PACKET_BYTES) {
            return out;
        }
        try {
            Element root = builder().parse(new ByteArrayInputStream(trimmed(packet))).getDocumentElement();
            for (Element description : descriptions(root)) {
                struct(description, XmpParser::capitalised, out, false, 0);
            }
        } catch (Exception e) { // malformed XML of any kind: no XMP
            out.clear();
        }
        return out;
    }

    private static DocumentBuilder builder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b;
    }

    /** Writers pad packets with NULs; the XML parser would reject them. */
    private static byte[] trimmed(byte[] packet) {
        int end = packet.length;
        while (end > 0 && packet[end - 1] == 0) {
            end--;
        }
        return end == packet.length ? packet : java.util.Arrays.copyOf(packet, end);
    }

    private static List<Element> descriptions(Element root) {
        List<Element> found = new ArrayList<>();
        collectDescriptions(root, found, 0);
        return found;
    }

    private static void collectDescriptions(Element e, List<Element> found, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (RDF.equals(e.getNamespaceURI()) && "Description".equals(e.getLocalName())) {
            found.add(e);
            return;
        }
        for (Element child : children(e)) {
            collectDescriptions(child, found, depth + 1);
        }
    }

    /** The fields of a description or structure: attributes (shorthand) and child elements. */
    private static void struct(Element e, UnaryOperator<String> naming, Map<String, Object> out, boolean inList,
            int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String ns = a.getNamespaceURI();
            if (ns == null || RDF.equals(ns) || XML_NS.equals(ns) || XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) {
                continue;
            }
            put(out, naming.apply(a.getLocalName()), value(a.getValue()), inList);
        }
        for (Element child : children(e)) {
            property(child, naming.apply(child.getLocalName()), out, inList, depth + 1);
        }
    }

    private static void property(Element e, String name, Map<String, Object> out, boolean inList, int depth) {
        String resource = e.getAttributeNS(RDF, "resource");
        if (!resource.isEmpty()) {
            put(out, name, resource, inList);
            return;
        }
        List<Element> children = children(e);
        if ("Resource".equals(e.getAttributeNS(RDF, "parseType"))) {
            struct(e, fieldsOf(name), out, inList, depth);
            return;
        }
        if (children.isEmpty()) {
            if (e.getAttributes().getLength() > 0 && hasFieldAttributes(e)) {
                struct(e, fieldsOf(name), out, inList, depth);
            } else {
                put(out, name, value(e.getTextContent()), inList);
            }
            return;
        }
        Element inner = children.getFirst();
        String kind = RDF.equals(inner.getNamespaceURI()) ? inner.getLocalName() : "";
        switch (kind) {
            case "Bag", "Seq" -> {
                list(out, name); // present even when empty
                for (Element li : children(inner)) {
                    item(li, name, out, depth);
                }
            }
            case "Alt" -> put(out, name, alternative(inner), inList);
            case "Description" -> struct(inner, fieldsOf(name), out, inList, depth);
            default -> struct(e, fieldsOf(name), out, inList, depth);
        }
    }

    private static void item(Element li, String name, Map<String, Object> out, int depth) {
        List<Element> children = children(li);
        boolean isStruct = "Resource".equals(li.getAttributeNS(RDF, "parseType")) || !children.isEmpty()
                || hasFieldAttributes(li);
        if (!isStruct) {
            put(out, name, value(li.getTextContent()), true);
            return;
        }
        out.remove(name, List.of()); // a list of structures is reported field by field
        Element holder = children.size() == 1 && RDF.equals(children.getFirst().getNamespaceURI())
                && "Description".equals(children.getFirst().getLocalName()) ? children.getFirst() : li;
        struct(holder, fieldsOf(name), out, true, depth + 1);
    }

    private static String alternative(Element alt) {
        String first = null;
        for (Element li : children(alt)) {
            String text = li.getTextContent().strip();
            if ("x-default".equals(li.getAttributeNS(XML_NS, "lang"))) {
                return text;
            }
            if (first == null) {
                first = text;
            }
        }
        return first == null ? "" : first;
    }

    private static boolean hasFieldAttributes(Element e) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String ns = attributes.item(i).getNamespaceURI();
            if (ns != null && !RDF.equals(ns) && !XML_NS.equals(ns) && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the fields of structure {@code name} are named: parent + field, except ExifTool's shorter names for the
     * two IPTC structures ImageKit's example shows ({@code CreatorCity}, {@code ArtworkCreator}).
     */
    private static UnaryOperator<String> fieldsOf(String name) {
        return switch (name) {
            case "CreatorContactInfo" -> field -> "Creator" + CONTACT_FIELDS.getOrDefault(field, capitalised(field));
            case "ArtworkOrObject" -> field -> "Artwork" + capitalised(field.startsWith("AO") ? field.substring(2)
                    : field);
            default -> field -> name + capitalised(field);
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Object value(String text) {
        String s = text.strip();
        if (s.length() >= 20 && s.charAt(4) == '-' && s.charAt(10) == 'T') {
            try {
                return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).format(UTC_MILLIS);
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> out, String name) {
        Object existing = out.get(name);
        if (existing instanceof List<?> list) {
            return (List<Object>) list;
        }
        List<Object> list = new ArrayList<>();
        if (existing != null) {
            list.add(existing);
        }
        out.put(name, list);
        return list;
    }

    private static void put(Map<String, Object> out, String name, Object value, boolean inList) {
        if (inList) {
            list(out, name).add(value);
        } else {
            out.putIfAbsent(name, value);
        }
    }

    private static List<Element> children(Node n) {
        List<Element> out = new ArrayList<>();
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
