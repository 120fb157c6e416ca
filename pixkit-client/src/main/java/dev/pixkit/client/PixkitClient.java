package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pixkit.url.signing.SignedUrls;
import dev.pixkit.url.signing.UploadSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for a Pixkit (or any ImageKit-compatible) server: uploads, file details, delete and delivery URLs, and
 * Pixkit's extensions (delete by URL, pending uploads and their commit), which only a Pixkit server offers.
 * Thread-safe; share one instance.
 *
 * <pre>{@code
 * try (var pixkit = PixkitClient.builder().baseUrl(URI.create("http://localhost:8080"))
 *         .privateKey("private_…").build()) {
 *     UploadResult up = pixkit.upload(UploadRequest.of(Path.of("cat.jpg")).folder("/animals").build());
 *     String thumb = pixkit.url(up.filePath(), "w-200,h-200");
 * }
 * }</pre>
 *
 * <p>Failed calls are retried with exponential backoff and jitter on connection errors, 408, 429 and 5xx (a server's
 * {@code x-should-retry} header overrides that choice; {@code Retry-After}, {@code retry-after-ms} and
 * {@code X-RateLimit-Reset} set the delay when they ask for less than a minute). Other 4xx are never retried, nor is an
 * upload whose body cannot be sent twice.
 */
public final class PixkitClient implements AutoCloseable {
    /** The header carrying the server's id for a request. */
    public static final String REQUEST_ID_HEADER = "x-ik-requestId";

    private static final Duration MAX_HINTED_DELAY = Duration.ofMinutes(1);

    private final URI baseUrl;
    private final String privateKey;
    private final String urlEndpoint;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final Duration uploadTimeout;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final JsonMapper json;

