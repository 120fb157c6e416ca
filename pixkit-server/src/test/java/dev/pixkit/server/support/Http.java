package dev.pixkit.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: real requests to the real server, JSON parsed with Jackson. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    public static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    }

    public HttpRequest.Builder authed(String pathAndQuery) {
        return request(pathAndQuery).header("Authorization", basic(TestServer.PRIVATE_KEY));
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<byte[]> getAuthed(String pathAndQuery) {
        return send(authed(pathAndQuery).GET().build());
    }

    public HttpResponse<byte[]> delete(String pathAndQuery) {
        return send(authed(pathAndQuery).DELETE().build());
    }

    /** An authenticated JSON request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) with a body. */
    public HttpResponse<byte[]> json(String method, String pathAndQuery, Object body) {
        return send(authed(pathAndQuery).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    public HttpResponse<byte[]> upload(Multipart form) {
        return send(authed("/api/v1/files/upload").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    /** Path of a delivery URL relative to the server, e.g. {@code /media/a.jpg}. */
    public static String pathOf(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
