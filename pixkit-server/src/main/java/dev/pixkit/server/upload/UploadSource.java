package dev.pixkit.server.upload;

import dev.pixkit.server.system.ApiException;
import jakarta.servlet.http.Part;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where an upload's bytes come from: a binary part, or a text part holding base64, a data URI or an http(s) URL
 * (fetched by {@link RemoteFetcher}). Everything is streamed; nothing is held in memory whole.
 */
final class UploadSource {
    /** Longest URL accepted in the {@code file} field. */
    static final int MAX_URL_BYTES = 8192;

    private UploadSource() {}

    static InputStream open(Part part, RemoteFetcher fetcher) throws IOException {
        if (part.getSubmittedFileName() != null) {
            return part.getInputStream();
        }
        BufferedInputStream in = new BufferedInputStream(part.getInputStream(), 8192);
        in.mark(8192);
        byte[] peek = in.readNBytes(8192);
        in.reset();
        String start = new String(peek, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.regionMatches(true, 0, "http://", 0, 7) || start.regionMatches(true, 0, "https://", 0, 8)) {
            byte[] url = in.readNBytes(MAX_URL_BYTES + 1);
            if (url.length > MAX_URL_BYTES) {
                throw ApiException.badRequest("Invalid file parameter: the URL is longer than " + MAX_URL_BYTES
                        + " bytes.");
            }
            return fetcher.open(new String(url, StandardCharsets.UTF_8).strip());
        }
        if (start.startsWith("data:")) {
            int comma = start.indexOf(',');
            if (comma < 0 || !start.substring(0, comma).endsWith(";base64")) {
                throw ApiException.badRequest("Invalid file parameter: a data URI must be base64-encoded"
                        + " (data:<type>;base64,<data>).");
            }
            long skip = (long) peek.length - start.length() + comma + 1;
            in.skipNBytes(skip);
        }
        return new Base64Errors(Base64.getMimeDecoder().wrap(in));
    }

    /** Turns a malformed base64 payload into a 400 instead of an internal error. */
    private static final class Base64Errors extends FilterInputStream {
        Base64Errors(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IllegalArgumentException | IOException e) {
                throw invalid();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IllegalArgumentException | IOException e) {
                throw invalid();
            }
        }

        private static ApiException invalid() {
            return ApiException.badRequest("Invalid file parameter: expected binary content, base64, a data URI"
                    + " or an http(s) URL.");
        }
    }
}
