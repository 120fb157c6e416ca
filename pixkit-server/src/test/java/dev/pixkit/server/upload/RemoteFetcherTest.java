package dev.pixkit.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsExchange;
import dev.pixkit.server.support.Origin;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote-URL fetcher against real local servers: bodies, redirects, limits, timeouts, TLS with SNI and hostname
 * verification, and connections pinned to the checked address. Names ending in {@code .test} resolve through a
 * test resolver to loopback, so they exercise the name path without DNS.
 */
class RemoteFetcherTest {
    private static final byte[] BODY = random(50_000);
    private static final long MAX = 100_000;
    private static Origin origin;

    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final RemoteFetcher.Resolver resolver = host -> {
        lookups.add(host);
        if (host.endsWith(".invalid")) {
            throw new java.net.UnknownHostException(host);
        }
        return host.endsWith(".test") ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                : InetAddress.getAllByName(host);
    };

    @BeforeAll
    static void start() {
        origin = Origin.http("127.0.0.1")
                .serve("/fixed", BODY)
                .serveChunked("/chunked", BODY)
                .serve("/big", random((int) MAX + 1))
                .serveChunked("/big-chunked", random((int) MAX + 1))
                .status("/missing", 404)
                .status("/broken", 500)
                .on("/slow-headers", x -> Thread.sleep(5_000))
                .on("/slow-body", x -> {
                    x.sendResponseHeaders(200, 0);
                    for (int i = 0; i < 50; i++) {
                        x.getResponseBody().write(new byte[100]);
                        x.getResponseBody().flush();
                        Thread.sleep(100);
                    }
                })
                .on("/truncated", x -> {
                    x.sendResponseHeaders(200, 1000);
                    x.getResponseBody().write(new byte[10]);
                    x.getResponseBody().flush();
                    throw new IOException("hang up"); // the exchange closes the connection short
                })
                .on("/gzip", x -> {
                    x.getResponseHeaders().add("Content-Encoding", "gzip");
                    x.sendResponseHeaders(200, 3);
                    x.getResponseBody().write(new byte[3]);
                })
                .on("/echo", x -> {
                    byte[] target = x.getRequestURI().toString().getBytes();
                    x.sendResponseHeaders(200, target.length);
                    x.getResponseBody().write(target);
                })
                .on("/host", x -> {
                    byte[] host = x.getRequestHeaders().getFirst("Host").getBytes();
                    x.sendResponseHeaders(200, host.length);
                    x.getResponseBody().write(host);
                });
        for (int i = 1; i <= 6; i++) {
            origin.redirect("/hop" + i, 302, "/hop" + (i + 1));
        }
        origin.serve("/hop7", BODY);
        origin.redirect("/to-relative", 301, "fixed");
        origin.redirect("/to-metadata", 302, "http://169.254.169.254/latest/meta-data/");
        origin.redirect("/to-ftp", 307, "ftp://127.0.0.1/x");
        origin.redirect("/no-location", 302, null);
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    private RemoteFetcher fetcher(String allow, Duration timeout) {
        return fetcher(allow, timeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    private RemoteFetcher fetcher(String allow, Duration timeout, SSLSocketFactory tls) {
        PixkitSettings.RemoteFetch settings = PixkitSettings.fromMap(Map.of("PIXKIT_FETCH_ALLOW", allow)).remoteFetch();
        return new RemoteFetcher(new FetchPolicy(settings), timeout, MAX, tls, resolver);
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fails(Runnable fetch, int status, String... messageParts) {
        assertThatThrownBy(fetch::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(status);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }

    @Test
    void fixed_length_and_chunked_bodies_arrive_whole() {
        RemoteFetcher f = fetcher("127.0.0.1", Duration.ofSeconds(10));
        assertThat(read(f.open(origin.url("127.0.0.1", "/fixed")))).isEqualTo(BODY);
        assertThat(read(f.open(origin.url("127.0.0.1", "/chunked")))).isEqualTo(BODY);
        assertThat(read(f.open(origin.url("127.0.0.1", "/to-relative")))).isEqualTo(BODY);
    }

    @Test
    void loopback_is_refused_by_default_before_connecting() {
        int before = origin.requests().size();
        String url = origin.url("127.0.0.1", "/fixed");
        fails(() -> fetcher("", Duration.ofSeconds(10)).open(url), 400,
                "Could not fetch the file from '" + url + "'", "127.0.0.1 is a loopback address",
                "PIXKIT_FETCH_ALLOW");
        fails(() -> fetcher("", Duration.ofSeconds(10)).open(origin.url("localhost", "/fixed")), 400,
                "localhost resolves to", "loopback");
        assertThat(origin.requests()).hasSize(before);
    }

    @Test
    void a_redirect_to_the_metadata_address_is_refused_even_from_an_allowed_host() {
        String url = origin.url("127.0.0.1", "/to-metadata");
        fails(() -> fetcher("127.0.0.1", Duration.ofSeconds(10)).open(url), 400,
                "Could not fetch the file from '" + url + "' (at 'http://169.254.169.254/latest/meta-data/')",
                "169.254.169.254 is a link-local address");
    }

    @Test
    void redirects_are_limited_to_five() {
        RemoteFetcher f = fetcher("127.0.0.1", Duration.ofSeconds(10));
        assertThat(read(f.open(origin.url("127.0.0.1", "/hop2")))).isEqualTo(BODY); // 5 redirects
        fails(() -> f.open(origin.url("127.0.0.1", "/hop1")), 400, "redirected more than 5 times");
    }

    @Test
    void upstream_errors_and_odd_redirects_are_400s_naming_the_status() {
        RemoteFetcher f = fetcher("127.0.0.1", Duration.ofSeconds(10));
        fails(() -> f.open(origin.url("127.0.0.1", "/missing")), 400, "the server answered HTTP 404");
        fails(() -> f.open(origin.url("127.0.0.1", "/broken")), 400, "HTTP 500");
        fails(() -> f.open(origin.url("127.0.0.1", "/no-location")), 400, "HTTP 302 without a Location");
        fails(() -> f.open(origin.url("127.0.0.1", "/to-ftp")), 400, "is not http or https");
        fails(() -> f.open(origin.url("127.0.0.1", "/gzip")), 400, "gzip-encoded");
    }

    @Test
    void invalid_urls_are_400s() {
        RemoteFetcher f = fetcher("", Duration.ofSeconds(10));
        fails(() -> f.open("http://exa mple.com/x"), 400, "is not a valid URL");
        fails(() -> f.open("http://user:pw@example.com/x"), 400, "credentials");
        fails(() -> f.open("http:///nohost"), 400, "no valid host name");
        fails(() -> f.open("http://unresolvable.invalid/x"), 400, "could not be resolved");
    }

    @Test
    void a_declared_length_over_the_limit_is_413_and_a_chunked_body_is_cut_at_the_limit() {
        RemoteFetcher f = fetcher("127.0.0.1", Duration.ofSeconds(10));
        fails(() -> f.open(origin.url("127.0.0.1", "/big")), 413, "The file size exceeds limits");
        // chunked: the fetcher streams; the staging step counts and refuses (413) past the limit
        try (InputStream in = f.open(origin.url("127.0.0.1", "/big-chunked"))) {
            assertThat(in.readNBytes((int) MAX + 10)).hasSize((int) MAX + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void missing_headers_time_out_within_the_deadline() {
        long start = System.nanoTime();
        fails(() -> fetcher("127.0.0.1", Duration.ofSeconds(1)).open(origin.url("127.0.0.1", "/slow-headers")), 400,
                "did not send its response headers");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void a_slow_body_is_cut_at_the_total_deadline() {
        long start = System.nanoTime();
        InputStream in = fetcher("127.0.0.1", Duration.ofSeconds(1)).open(origin.url("127.0.0.1", "/slow-body"));
        fails(() -> read(in), 400, "did not finish within PIXKIT_FETCH_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void a_body_shorter_than_its_content_length_is_an_error_not_a_short_file() {
        InputStream in = fetcher("127.0.0.1", Duration.ofSeconds(5)).open(origin.url("127.0.0.1", "/truncated"));
        fails(() -> read(in), 400, "Could not fetch the file from");
    }

    @Test
    void the_request_target_is_sent_percent_encoded() {
        RemoteFetcher f = fetcher("127.0.0.1", Duration.ofSeconds(5));
        String target = new String(read(f.open(origin.url("127.0.0.1", "/echo/bl\u00e5/a%20b.png?v=\u00fc&x=1#frag"))));
        assertThat(target).isEqualTo("/echo/bl%C3%A5/a%20b.png?v=%C3%BC&x=1");
    }

    @Test
    void the_connection_goes_to_the_address_resolved_once_with_the_name_in_the_host_header() {
        lookups.clear();
        RemoteFetcher f = fetcher("images.test", Duration.ofSeconds(5));
        String host = new String(read(f.open(origin.url("images.test", "/host"))));
        assertThat(host).isEqualTo("images.test:" + origin.port());
        assertThat(lookups).containsExactly("images.test");
    }

    @Test
    void a_name_entry_does_not_cover_a_redirect_to_another_loopback_address() {
        try (Origin other = Origin.http("127.0.0.2").serve("/secret", BODY)) {
            Origin first = Origin.http("127.0.0.1").redirect("/go", 302, other.url("127.0.0.2", "/secret"));
            try (first) {
                fails(() -> fetcher("images.test", Duration.ofSeconds(5)).open(first.url("images.test", "/go")), 400,
                        "(at '" + other.url("127.0.0.2", "/secret") + "')", "127.0.0.2 is a loopback address");
                assertThat(first.requests()).containsExactly("GET /go");
                assertThat(other.requests()).isEmpty();
            }
        }
    }

    @Test
    void https_uses_the_host_name_for_sni_and_certificate_checks(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSigned(dir, "images.test");
        List<String> sni = new CopyOnWriteArrayList<>();
        try (Origin secure = Origin.https("127.0.0.1", tls).on("/img", x -> {
            ((ExtendedSSLSession) ((HttpsExchange) x).getSSLSession()).getRequestedServerNames()
                    .forEach(n -> sni.add(((SNIHostName) n).getAsciiName()));
            x.sendResponseHeaders(200, BODY.length);
            x.getResponseBody().write(BODY);
        })) {
            RemoteFetcher f = fetcher("images.test,other.test,127.0.0.1", Duration.ofSeconds(5),
                    tls.getSocketFactory());
            assertThat(read(f.open(secure.url("images.test", "/img")))).isEqualTo(BODY);
            assertThat(sni).containsExactly("images.test");
            // same address, another name: the certificate does not name it
            fails(() -> f.open(secure.url("other.test", "/img")), 400, "TLS connection to other.test failed");
            fails(() -> f.open(secure.url("127.0.0.1", "/img")), 400, "TLS connection to 127.0.0.1 failed");
            assertThat(secure.requests()).containsExactly("GET /img");
        }
    }

    /** A key pair and certificate for {@code name} made by keytool; the context trusts exactly that certificate. */
    private static SSLContext selfSigned(Path dir, String name) throws Exception {
        Path store = dir.resolve("origin.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "origin", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "san=dns:" + name, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("origin", ks.getCertificate("origin"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
