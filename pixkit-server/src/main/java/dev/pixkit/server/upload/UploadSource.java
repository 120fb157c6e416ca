package dev.pixkit.server.upload;

import dev.pixkit.server.system.ApiException;
import jakarta.servlet.http.Part;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Where an upload's bytes come from: a binary part, or a text part holding base64, a data URI or an http(s) URL.
 * Everything is streamed; nothing is held in memory whole.
 */
final class UploadSource {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private UploadSource() {}

    static InputStream open(Part part) throws IOException {
        if (part.getSubmittedFileName() != null) {
            return part.getInputStream();
        }
        BufferedInputStream in = new BufferedInputStream(part.getInputStream(), 8192);
        in.mark(8192);
        byte[] peek = in.readNBytes(8192);
        in.reset();
        String start = new String(peek, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("http://") || start.startsWith("https://")) {
            return fetch(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
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

    private static InputStream fetch(String url) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid file parameter: '" + url + "' is not a valid URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        } catch (IOException e) {
            throw ApiException.badRequest("Could not fetch the file from '" + url + "': " + e.getMessage());
        }
        if (response.statusCode() / 100 != 2) {
            response.body().close();
            throw ApiException.badRequest("Could not fetch the file from '" + url + "': HTTP " + response.statusCode()
                    + ".");
        }
        return response.body();
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
