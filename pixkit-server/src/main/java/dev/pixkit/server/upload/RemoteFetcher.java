package dev.pixkit.server.upload;

import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.server.system.PixkitSettings.Cidr;
import dev.pixkit.server.system.UploadLimits;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fetches the bytes of a remote-URL upload without letting the URL reach what the server can but the caller
 * should not (SSRF). For every hop — the URL and each redirect target — the host is resolved once, every resolved
 * address is checked by {@link FetchPolicy}, and the connection goes to one of those very addresses (a plain socket
 * to the IP, TLS layered on it with the host name for SNI and certificate checks), so a DNS answer that changes
 * between check and connect (rebinding) cannot redirect it. The HTTP/1.1 client is minimal on purpose: one GET,
 * {@code Connection: close}, no compression, {@code Content-Length}, chunked or read-to-close bodies.
 *
 * <p>Limits: {@link #CONNECT_TIMEOUT} per connection attempt, response headers within {@link #HEADERS_TIMEOUT} of
 * each request (ImageKit documents 8 s), {@code PIXKIT_FETCH_TIMEOUT} for everything, {@link #MAX_REDIRECTS}
 * redirects, and {@code PIXKIT_MAX_UPLOAD_BYTES} for the body (413). Failures are 400s naming the URL and the reason.
 */
@Component
class RemoteFetcher {
    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(8);
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Logger log = LoggerFactory.getLogger(RemoteFetcher.class);

    /** Host name → addresses; the system resolver in production. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final FetchPolicy policy;
    private final Duration timeout;
    private final long maxBytes;
    private final SSLSocketFactory tls;
    private final Resolver resolver;

    @Autowired
    RemoteFetcher(PixkitSettings settings) {
        this(new FetchPolicy(settings.remoteFetch()), settings.remoteFetch().timeout(), settings.maxUploadBytes(),
                (SSLSocketFactory) SSLSocketFactory.getDefault(), InetAddress::getAllByName);
    }

    RemoteFetcher(FetchPolicy policy, Duration timeout, long maxBytes, SSLSocketFactory tls, Resolver resolver) {
        this.policy = policy;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.tls = tls;
        this.resolver = resolver;
    }

    /**
     * The body of {@code url} after at most {@link #MAX_REDIRECTS} redirects. Reading it may still fail with an
     * {@link ApiException} (timeout, truncated body); closing it closes the connection.
     */
    InputStream open(String url) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = target(url, url, null);
        for (int redirects = 0; ; redirects++) {
            Response response = request(url, uri, deadline);
            if (REDIRECTS.contains(response.status)) {
                String location = response.headers.get("location");
                response.close();
                if (location == null) {
                    throw fail(url, uri, "the server answered HTTP " + response.status + " without a Location");
                }
                if (redirects == MAX_REDIRECTS) {
                    throw fail(url, uri, "it redirected more than " + MAX_REDIRECTS + " times");
                }
                uri = target(location, url, uri);
                continue;
            }
            if (response.status / 100 != 2) {
                response.close();
                throw fail(url, uri, "the server answered HTTP " + response.status);
            }
            return response.body(url, uri, maxBytes);
        }
    }

    /** {@code text} as an absolute http(s) URI, resolved against {@code base} (a redirect) when that is set. */
    private static URI target(String text, String url, URI base) {
        URI uri;
        try {
            uri = new URI(text.strip());
            if (base != null) {
                uri = base.resolve(uri);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw base == null ? fail(url, null, "it is not a valid URL")
                    : fail(url, base, "it redirected to '" + text + "', which is not a valid URL");
        }
        String what = base == null ? "the URL" : "the redirect target " + uri;
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw fail(url, base, what + " is not http or https");
        }
        if (uri.getHost() == null) {
            throw fail(url, base, what + " has no valid host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw fail(url, base, what + " contains credentials, which are not supported");
        }
        return uri;
    }

    private Response request(String url, URI uri, long deadline) {
        long headersDeadline = Math.min(deadline, System.nanoTime() + HEADERS_TIMEOUT.toNanos());
        String hostHeader = uri.getHost();
        String host = hostHeader.startsWith("[") ? hostHeader.substring(1, hostHeader.length() - 1) : hostHeader;
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;

        List<InetAddress> addresses = resolve(url, uri, host, deadline);
        Optional<String> refusal = policy.refusal(host, addresses);
        if (refusal.isPresent()) {
            log.info("Refused to fetch {}: {}", uri, refusal.get());
            throw fail(url, uri, refusal.get());
        }
        Socket socket = connect(url, uri, addresses, port, deadline);
        try {
            if (https) {
                socket = secure(socket, host, port);
            }
            DeadlineStream in = new DeadlineStream(socket, headersDeadline);
            if (socket instanceof SSLSocket ssl) {
                in.beforeBlocking();
                ssl.startHandshake();
            }
            URI ascii = URI.create(uri.toASCIIString()); // non-ASCII path characters percent-encoded as UTF-8
            String target = (ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath())
                    + (ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery());
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader + (uri.getPort() >= 0 ? ":" + port : "") + "\r\n"
                    + "User-Agent: Pixkit\r\n"
                    + "Accept: */*\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n";
            in.beforeBlocking();
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedInputStream buffered = new BufferedInputStream(in, 16 * 1024);
            Response response;
            do {
                response = readHead(buffered, socket, in);
            } while (response.status / 100 == 1 && response.status != 101);
            in.deadline = deadline;
            return response;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e instanceof ApiException api ? api : fail(url, uri, reason(e, uri));
        }
    }

    private List<InetAddress> resolve(String url, URI uri, String host, long deadline) {
        FutureTask<InetAddress[]> lookup = new FutureTask<>(() -> resolver.resolve(host));
        Thread.ofVirtual().name("pixkit-resolve").start(lookup);
        try {
            InetAddress[] found = lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            List<InetAddress> addresses = new ArrayList<>();
            for (InetAddress a : found) {
                addresses.add(AddressClassifier.canonical(a));
            }
            if (addresses.isEmpty()) {
                throw fail(url, uri, "the host " + host + " could not be resolved");
            }
            return addresses;
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw fail(url, uri, "resolving " + host + " timed out");
        } catch (ExecutionException e) {
            throw fail(url, uri, "the host " + host + " could not be resolved");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(url, uri, "the server is shutting down");
        }
    }

    /** A socket to the first of {@code addresses} that accepts; they were all checked. */
    private static Socket connect(String url, URI uri, List<InetAddress> addresses, int port, long deadline) {
        IOException last = null;
        for (InetAddress address : addresses) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                int millis = (int) Math.max(1, Math.min(CONNECT_TIMEOUT.toMillis(),
                        TimeUnit.NANOSECONDS.toMillis(remaining)));
                socket.connect(new InetSocketAddress(address, port), millis);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        if (last == null || last instanceof SocketTimeoutException) {
            throw fail(url, uri, "connecting to " + uri.getHost() + ":" + port + " timed out");
        }
        throw fail(url, uri, "could not connect to " + uri.getHost() + ":" + port + " (" + last.getMessage() + ")");
    }

    /** TLS over the connected socket; the host name (not the address) is used for SNI and hostname verification. */
    private Socket secure(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (Cidr.parse(host) == null) { // SNI takes names only
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        return ssl;
    }

    private static Response readHead(BufferedInputStream in, Socket socket, DeadlineStream raw) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection closed before the response headers were complete");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("the response headers are larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1
                        : line.length();
                String text = line.substring(0, end);
                line.setLength(0);
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // tolerate blank lines before the status line
                    }
                    break;
                }
                lines.add(text);
            } else {
                line.append((char) c);
            }
        }
        String status = lines.getFirst();
        if (!status.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
            throw new IOException("the response is not HTTP/1.x");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the response has a malformed header line");
            }
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Response(Integer.parseInt(status.substring(9, 12)), headers, in, socket, raw);
    }

    private static String reason(Exception e, URI uri) {
        if (e instanceof SocketTimeoutException) {
            return "the server did not send its response headers within " + HEADERS_TIMEOUT.toSeconds()
                    + " s (or within PIXKIT_FETCH_TIMEOUT)";
        }
        if (e instanceof SSLException) {
            return "the TLS connection to " + uri.getHost() + " failed (" + e.getMessage() + ")";
        }
        if (e instanceof ConnectException) {
            return "could not connect to " + uri.getHost() + " (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? "the connection failed" : e.getMessage();
    }

    private static ApiException fail(String url, URI hop, String reason) {
        String via = hop == null || hop.toString().equals(url) ? "" : " (at '" + hop + "')";
        return ApiException.badRequest("Could not fetch the file from '" + url + "'" + via + ": " + reason + ".");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** A response whose head has been read; {@link #body} or {@link #close} must follow. */
    private record Response(int status, Map<String, String> headers, BufferedInputStream in, Socket socket,
            DeadlineStream raw) {
        void close() {
            closeQuietly(socket);
        }

        InputStream body(String url, URI uri, long maxBytes) {
            try {
                String encoding = headers.get("content-encoding");
                if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
                    throw fail(url, uri, "the server sent a " + encoding + "-encoded body although none was asked"
                            + " for");
                }
                String transfer = headers.get("transfer-encoding");
                String length = headers.get("content-length");
                InputStream body;
                if (transfer != null) {
                    if (!transfer.equalsIgnoreCase("chunked")) {
                        throw fail(url, uri, "the server sent an unsupported Transfer-Encoding (" + transfer + ")");
                    }
                    body = new Chunked(in);
                } else if (length != null) {
                    long n;
                    try {
                        n = Long.parseLong(length);
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        throw fail(url, uri, "the server sent an invalid Content-Length");
                    }
                    if (n > maxBytes) {
                        throw tooLarge();
                    }
                    body = new Sized(in, n);
                } else {
                    body = in;
                }
                return new Errors(body, socket, url, uri);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Every read waits at most until {@link #deadline} ({@link System#nanoTime()}), through the socket timeout. */
    private static final class DeadlineStream extends FilterInputStream {
        private final Socket socket;
        volatile long deadline;

        DeadlineStream(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        void beforeBlocking() throws IOException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    TimeUnit.NANOSECONDS.toMillis(remaining) + 1)));
        }

        @Override
        public int read() throws IOException {
            beforeBlocking();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            beforeBlocking();
            return super.read(b, off, len);
        }
    }

    /** Exactly {@code length} bytes; fewer (the server closed early) is an error, not a shorter file. */
    private static final class Sized extends FilterInputStream {
        private long left;

        Sized(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }

    /** {@code Transfer-Encoding: chunked}; trailers are read and dropped, a missing last chunk is an error. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = nextChunkSize();
                if (left == 0) {
                    while (!line().isEmpty()) {
                        // trailer fields: not used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed inside a chunk");
            }
            left -= n;
            if (left == 0 && !line().isEmpty()) {
                throw new IOException("the chunked body is malformed");
            }
            return n;
        }

        private long nextChunkSize() throws IOException {
            String size = line();
            int semicolon = size.indexOf(';');
            String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex.matches("[0-9a-fA-F]+")) {
                throw new IOException("the chunked body is malformed");
            }
            return Long.parseLong(hex, 16);
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("the connection closed inside the chunked body");
                }
                if (s.length() > 4096) {
                    throw new IOException("the chunked body is malformed");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }
    }

    /** Turns read failures into 400s that name the URL, and closes the connection with the stream. */
    private static final class Errors extends FilterInputStream {
        private final Socket socket;
        private final String url;
        private final URI uri;

        Errors(InputStream in, Socket socket, String url, URI uri) {
            super(in);
            this.socket = socket;
            this.url = url;
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private ApiException failure(IOException e) {
            closeQuietly(socket);
            return e instanceof SocketTimeoutException
                    ? fail(url, uri, "the download did not finish within PIXKIT_FETCH_TIMEOUT")
                    : fail(url, uri, reason(e, uri));
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }

    /** The 413 of an upload whose declared remote size is already beyond the limit. */
    static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, UploadLimits.TOO_LARGE_MESSAGE);
    }
}