    private PixkitClient(Builder b) {
        this.baseUrl = stripSlash(Objects.requireNonNull(b.baseUrl, "baseUrl is required"));
        this.privateKey = b.privateKey;
        this.urlEndpoint = b.urlEndpoint != null ? trimSlash(b.urlEndpoint) : this.baseUrl + "/media";
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requestTimeout = b.requestTimeout;
        this.uploadTimeout = b.uploadTimeout;
        this.ownsHttp = b.httpClient == null;
        this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.clock = b.clock;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The API base URL, e.g. {@code http://localhost:8080}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The delivery URL endpoint, e.g. {@code http://localhost:8080/media}. */
    public String urlEndpoint() {
        return urlEndpoint;
    }

    // ---------------------------------------------------------------- API calls

    /** Uploads one file ({@code POST /api/v1/files/upload}). */
    public UploadResult upload(UploadRequest request) {
        Objects.requireNonNull(request, "request");
        Multipart body = multipart(request);
        HttpRequest http = authorized(HttpRequest.newBuilder(api("/api/v1/files/upload")))
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(body.build())
                .timeout(uploadTimeout)
                .build();
        return parse(send(http, request.replayable()), UploadResult.class);
    }

    /**
     * Uploads {@code requests} on virtual threads, at most {@code parallelism} at a time. Never throws for a failed
     * item: each result holds either the upload or the error, in the order of {@code requests}.
     */
    public List<BatchItemResult> batchUpload(List<UploadRequest> requests, int parallelism, BatchProgressListener progress) {
        Objects.requireNonNull(requests, "requests");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        BatchProgressListener listener = progress == null ? BatchProgressListener.NONE : progress;
        int total = requests.size();
        BatchItemResult[] results = new BatchItemResult[total];
        Semaphore permits = new Semaphore(parallelism);
        AtomicInteger completed = new AtomicInteger();
        Object progressLock = new Object();
        try (var executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pixkit-upload-", 0).factory())) {
            for (int i = 0; i < total; i++) {
                int index = i;
                UploadRequest request = Objects.requireNonNull(requests.get(i), "requests[" + i + "]");
                executor.execute(() -> {
                    BatchItemResult item;
                    try {
                        permits.acquire();
                        try {
                            item = BatchItemResult.success(index, request, upload(request));
                        } finally {
                            permits.release();
                        }
                    } catch (PixkitException e) {
                        item = BatchItemResult.failure(index, request, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        item = BatchItemResult.failure(index, request, new PixkitException("Upload interrupted", e));
                    } catch (RuntimeException e) {
                        item = BatchItemResult.failure(index, request,
                                new PixkitException(String.valueOf(e.getMessage()), e));
                    }
                    results[index] = item;
                    synchronized (progressLock) {
                        listener.onItemDone(item, completed.incrementAndGet(), total);
                    }
                });
            }
        }
        return List.of(results);
    }

    /** {@link #batchUpload(List, int, BatchProgressListener)} without progress reports. */
    public List<BatchItemResult> batchUpload(List<UploadRequest> requests, int parallelism) {
        return batchUpload(requests, parallelism, null);
    }

    /** A file's details ({@code GET /v1/files/{fileId}/details}). */
    public FileDetails details(String fileId) {
        return parse(detailsResponse(fileId), FileDetails.class);
    }

    /** A file's details as the JSON text the server sent, with every field it has. */
    public String detailsJson(String fileId) {
        return detailsResponse(fileId).body();
    }

    /** Deletes a file and all its versions ({@code DELETE /v1/files/{fileId}}). */
    public void delete(String fileId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(api("/v1/files/" + segment(fileId))))
                .DELETE()
                .timeout(requestTimeout)
                .build();
        send(request, true);
    }

    /**
     * Deletes the file a delivery URL names, with all its versions ({@code POST /v1/pixkit/files/deleteByUrl}, a
     * Pixkit extension): for apps that store only URLs. The URL may carry a transformation; with
     * {@code ?ik-obj-version=} only that earlier version goes. Idempotent: nothing at the URL answers
     * {@code deleted == false}. A URL outside the server's URL endpoint, or naming the current version, is a 400
     * {@link PixkitApiException}.
     */
    public DeleteByUrlResult deleteByUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        DeleteByUrlResult r = parse(postJson("/v1/pixkit/files/deleteByUrl", Map.of("url", url)),
                DeleteByUrlResult.class);
        return new DeleteByUrlResult(url, r.deleted(), r.fileId(), r.versionId());
    }

    /**
     * Deletes what each of up to 100 delivery URLs names, all or none (any invalid URL fails the call and deletes
     * nothing); one result per URL, in order. See {@link #deleteByUrl(String)}.
     */
    public List<DeleteByUrlResult> deleteByUrls(List<String> urls) {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty() || urls.size() > 100) {
            throw new IllegalArgumentException("urls must hold 1 to 100 URLs");
        }
        return parse(postJson("/v1/pixkit/files/deleteByUrl", Map.of("urls", List.copyOf(urls))),
                DeleteResults.class).results();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record DeleteResults(List<DeleteByUrlResult> results) {}

    /**
     * Commits a pending upload ({@code POST /v1/pixkit/files/{fileId}/commit}, a Pixkit extension) so that the server
     * keeps it; see {@link UploadRequest.Builder#pendingTtl}. Idempotent; a 404 {@link PixkitApiException} when the
     * file is gone (it expired, or was deleted).
     */
    public FileDetails commit(String fileId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(api("/v1/pixkit/files/" + segment(fileId) + "/commit")))
                .header("Accept", "application/json")
                .POST(BodyPublishers.noBody())
                .timeout(requestTimeout)
                .build();
        return parse(send(request, true), FileDetails.class);
    }

    // ---------------------------------------------------------------- URLs

    /** The delivery URL of {@code path} (a file path such as {@code /folder/a.jpg}). */
    public String url(String path) {
        return urlEndpoint + "/" + target(path, null);
    }

    /** The delivery URL of {@code path} with a transformation such as {@code w-300,h-200} (query form). */
    public String url(String path, String transformation) {
        return urlEndpoint + "/" + target(path, transformation);
    }

    /** A signed delivery URL that expires after {@code expiresIn}, or never when it is {@code null}. */
    public String signedUrl(String path, Duration expiresIn) {
        return signedUrl(path, null, expiresIn);
    }

    /** A signed delivery URL with a transformation; see {@link #signedUrl(String, Duration)}. */
    public String signedUrl(String path, String transformation, Duration expiresIn) {
        Instant expiresAt = expiresIn == null ? null : clock.instant().plus(expiresIn);
        return SignedUrls.sign(requireKey(), urlEndpoint, target(path, transformation), expiresAt);
    }

