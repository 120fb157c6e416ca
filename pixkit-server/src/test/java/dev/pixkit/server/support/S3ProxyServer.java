package dev.pixkit.server.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server on a loopback port: S3Proxy (from Maven Central, copied to {@code target/s3proxy} by
 * the build) with its filesystem backend, SigV2/V4 authentication and a fixed identity. It runs as a child process,
 * so its libraries never meet Spring's; one per test JVM, stopped at exit (and by itself if the JVM dies). Each
 * test takes a {@link #newBucket() bucket of its own}.
 */
public final class S3ProxyServer {
    public static final String IDENTITY = "pixkit-test-identity";
    public static final String CREDENTIAL = "pixkit-test-credential";
    public static final String REGION = "us-east-1";

    private static S3ProxyServer shared;
    private static final AtomicInteger buckets = new AtomicInteger();

    private final Path dir;
    private final Path log;
    private final int port;
    private final Process process;
    private final S3Client client;

    private S3ProxyServer() throws IOException {
        this.dir = Files.createTempDirectory("pixkit-s3proxy-");
        this.log = dir.resolve("s3proxy.log");
        Path data = Files.createDirectories(dir.resolve("data"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""), StandardCharsets.UTF_8);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classpath = jar() + File.pathSeparator + launcherLocation();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, S3ProxyLauncher.class.getName(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("LOG_LEVEL", "warn");
        this.process = pb.start(); // stdin stays an open pipe: its EOF tells the child we are gone
        awaitPort();
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** The JVM-wide server; started on first use (about two seconds), stopped at JVM exit. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                shared = new S3ProxyServer();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start S3Proxy", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client with full access, path-style, for setting up and inspecting buckets. */
    public S3Client client() {
        return client;
    }

    /** A new, empty bucket with a unique name. */
    public String newBucket() {
        String name = "pixkit-test-" + ProcessHandle.current().pid() + "-" + buckets.incrementAndGet();
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Every key in the bucket. */
    public List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    /** Server settings ({@code PIXKIT_*}) that store files in {@code bucket} here. */
    public Map<String, String> settings(String bucket) {
        Map<String, String> env = new HashMap<>();
        env.put("PIXKIT_STORAGE", "s3");
        env.put("PIXKIT_S3_BUCKET", bucket);
        env.put("PIXKIT_S3_ENDPOINT", endpoint().toString());
        env.put("PIXKIT_S3_PATH_STYLE", "true");
        env.put("PIXKIT_S3_REGION", REGION);
        env.put("PIXKIT_S3_ACCESS_KEY", IDENTITY);
        env.put("PIXKIT_S3_SECRET_KEY", CREDENTIAL);
        return env;
    }

    private void awaitPort() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("S3Proxy did not listen on port " + port + " within 60 s:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private synchronized void stop() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans it eventually
        }
    }

    /** S3Proxy's self-contained jar, which the build copies to {@code target/s3proxy/s3proxy.jar}. */
    private static Path jar() throws IOException {
        String configured = System.getProperty("pixkit.test.s3proxy.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Proxy jar not found at " + jar.toAbsolutePath() + ": run the tests through Maven"
                    + " (its generate-test-resources phase copies it there)");
        }
        return jar.toAbsolutePath();
    }

    private static Path launcherLocation() {
        try {
            return Path.of(S3ProxyLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
