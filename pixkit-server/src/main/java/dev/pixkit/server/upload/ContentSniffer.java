package dev.pixkit.server.upload;

import java.nio.charset.StandardCharsets;

/**
 * The media type of stored bytes, from their magic numbers; the file name is never consulted. Unknown binary content
 * is {@code application/octet-stream}.
 */
final class ContentSniffer {
    private ContentSniffer() {}

    static String sniff(byte[] h) {
        if (starts(h, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) return "image/gif";
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) return "image/webp";
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE")) return "audio/wav";
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "AVI ")) return "video/x-msvideo";
        if (ascii(h, 4, "ftyp")) return isoBrand(h);
        if (starts(h, 'I', 'I', 0x2A, 0x00) || starts(h, 'M', 'M', 0x00, 0x2A)) return "image/tiff";
        if (starts(h, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ') || starts(h, 0xFF, 0x0A)) return "image/jxl";
        if (ascii(h, 0, "BM") && h.length > 14) return "image/bmp";
        if (starts(h, 0x00, 0x00, 0x01, 0x00)) return "image/x-icon";
        if (ascii(h, 0, "8BPS")) return "image/vnd.adobe.photoshop";
        if (ascii(h, 0, "%PDF-")) return "application/pdf";
        if (starts(h, 'P', 'K', 0x03, 0x04)) return "application/zip";
        if (starts(h, 0x1F, 0x8B)) return "application/gzip";
        if (ascii(h, 0, "ID3") || starts(h, 0xFF, 0xFB)) return "audio/mpeg";
        if (ascii(h, 0, "OggS")) return "audio/ogg";
        if (starts(h, 0x1A, 0x45, 0xDF, 0xA3)) return "video/webm";
        String text = textPrefix(h);
        if (text != null) {
            String t = text.stripLeading();
            if (t.startsWith("<svg") || (t.startsWith("<?xml") && text.contains("<svg"))) return "image/svg+xml";
            if (t.startsWith("{") || t.startsWith("[")) return "application/json";
            return "text/plain";
        }
        return "application/octet-stream";
    }

    private static String isoBrand(byte[] h) {
        String brand = h.length >= 12 ? new String(h, 8, 4, StandardCharsets.US_ASCII) : "";
        return switch (brand) {
            case "avif", "avis" -> "image/avif";
            case "heic", "heix", "heim", "heis", "mif1", "msf1" -> "image/heif";
            case "qt  " -> "video/quicktime";
            case "M4A " -> "audio/mp4";
            default -> "video/mp4";
        };
    }

    /** The head as text when it looks like UTF-8 text without control characters, else null. */
    private static String textPrefix(byte[] h) {
        if (h.length == 0) {
            return null;
        }
        for (byte b : h) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return null;
            }
        }
        return new String(h, StandardCharsets.UTF_8);
    }

    private static boolean starts(byte[] h, int... sig) {
        if (h.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((h[i] & 0xff) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] h, int offset, String s) {
        if (h.length < offset + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (h[offset + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
