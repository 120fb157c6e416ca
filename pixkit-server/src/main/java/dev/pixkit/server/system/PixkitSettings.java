package dev.pixkit.server.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pixkit's configuration, read once from environment variables ({@code PIXKIT_PORT}) or the equivalent properties
 * ({@code pixkit.port}); a property wins over the variable. {@link #load} validates every value and reports all
 * problems at once, each naming the setting, so a bad deployment fails before anything starts.
 */
public record PixkitSettings(
        int port,
        Path dataDir,
        URI urlEndpoint,
        String privateKey,
        String publicKey,
        String dbUrl,
        String dbUser,
        String dbPassword,
        long maxUploadBytes,
        int vipsConcurrency,
        TransformLimits transformLimits,
        Path namedTransformations,
        Delivery delivery,
        RemoteFetch remoteFetch,
        Storage storage,
        Duration pendingReaperPeriod,
        Duration fsckGrace) {

    /** Where file bytes live ({@code PIXKIT_STORAGE}); staging and caches always stay under the data dir. */
    public sealed interface Storage permits Storage.Local, Storage.S3 {
        /** {@code <dataDir>/blobs/ab/cd/<sha256>}. */
        record Local() implements Storage {}

        /**
         * An S3 bucket, on AWS or any S3-compatible store.
         *
         * @param bucket        the bucket, which must exist
         * @param region        signing region (S3-compatible stores usually accept any, e.g. us-east-1)
         * @param endpoint      the store's URL for S3-compatible stores; null for AWS's endpoint of the region
         * @param pathStyle     {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
         * @param prefix        prepended to every key; empty or ending in {@code /}
         * @param accessKey     static credentials; null (with {@code secretKey}) for the SDK's default provider chain
         * @param secretKey     see {@code accessKey}
         * @param cacheMaxBytes disk budget of the local read-through cache of originals ({@code <dataDir>/blob-cache})
         */
        record S3(String bucket, String region, URI endpoint, boolean pathStyle, String prefix, String accessKey,
                String secretKey, long cacheMaxBytes) implements Storage {
            @Override
            public String toString() {
                return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle="
                        + pathStyle + ", prefix=" + prefix + ", accessKey=" + accessKey + ", secretKey="
                        + (secretKey == null ? null : "***") + ", cacheMaxBytes=" + cacheMaxBytes + "]";
            }
        }
    }

    /**
     * How renditions are produced and kept.
     *
     * @param cacheMaxBytes  disk budget of the result cache ({@code <dataDir>/cache}); 0 disables it
     * @param cacheControl   Cache-Control of public files (private files always get {@code private, no-store})
     * @param renderThreads  renders that run at once
     * @param renderQueue    renders that may wait for a thread; beyond it requests get 503 with Retry-After
     */
    public record Delivery(long cacheMaxBytes, String cacheControl, int renderThreads, int renderQueue) {}

    /**
     * Bounds on what one delivery request may ask libvips to do, each checked once before any decode.
     *
     * @param maxSourcePixels largest source (and layer image) in pixels, per frame for animations
     * @param maxOutputSide   largest width or height of a rendered image
     * @param maxChainLength  most steps in a transformation chain (named transformations expanded)
     * @param maxLayerDepth   deepest nesting of layers
     */
    public record TransformLimits(long maxSourcePixels, int maxOutputSide, int maxChainLength, int maxLayerDepth) {}

    /**
     * Uploads whose {@code file} is an http(s) URL. Pixkit refuses to fetch from non-public addresses (loopback,
     * private, link-local, CGNAT, multicast, unspecified…) unless an allow entry covers them.
     *
     * @param allowedNetworks addresses that may be fetched from although they are not public, whatever name led there
     * @param allowedHosts    host names (lower case; {@code *.example.com} covers the subdomains) whose addresses may
     *                        be fetched from whatever they resolve to
     * @param timeout         deadline for the whole fetch: every redirect, the headers and the body
     */
    public record RemoteFetch(List<Cidr> allowedNetworks, List<String> allowedHosts, Duration timeout) {
        public RemoteFetch {
            allowedNetworks = List.copyOf(allowedNetworks);
            allowedHosts = List.copyOf(allowedHosts);
        }
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. */
    public record Cidr(InetAddress network, int prefixLength) {
        private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        /** Dotted quads only, without leading zeros: anything else could make the JDK do a DNS lookup. */
        private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

        /** Parses without any DNS lookup; null when {@code text} is not an address literal with an optional prefix. */
        public static Cidr parse(String text) {
            String s = text.strip();
            int slash = s.indexOf('/');
            String address = slash < 0 ? s : s.substring(0, slash);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                return null;
            }
            InetAddress ip;
            try {
                ip = InetAddress.getByName(address); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return null;
            }
            int bits = ip.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > bits) {
                    return null;
                }
            }
            return new Cidr(ip, prefix);
        }

        /** True when {@code address} is of the same family and its first {@code prefixLength} bits match. */
        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            byte[] n = network.getAddress();
            if (a.length != n.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixLength;
        }
    }

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    /** Settings from the process environment and system properties. */
    public static PixkitSettings fromEnvironment() {
        return load(name -> {
            String property = System.getProperty("pixkit." + name.substring("PIXKIT_".length()).toLowerCase(Locale.ROOT).replace('_', '-'));
            return property != null ? property : System.getenv(name);
        });
    }

    /** Settings from a map of variable names ({@code PIXKIT_PORT} → value); handy for tests. */
    public static PixkitSettings fromMap(Map<String, String> values) {
        return load(values::get);
    }

    static PixkitSettings load(Function<String, String> lookup) {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(lookup, problems);

        int port = r.integer("PIXKIT_PORT", 8080, 0, 65535);
        Path dataDir = Path.of(r.text("PIXKIT_DATA_DIR", "./data")).toAbsolutePath().normalize();
        URI endpoint = r.endpoint("PIXKIT_URL_ENDPOINT", "http://localhost:" + port + "/media");
        String privateKey = r.key("PIXKIT_PRIVATE_KEY");
        String publicKey = r.key("PIXKIT_PUBLIC_KEY");
        String dbUrl = r.text("PIXKIT_DB_URL", null);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add("PIXKIT_DB_URL must start with jdbc:sqlite: or jdbc:postgresql: (got '" + dbUrl + "')");
        }
        if (dbUrl == null) {
            dbUrl = "jdbc:sqlite:" + dataDir.resolve("pixkit.db");
        }
        String dbUser = r.text("PIXKIT_DB_USER", null);
        String dbPassword = r.text("PIXKIT_DB_PASSWORD", null);
        long maxUpload = r.size("PIXKIT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES);
        int concurrency = r.integer("PIXKIT_VIPS_CONCURRENCY", 0, 0, 1024);
        TransformLimits limits = new TransformLimits(
                r.longInteger("PIXKIT_MAX_SRC_PIXELS", 100_000_000L, 1, 1L << 40),
                r.integer("PIXKIT_MAX_OUTPUT_SIDE", 8192, 1, 65_535),
                r.integer("PIXKIT_MAX_CHAIN_LENGTH", 20, 1, 100),
                r.integer("PIXKIT_MAX_LAYER_DEPTH", 3, 0, 10));
        int cores = Runtime.getRuntime().availableProcessors();
        Delivery delivery = new Delivery(
                r.sizeOrZero("PIXKIT_CACHE_MAX_BYTES", 1L << 30),
                r.text("PIXKIT_CACHE_CONTROL", "public, max-age=3600"),
                r.integer("PIXKIT_RENDER_THREADS", cores, 1, 256),
                r.integer("PIXKIT_RENDER_QUEUE", 8 * cores, 0, 100_000));
        if (delivery.cacheControl().chars().anyMatch(c -> c < ' ' || c > '~')) {
            problems.add("PIXKIT_CACHE_CONTROL must be printable ASCII (got '" + delivery.cacheControl() + "')");
        }
        String named = r.text("PIXKIT_NAMED_TRANSFORMATIONS", null);
        Path namedFile = named == null ? dataDir.resolve("named-transformations.properties")
                : Path.of(named).toAbsolutePath().normalize();
        if (named != null && !java.nio.file.Files.isReadable(namedFile)) {
            problems.add("PIXKIT_NAMED_TRANSFORMATIONS names a file that cannot be read: " + namedFile);
        }

        RemoteFetch remoteFetch = r.remoteFetch("PIXKIT_FETCH_ALLOW", "PIXKIT_FETCH_TIMEOUT");
        Storage storage = r.storage();
        // how often expired pending uploads are looked for (a deadline is kept to within about this much)
        Duration reaperPeriod = Duration.ofMillis(r.longInteger("PIXKIT_PENDING_REAPER_PERIOD_MS", 5000, 10,
                3_600_000));
        Duration fsckGrace = r.duration("PIXKIT_FSCK_GRACE", Duration.ofHours(1));

        if ((privateKey == null) != (publicKey == null)) {
            problems.add("PIXKIT_PRIVATE_KEY and PIXKIT_PUBLIC_KEY must be set together (or both left unset to generate a pair)");
        }
        if (privateKey != null && privateKey.equals(publicKey)) {
            problems.add("PIXKIT_PRIVATE_KEY and PIXKIT_PUBLIC_KEY must differ");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new PixkitSettings(port, dataDir, endpoint, privateKey, publicKey, dbUrl, dbUser, dbPassword,
                maxUpload, concurrency, limits, namedFile, delivery, remoteFetch, storage,
                reaperPeriod, fsckGrace);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /**
     * A duration as {@code 0}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d} (a bare number is seconds) or ISO-8601
     * ({@code PT1H}); never negative.
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    public static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        var m = DURATION.matcher(s);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            Duration d = Duration.parse(text.strip());
            if (!d.isNegative()) {
                return d;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("not a duration (use e.g. 0, 90s, 30m, 1h, 2d or PT1H): '" + text + "'");
    }

    /** The path under which originals are delivered, e.g. {@code /media}; never empty or {@code /}. */
    public String deliveryPath() {
        return urlEndpoint.getRawPath();
    }

    /**
     * The largest upload request body any valid upload can need: the file limit grown by base64's 4/3, plus 1 MB for
     * the other fields and multipart framing.
     */
    public long maxUploadRequestBytes() {
        return maxUploadBytes + maxUploadBytes / 3 + 1024 * 1024;
    }

    public boolean usesPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    /** The same settings with the keys that were generated or read from the data dir. */
    public PixkitSettings withKeys(String privateKey, String publicKey) {
        return new PixkitSettings(port, dataDir, urlEndpoint, privateKey, publicKey, dbUrl, dbUser, dbPassword,
                maxUploadBytes, vipsConcurrency, transformLimits, namedTransformations, delivery, remoteFetch, storage,
                pendingReaperPeriod, fsckGrace);
    }

    private record Reader(Function<String, String> lookup, List<String> problems) {
        String text(String name, String fallback) {
            String v = lookup.apply(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        int integer(String name, int fallback, int min, int max) {
            return (int) longInteger(name, fallback, min, max);
        }

        long longInteger(String name, long fallback, long min, long max) {
            String v = text(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(v.replace("_", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(name + " must be an integer from " + min + " to " + max + " (got '" + v + "')");
            return fallback;
        }

        Duration duration(String name, Duration fallback) {
            String v = text(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                return parseDuration(v);
            } catch (IllegalArgumentException e) {
                problems.add(name + " must be a duration such as 0, 90s, 30m, 1h, 2d or PT1H (got '" + v + "')");
                return fallback;
            }
        }

        /** Like {@link #size} but 0 is allowed (it switches the feature off). */
        long sizeOrZero(String name, long fallback) {
            String v = text(name, null);
            return v != null && v.equals("0") ? 0 : size(name, fallback);
        }

        long size(String name, long fallback) {
            String v = text(name, null);
            if (v == null) {
                return fallback;
            }
            String s = v.toUpperCase(Locale.ROOT).replace(" ", "");
            long unit = 1;
            for (var suffix : List.of(Map.entry("GB", 1L << 30), Map.entry("MB", 1L << 20), Map.entry("KB", 1L << 10), Map.entry("B", 1L))) {
                if (s.endsWith(suffix.getKey())) {
                    unit = suffix.getValue();
                    s = s.substring(0, s.length() - suffix.getKey().length());
                    break;
                }
            }
            try {
                long n = Math.multiplyExact(Long.parseLong(s), unit);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException | ArithmeticException ignored) {
                // reported below
            }
            problems.add(name + " must be a positive number of bytes, optionally with KB, MB or GB (got '" + v + "')");
            return fallback;
        }

        URI endpoint(String name, String fallback) {
            String v = text(name, fallback);
            try {
                URI uri = new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add(name + " must be an absolute http(s) URL such as http://localhost:8080/media (got '" + v + "')");
                } else if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
                    problems.add(name + " needs a path prefix such as /media, because /api and /v1 are the API (got '" + v + "')");
                } else if (uri.getRawPath().startsWith("/api/") || uri.getRawPath().equals("/api")
                        || uri.getRawPath().startsWith("/v1/") || uri.getRawPath().equals("/v1")) {
                    problems.add(name + " path must not be under /api or /v1, which the API uses (got '" + v + "')");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problems.add(name + " must not have a query or fragment (got '" + v + "')");
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(name + " is not a valid URL: " + e.getMessage());
                return URI.create("http://localhost/media");
            }
        }

        /**
         * {@code allowName}: comma-separated CIDRs, addresses and host names; {@code timeoutName}: seconds for the
         * whole fetch.
         */
        RemoteFetch remoteFetch(String allowName, String timeoutName) {
            List<Cidr> networks = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            String allow = text(allowName, "");
            for (String raw : allow.split(",")) {
                String entry = raw.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                Cidr cidr = Cidr.parse(entry);
                String host = entry.toLowerCase(Locale.ROOT);
                host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                if (cidr != null) {
                    networks.add(cidr);
                } else if (HOST_PATTERN.matcher(host).matches() && !host.matches("[0-9.]+")) {
                    hosts.add(host);
                } else {
                    problems.add(allowName + " entries must be addresses, CIDR ranges (10.0.0.0/8, fd00::/8) or host"
                            + " names (images.internal, *.example.com); '" + entry + "' is none of them");
                }
            }
            int seconds = integer(timeoutName, 60, 1, 3600);
            return new RemoteFetch(networks, hosts, Duration.ofSeconds(seconds));
        }

        /** {@code PIXKIT_STORAGE} and, for {@code s3}, the {@code PIXKIT_S3_*} settings. */
        Storage storage() {
            String kind = text("PIXKIT_STORAGE", "local").toLowerCase(Locale.ROOT);
            String bucket = text("PIXKIT_S3_BUCKET", null);
            if (kind.equals("local")) {
                if (bucket != null) {
                    problems.add("PIXKIT_S3_BUCKET is set but PIXKIT_STORAGE is local: set PIXKIT_STORAGE=s3 to store"
                            + " files in the bucket, or unset PIXKIT_S3_BUCKET");
                }
                return new Storage.Local();
            }
            if (!kind.equals("s3")) {
                problems.add("PIXKIT_STORAGE must be local or s3 (got '" + kind + "')");
                return new Storage.Local();
            }
            if (bucket == null) {
                problems.add("PIXKIT_STORAGE=s3 requires PIXKIT_S3_BUCKET (the name of an existing bucket)");
            } else if (!BUCKET_PATTERN.matcher(bucket).matches() || bucket.contains("..")) {
                problems.add("PIXKIT_S3_BUCKET must be a bucket name: 3 to 63 lower-case letters, digits, dots and"
                        + " hyphens, starting and ending with a letter or digit (got '" + bucket + "')");
            }
            String region = text("PIXKIT_S3_REGION", "us-east-1");
            if (!region.matches("[a-z0-9-]{1,64}")) {
                problems.add("PIXKIT_S3_REGION must be a region name such as us-east-1 (got '" + region + "')");
            }
            URI endpoint = null;
            String ep = text("PIXKIT_S3_ENDPOINT", null);
            if (ep != null) {
                try {
                    endpoint = new URI(ep);
                    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                            || endpoint.getHost() == null || endpoint.getRawQuery() != null
                            || endpoint.getRawFragment() != null) {
                        problems.add("PIXKIT_S3_ENDPOINT must be an absolute http(s) URL such as"
                                + " http://127.0.0.1:9000 (got '" + ep + "')");
                    }
                } catch (URISyntaxException e) {
                    problems.add("PIXKIT_S3_ENDPOINT is not a valid URL: " + e.getMessage());
                }
            }
            boolean pathStyle = bool("PIXKIT_S3_PATH_STYLE", false);
            String prefix = text("PIXKIT_S3_PREFIX", "blobs/");
            if (prefix.startsWith("/") && !prefix.equals("/") || prefix.contains("//")
                    || prefix.chars().anyMatch(c -> c < ' ' || c == 127 || c == '\\')) {
                problems.add("PIXKIT_S3_PREFIX must be a key prefix such as blobs/ or pixkit/blobs/ (no leading or"
                        + " double slash, no control characters or backslashes; / alone means the bucket's root)"
                        + " (got '" + prefix + "')");
            }
            prefix = prefix.equals("/") ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
            String accessKey = text("PIXKIT_S3_ACCESS_KEY", null);
            String secretKey = text("PIXKIT_S3_SECRET_KEY", null);
            if ((accessKey == null) != (secretKey == null)) {
                problems.add("PIXKIT_S3_ACCESS_KEY and PIXKIT_S3_SECRET_KEY must be set together (or both left unset"
                        + " to use the AWS SDK's default credentials: environment, profile, instance role)");
            }
            long cacheMax = size("PIXKIT_S3_CACHE_MAX_BYTES", 10L << 30);
            return new Storage.S3(bucket, region, endpoint, pathStyle, prefix, accessKey, secretKey, cacheMax);
        }

        boolean bool(String name, boolean fallback) {
            String v = text(name, null);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(name + " must be true or false (got '" + v + "')");
                    yield fallback;
                }
            };
        }

        private static final Pattern BUCKET_PATTERN = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        private static final Pattern HOST_PATTERN = Pattern.compile(
                "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

        String key(String name) {
            String v = text(name, null);
            if (v != null && (v.length() < 8 || v.chars().anyMatch(c -> c <= ' ' || c == ':' || c > '~'))) {
                problems.add(name + " must be at least 8 printable ASCII characters without spaces or ':'");
            }
            return v;
        }
    }
}