    /** Token, expiry and signature for a client-side (browser) upload, valid for 30 minutes as in the SDKs. */
    public UploadSignature authenticationParameters() {
        return UploadSignature.create(requireKey(), clock.instant(), Duration.ofMinutes(30));
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    // ---------------------------------------------------------------- internals

    /** POSTs {@code body} as JSON; the calls using it are idempotent, so they are retried like GETs. */
    private HttpResponse<String> postJson(String path, Object body) {
        HttpRequest request = authorized(HttpRequest.newBuilder(api(path)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .timeout(requestTimeout)
                .build();
        return send(request, true);
    }

    private HttpResponse<String> detailsResponse(String fileId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(api("/v1/files/" + segment(fileId) + "/details")))
                .header("Accept", "application/json")
                .GET()
                .timeout(requestTimeout)
                .build();
        return send(request, true);
    }

    private Multipart multipart(UploadRequest r) {
        Multipart m = new Multipart();
        m.field("fileName", r.fileName());
        if (r.folder() != null) {
            m.field("folder", r.folder());
        }
        if (r.useUniqueFileName() != null) {
            m.field("useUniqueFileName", r.useUniqueFileName().toString());
        }
        if (r.tags() != null) {
            m.field("tags", String.join(",", r.tags()));
        }
        if (r.isPrivateFile() != null) {
            m.field("isPrivateFile", r.isPrivateFile().toString());
        }
        if (r.isPublished() != null) {
            m.field("isPublished", r.isPublished().toString());
        }
        if (r.customCoordinates() != null) {
            m.field("customCoordinates", r.customCoordinates());
        }
        if (r.customMetadata() != null) {
            m.field("customMetadata", json.writeValueAsString(r.customMetadata()));
        }
        if (r.description() != null) {
            m.field("description", r.description());
        }
        if (r.overwriteFile() != null) {
            m.field("overwriteFile", r.overwriteFile().toString());
        }
        if (r.responseFields() != null) {
            m.field("responseFields", String.join(",", r.responseFields()));
        }
        if (r.pendingTtl() != null) {
            m.field("pendingTtl", Long.toString(r.pendingTtl().toSeconds()));
        }
        switch (r.content()) {
            case UploadRequest.FileContent f -> m.file("file", r.fileName(), Multipart.fileBody(f.path()));
            case UploadRequest.BytesContent b -> m.file("file", r.fileName(), BodyPublishers.ofByteArray(b.bytes()));
            case UploadRequest.StreamContent s -> m.file("file", r.fileName(), streamBody(s));
            case UploadRequest.TextContent t -> m.field("file", t.value());
        }
        return m;
    }

    private static BodyPublisher streamBody(UploadRequest.StreamContent s) {
        Supplier<InputStream> opener = () -> Objects.requireNonNull(s.opener().get(), "the stream opener returned null");
        BodyPublisher publisher = BodyPublishers.ofInputStream(opener);
        return s.length() >= 0 ? BodyPublishers.fromPublisher(publisher, s.length()) : publisher;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        String token = Base64.getEncoder().encodeToString((requireKey() + ":").getBytes(StandardCharsets.UTF_8));
        return builder.header("Authorization", "Basic " + token)
                .header("User-Agent", "pixkit-java-client");
    }

    private String requireKey() {
        if (privateKey == null) {
            throw new IllegalStateException("This PixkitClient has no private key; set one with builder().privateKey(…)");
        }
        return privateKey;
    }

    /** Sends {@code request}, retrying as the class describes; returns only 2xx responses. */
    private HttpResponse<String> send(HttpRequest request, boolean replayable) {
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = replayable && attempt < maxRetries;
            HttpResponse<String> response;
            try {
                response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (mayRetry) {
                    pause(backoff(attempt));
                    continue;
                }
                throw new PixkitConnectionException(request.method() + " " + request.uri() + " failed"
                        + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + describe(e, request.uri()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PixkitException("Interrupted during " + request.method() + " " + request.uri(), e);
            } catch (UnsupportedOperationException | IllegalStateException | IllegalArgumentException e) {
                throw new PixkitException(String.valueOf(e.getMessage()), e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            if (mayRetry && shouldRetry(response)) {
                int retry = attempt;
                pause(retryDelay(response).orElseGet(() -> backoff(retry)));
                continue;
            }
            throw apiError(response);
        }
    }

    static boolean shouldRetry(HttpResponse<?> response) {
        Optional<String> hint = response.headers().firstValue("x-should-retry");
        if (hint.isPresent()) {
            if (hint.get().equalsIgnoreCase("true")) {
                return true;
            }
            if (hint.get().equalsIgnoreCase("false")) {
                return false;
            }
        }
        int status = response.statusCode();
        return status == 408 || status == 429 || status >= 500;
    }

    /** The delay a response asks for through its headers, when it asks for something between 0 and one minute. */
    Optional<Duration> retryDelay(HttpResponse<?> response) {
        var headers = response.headers();
        Optional<Duration> hinted = headers.firstValue("retry-after-ms").flatMap(PixkitClient::millis)
                .or(() -> headers.firstValue("Retry-After").flatMap(this::retryAfter))
                .or(() -> headers.firstValue("X-RateLimit-Reset").flatMap(PixkitClient::millis));
        return hinted.filter(d -> !d.isNegative() && d.compareTo(MAX_HINTED_DELAY) <= 0);
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Duration> retryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** {@code initialBackoff · 2^attempt}, capped at {@code maxBackoff}, minus up to 25% of random jitter. */
    Duration backoff(int attempt) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.min(attempt, 30));
        double capped = Math.min(base, maxBackoff.toMillis());
        double jitter = 1 - ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PixkitException("Interrupted while waiting to retry", e);
        }
    }

    private PixkitApiException apiError(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String requestId = response.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
        String message = null;
        String help = null;
        try {
            ErrorBody error = json.readValue(body, ErrorBody.class);
            if (error != null) {
                message = error.message();
                help = error.help();
            }
        } catch (JacksonException notJson) {
            // fall back to the raw text below
        }
        if (message == null || message.isBlank()) {
            String text = body.strip();
            message = text.isEmpty() || text.length() > 500 ? "HTTP " + response.statusCode() : text;
        }
        return new PixkitApiException(response.statusCode(), message, help, requestId, body);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ErrorBody(String message, String help) {}

    private <T> T parse(HttpResponse<String> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new PixkitException("Unexpected response from " + response.uri() + ": " + e.getOriginalMessage(), e);
        }
    }

    private URI api(String path) {
        return URI.create(baseUrl + path);
    }

    private static String describe(IOException e, URI uri) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect to " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + " (is the server running?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI result = URI.create(s);
        if (result.getScheme() == null || result.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + uri);
        }
        return result;
    }

    private static String trimSlash(String s) {
        String r = s.strip();
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** A path segment, percent-encoded (for file ids, which are normally plain alphanumerics). */
    static String segment(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("fileId is required");
        }
        return encode(s, "-._~!$&'()*+,;=:@");
    }

    /** The URL part after the endpoint: the path without its leading slash, and {@code ?tr=…} when transformed. */
    static String target(String path, String transformation) {
        Objects.requireNonNull(path, "path");
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        String encoded = encode(p, "-._~!$&'()*+,;=:@/%");
        if (transformation == null || transformation.isBlank()) {
            return encoded;
        }
        String tr = transformation.strip();
        if (tr.startsWith("tr:")) {
            tr = tr.substring(3);
        }
        return encoded + (encoded.contains("?") ? "&" : "?") + "tr=" + encode(tr, "-._~!$'()*+,;:@/%");
    }

    /** Percent-encodes UTF-8 bytes except ASCII letters, digits and {@code safe}. */
    private static String encode(String s, String safe) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Configures a {@link PixkitClient}. Only {@link #baseUrl(URI)} is required; API calls also need a private key. */
    public static final class Builder {
        private URI baseUrl;
        private String privateKey;
        private String urlEndpoint;
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration uploadTimeout = Duration.ofMinutes(10);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Where the API is served, e.g. {@code http://localhost:8080}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl));
        }

        /** The private API key, sent as the HTTP Basic user name; also signs URLs. */
        public Builder privateKey(String privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /** The delivery URL endpoint; defaults to {@code <baseUrl>/media}, Pixkit's default. */
        public Builder urlEndpoint(String urlEndpoint) {
            this.urlEndpoint = urlEndpoint;
            return this;
        }

        /** Retries after the first attempt (default 2); 0 disables retrying. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The delay before the first retry (default 500 ms); doubles with each further retry. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = requirePositive(initialBackoff, "initialBackoff");
            return this;
        }

        /** The longest computed delay between retries (default 8 s). */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = requirePositive(maxBackoff, "maxBackoff");
            return this;
        }

        /** Connect timeout of the client's own {@link HttpClient} (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for the response of a details or delete call (default 60 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long to wait for the response of an upload, body included (default 10 min). */
        public Builder uploadTimeout(Duration uploadTimeout) {
            this.uploadTimeout = requirePositive(uploadTimeout, "uploadTimeout");
            return this;
        }

        /** An {@link HttpClient} to use instead of the client's own; it is not closed by {@link #close()}. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The clock used for URL and upload-signature expiry (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PixkitClient build() {
            return new PixkitClient(this);
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
