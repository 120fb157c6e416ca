package dev.pixkit.client;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.URLConnection;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A streaming {@code multipart/form-data} body (RFC 7578). Text fields are buffered; file content is streamed from
 * its own publisher, so the body has a known length whenever the file's length is known.
 */
final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final List<BodyPublisher> parts = new ArrayList<>();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Multipart() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "----PixkitFormBoundary" + HexFormat.of().formatHex(random);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    String boundary() {
        return boundary;
    }

    /** Adds a text field (UTF-8). */
    Multipart field(String name, String value) {
        header("Content-Disposition: form-data; name=\"" + escape(name) + "\"");
        end();
        write(value.getBytes(StandardCharsets.UTF_8));
        write(CRLF);
        return this;
    }

    /** Adds a file part whose bytes come from {@code content}. */
    Multipart file(String name, String fileName, BodyPublisher content) {
        header("Content-Disposition: form-data; name=\"" + escape(name) + "\"; filename=\"" + escape(fileName) + "\"");
        write(("Content-Type: " + contentTypeOf(fileName) + "\r\n").getBytes(StandardCharsets.UTF_8));
        end();
        flush();
        parts.add(content);
        write(CRLF);
        return this;
    }

    /** The finished body; its length is known when every file publisher's is. */
    BodyPublisher build() {
        write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        flush();
        return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
    }

    static BodyPublisher fileBody(java.nio.file.Path path) {
        try {
            return BodyPublishers.ofFile(path);
        } catch (FileNotFoundException e) {
            throw new PixkitException("Cannot read " + path + ": file not found", e);
        }
    }

    private void header(String disposition) {
        write(("--" + boundary + "\r\n" + disposition + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void end() {
        write(CRLF);
    }

    private void write(byte[] bytes) {
        pending.writeBytes(bytes);
    }

    private void flush() {
        if (pending.size() > 0) {
            parts.add(BodyPublishers.ofByteArray(pending.toByteArray()));
            pending = new ByteArrayOutputStream();
        }
    }

    /** Quotes a name for a header parameter as HTML's form encoding does: {@code "} and line breaks percent-encoded. */
    static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String contentTypeOf(String fileName) {
        String guess = URLConnection.guessContentTypeFromName(fileName.toLowerCase(java.util.Locale.ROOT));
        if (guess == null) {
            String lower = fileName.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".webp")) {
                guess = "image/webp";
            } else if (lower.endsWith(".avif")) {
                guess = "image/avif";
            } else if (lower.endsWith(".svg")) {
                guess = "image/svg+xml";
            }
        }
        return guess == null ? "application/octet-stream" : guess;
    }
}
