import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for bench/storage (single-file program: {@code java StorageBench.java <command> --opt=value …}).
 *
 * <ul>
 *   <li>{@code upload}: N distinct JPEGs (the base images with a unique JPEG comment segment each, built in memory
 *       before any timing) uploaded by C concurrent clients (closed loop: each client sends its next upload as soon as
 *       the previous one answered), then the same bytes again under other names. Prints requests/s and latency
 *       percentiles for both phases and their ratio.</li>
 *   <li>{@code latency}: for each case of a cases file, W unmeasured then R measured {@code GET /v1/files} requests,
 *       one at a time; prints p50/p95/p99 against a goal.</li>
 * </ul>
 * Latency is measured from just before the request is sent until its whole body has been received, on the JDK's
 * HttpClient (HTTP/1.1, keep-alive).
 */
public class StorageBench {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java StorageBench.java upload|latency --opt=value …");
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (String a : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            opts.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Options o = new Options(opts);
        switch (args[0]) {
            case "upload" -> Upload.run(o);
            case "latency" -> Latency.run(o);
            case "profile" -> Profile.run(o);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    record Options(Map<String, String> values) {
        String text(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("missing --" + name + "=…");
            }
            return v;
        }

        String text(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }
    }

    static HttpClient client(int connections) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(Math.max(2, connections / 4), daemon())).build();
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }

    static String basic(String privateKey) {
        return "Basic " + Base64.getEncoder().encodeToString((privateKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Latency summary of one phase or case, in milliseconds. */
    record Stats(int n, double mean, double p50, double p95, double p99, double max) {
        static Stats of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            double sum = 0;
            for (long v : s) {
                sum += v;
            }
            return new Stats(s.length, sum / s.length / 1e6, pct(s, 50), pct(s, 95), pct(s, 99), s[s.length - 1] / 1e6);
        }

        /** Nearest-rank percentile: the smallest value with at least p % of the samples at or below it. */
        private static double pct(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }
    }

    static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    // -----------------------------------------------------------------------------------------------------------

    static final class Upload {
        private record Phase(String name, List<byte[]> bodies, List<String> fileNames) {}

        private record Result(String phase, int n, double seconds, long bytes, Stats stats, int failures, Cpu cpu,
                long startMillis, long endMillis) {
            double rps() {
                return n / seconds;
            }
        }

        static void run(Options o) throws Exception {
            URI endpoint = URI.create(o.text("url") + "/api/v1/files/upload");
            String auth = basic(o.text("key"));
            List<byte[]> bases = new ArrayList<>();
            for (String p : o.text("bases").split(",")) {
                bases.add(Files.readAllBytes(Path.of(p)));
            }
            String folder = o.text("folder");
            int count = o.integer("count", 400);
            int clients = o.integer("clients", 16);
            int warmup = o.integer("warmup", 64);
            int rounds = o.integer("rounds", 1);
            boolean duplicates = !"0".equals(o.text("duplicates", "1"));
            String run = Long.toString(System.currentTimeMillis(), 36);
            Cpu.serverPid = o.integer("server-pid", -1);
            PrintStream out = System.out;

            HttpClient http = client(clients);
            ExecutorService pool = Executors.newFixedThreadPool(clients, daemon());
            AtomicInteger seq = new AtomicInteger();
            try {
                if (warmup > 0) {
                    List<byte[]> w = variants(bases, run + "-w", seq, warmup);
                    System.err.printf("warm-up: %d new + %d duplicate uploads%n", warmup, warmup);
                    send(http, pool, clients, endpoint, auth, folder + "/warmup", new Phase("warm-up new", w,
                            names("w-new", warmup)));
                    send(http, pool, clients, endpoint, auth, folder + "/warmup", new Phase("warm-up duplicate", w,
                            names("w-dup", warmup)));
                }
                List<Result> results = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    List<byte[]> bodies = variants(bases, run + "-" + r, seq, count);
                    String suffix = rounds > 1 ? " (round " + r + ")" : "";
                    Result fresh = send(http, pool, clients, endpoint, auth, folder + "/r" + r,
                            new Phase("new content" + suffix, bodies, names("new", count)));
                    results.add(fresh);
                    System.err.println(line(fresh));
                    if (duplicates) {
                        Result dup = send(http, pool, clients, endpoint, auth, folder + "/r" + r,
                                new Phase("duplicate content" + suffix, bodies, names("dup", count)));
                        results.add(dup);
                        System.err.println(line(dup));
                    }
                }
                report(out, results, clients, bases, count, rounds, duplicates);
                String marks = o.text("marks", null);
                if (marks != null) {
                    StringBuilder sb = new StringBuilder();
                    for (Result r : results) {
                        sb.append(r.phase()).append('\t').append(r.startMillis()).append('\t').append(r.endMillis())
                                .append('\t').append(r.n()).append('\n');
                    }
                    Files.writeString(Path.of(marks), sb);
                }
                System.exit(results.stream().anyMatch(x -> x.failures() > 0) ? 1 : 0);
            } finally {
                pool.shutdownNow();
            }
        }

        private static List<String> names(String prefix, int n) {
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(String.format(Locale.ROOT, "%s-%05d.jpg", prefix, i));
            }
            return names;
        }

        /**
         * {@code n} distinct files: base image {@code i % bases} with a JPEG comment segment (FF FE) right after the
         * SOI marker that names the run and the index. Same pixels, different bytes, so different SHA-256.
         */
        private static List<byte[]> variants(List<byte[]> bases, String run, AtomicInteger seq, int n) {
            List<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] base = bases.get(i % bases.size());
                byte[] comment = ("pixkit bench " + run + " " + seq.getAndIncrement())
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] v = new byte[base.length + 4 + comment.length];
                v[0] = base[0];
                v[1] = base[1];
                v[2] = (byte) 0xFF;
                v[3] = (byte) 0xFE;
                int len = comment.length + 2;
                v[4] = (byte) (len >>> 8);
                v[5] = (byte) len;
                System.arraycopy(comment, 0, v, 6, comment.length);
                System.arraycopy(base, 2, v, 6 + comment.length, base.length - 2);
                out.add(v);
            }
            return out;
        }

        private static Result send(HttpClient http, ExecutorService pool, int clients, URI endpoint, String auth,
                String folder, Phase phase) throws Exception {
            int n = phase.bodies().size();
            // request bodies are built before the clock starts
            String boundary = "----pixkitbench" + Long.toHexString(System.nanoTime());
            byte[][] bodies = new byte[n][];
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bodies[i] = multipart(boundary, phase.fileNames().get(i), folder, phase.bodies().get(i));
                bytes += phase.bodies().get(i).length;
            }
            long[] latency = new long[n];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            Cpu.Snapshot before = Cpu.snapshot();
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(120))
                                .header("Authorization", auth)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build();
                        long t0 = System.nanoTime();
                        String problem;
                        try {
                            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                            problem = res.statusCode() == 200 && res.body().contains("\"fileId\"") ? null
                                    : "HTTP " + res.statusCode() + " " + abbreviate(res.body());
                        } catch (IOException e) {
                            problem = e.toString();
                        }
                        latency[i] = System.nanoTime() - t0;
                        if (problem != null && failures.incrementAndGet() <= 3) {
                            System.err.printf("upload %s after %.1f s: %s%n", phase.fileNames().get(i),
                                    latency[i] / 1e9, problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Cpu cpu = Cpu.since(before, n);
            return new Result(phase.name(), n, seconds, bytes, Stats.of(latency), failures.get(), cpu, startMillis,
                    System.currentTimeMillis());
        }

        private static byte[] multipart(String boundary, String fileName, String folder, byte[] content) {
            StringBuilder head = new StringBuilder();
            field(head, boundary, "fileName", fileName);
            field(head, boundary, "folder", folder);
            field(head, boundary, "useUniqueFileName", "false");
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
                    .append("\"\r\nContent-Type: image/jpeg\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] t = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[h.length + content.length + t.length];
            System.arraycopy(h, 0, body, 0, h.length);
            System.arraycopy(content, 0, body, h.length, content.length);
            System.arraycopy(t, 0, body, h.length + content.length, t.length);
            return body;
        }

        private static void field(StringBuilder sb, String boundary, String name, String value) {
            sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                    .append("\"\r\n\r\n").append(value).append("\r\n");
        }

        private static String line(Result r) {
            return String.format(Locale.ROOT, "%s: %d uploads in %.1f s, %.1f req/s, p50 %s ms, p99 %s ms%s",
                    r.phase(), r.n(), r.seconds(), r.rps(), ms(r.stats().p50()), ms(r.stats().p99()),
                    r.failures() > 0 ? ", " + r.failures() + " FAILED" : "");
        }

        private static void report(PrintStream out, List<Result> results, int clients, List<byte[]> bases, int count,
                int rounds, boolean duplicates) {
            long avg = bases.stream().mapToLong(b -> b.length).sum() / bases.size();
            out.printf(Locale.ROOT, "%nUploads of ~%d KB JPEGs, %d concurrent clients, %d uploads per phase%s%n%n",
                    avg / 1000, clients, count, rounds > 1 ? ", " + rounds + " rounds" : "");
            out.println("| phase | uploads | req/s | MB/s | mean ms | p50 ms | p95 ms | p99 ms | max ms | failed"
                    + " | server CPU ms/upload | client CPU ms/upload | machine busy / iowait / steal |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (Result r : results) {
                Stats s = r.stats();
                Cpu c = r.cpu();
                out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s | %s | %s | %s | %s | %d | %s | %.1f | %.0f %% / %.0f %% / %.0f %% |%n",
                        r.phase(), r.n(), r.rps(), r.bytes() / r.seconds() / 1e6, ms(s.mean()), ms(s.p50()),
                        ms(s.p95()), ms(s.p99()), ms(s.max()), r.failures(),
                        c.serverMsPerRequest() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", c.serverMsPerRequest()),
                        c.clientMsPerRequest(), c.busyPercent(), c.iowaitPercent(), c.stealPercent());
            }
            if (duplicates) {
                double[] sec = new double[2];
                int[] n = new int[2];
                double[] p50 = new double[2];
                double[] p99 = new double[2];
                for (Result r : results) {
                    int k = r.phase().startsWith("new") ? 0 : 1;
                    n[k] += r.n();
                    sec[k] += r.seconds();
                    p50[k] += r.stats().p50() / rounds;
                    p99[k] += r.stats().p99() / rounds;
                }
                double ratio = (n[1] / sec[1]) / (n[0] / sec[0]);
                out.printf(Locale.ROOT, "%nduplicate vs new: %.2fx the throughput (goal >= 3x: %s); p50 %s vs %s ms,"
                        + " p99 %s vs %s ms%n", ratio, ratio >= 3 ? "met" : "NOT met", ms(p50[1]), ms(p50[0]),
                        ms(p99[1]), ms(p99[0]));
            }
        }
    }

    /**
     * CPU used during a phase, per request: by the server process (utime + stime from /proc/PID/stat), by this load
     * generator, and the whole machine's busy, iowait and steal shares (/proc/stat). On a small machine the load
     * generator competes with the server for the same cores, so both are shown.
     */
    record Cpu(double serverMsPerRequest, double clientMsPerRequest, double busyPercent, double iowaitPercent,
            double stealPercent) {
        static int serverPid = -1;

        record Snapshot(long serverTicks, long clientNanos, long[] machine) {}

        static Snapshot snapshot() {
            return new Snapshot(serverTicks(), clientNanos(), machine());
        }

        static Cpu since(Snapshot b, int requests) {
            long ticks = serverTicks();
            double server = ticks < 0 || b.serverTicks() < 0 ? -1 : (ticks - b.serverTicks()) * 10.0 / requests;
            double client = (clientNanos() - b.clientNanos()) / 1e6 / requests;
            long[] m = machine();
            long total = 0;
            for (int i = 0; i < m.length; i++) {
                total += m[i] - b.machine()[i];
            }
            // user nice system idle iowait irq softirq steal
            double idle = m[3] - b.machine()[3];
            double iowait = m[4] - b.machine()[4];
            double steal = m[7] - b.machine()[7];
            double t = Math.max(1, total);
            return new Cpu(server, client, 100 * (t - idle - iowait - steal) / t, 100 * iowait / t, 100 * steal / t);
        }

        /** The server's user + system time in 10 ms clock ticks (USER_HZ is 100 on Linux), or -1. */
        private static long serverTicks() {
            if (serverPid <= 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the whole line
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long clientNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long[] v = new long[8];
                for (int i = 0; i < 8; i++) {
                    v[i] = Long.parseLong(f[i + 1]);
                }
                return v;
            } catch (IOException | RuntimeException e) {
                return new long[8];
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    /**
     * Where the server's time went during each upload phase, from a JFR recording ({@code PROFILE=1}): CPU samples
     * grouped by what the thread was doing, samples of threads in native code, and the file I/O JFR saw (fsync of
     * files and directories from Java; SQLite's own fsyncs happen in native code and show up only as time in
     * {@code NativeDB}).
     */
    static final class Profile {
        /** First matching frame, from the top of the stack, names the activity. */
        private static final String[][] ACTIVITIES = {
                {"org.apache.tomcat.util.http.fileupload", "multipart parsing (Tomcat)"},
                {"sun.security.provider.DigestBase", "SHA-256"},
                {"java.security.MessageDigest", "SHA-256"},
                {"sun.security.provider.SHA", "SHA-256"},
                {"org.sqlite", "SQLite (JDBC + native)"},
                {"com.zaxxer.hikari", "connection pool"},
                {"dev.pixkit.imaging", "libvips (header probe)"},
                {"tools.jackson", "JSON"},
                {"com.fasterxml.jackson", "JSON"},
                {"sun.nio.ch.FileDispatcherImpl", "file I/O"},
                {"sun.nio.ch.FileChannelImpl", "file I/O"},
                {"java.io.FileOutputStream", "file I/O"},
                {"java.io.FileInputStream", "file I/O"},
                {"sun.nio.fs", "file system calls"},
                {"java.nio.file", "file system calls"},
                {"sun.nio.ch.SocketDispatcher", "socket I/O"},
                {"sun.nio.ch.NioSocketImpl", "socket I/O"},
                {"sun.nio.ch.SocketChannelImpl", "socket I/O"},
                {"org.apache.tomcat", "Tomcat (HTTP)"},
                {"org.apache.coyote", "Tomcat (HTTP)"},
                {"org.apache.catalina", "Tomcat (HTTP)"},
                {"org.springframework", "Spring"},
                {"dev.pixkit", "Pixkit"},
        };

        static void run(Options o) throws Exception {
            Path file = Path.of(o.text("file"));
            List<String[]> marks = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(o.text("marks")))) {
                if (!line.isBlank()) {
                    marks.add(line.split("\t"));
                }
            }
            var events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
            PrintStream out = System.out;
            out.printf("%nServer profile (JFR, %s): CPU samples by activity (threads running Java code, sampled"
                    + " every 10-20 ms), busy threads in native code, and fsyncs%n", file.getFileName());
            for (String[] m : marks) {
                long from = Long.parseLong(m[1]);
                long to = Long.parseLong(m[2]);
                int n = Integer.parseInt(m[3]);
                Map<String, Integer> cpu = new HashMap<>();
                Map<String, Integer> cpuTop = new HashMap<>();
                Map<String, Integer> nat = new HashMap<>();
                Map<String, long[]> io = new HashMap<>();
                int cpuTotal = 0;
                int natTotal = 0;
                for (var e : events) {
                    long t = e.getStartTime().toEpochMilli();
                    if (t < from || t > to) {
                        continue;
                    }
                    String type = e.getEventType().getName();
                    switch (type) {
                        case "jdk.ExecutionSample" -> {
                            cpuTotal++;
                            cpu.merge(activity(e.getStackTrace()), 1, Integer::sum);
                            cpuTop.merge(top(e.getStackTrace()), 1, Integer::sum);
                        }
                        case "jdk.NativeMethodSample" -> {
                            String site = nativeSite(e.getStackTrace());
                            if (site != null) {
                                natTotal++;
                                nat.merge(site, 1, Integer::sum);
                            }
                        }
                        case "jdk.FileForce" -> {
                            long[] a = io.computeIfAbsent("fsync " + pathKind(e.getString("path")),
                                    k -> new long[2]);
                            a[0]++;
                            a[1] += e.getDuration().toNanos();
                        }
                        default -> { }
                    }
                }
                out.printf("%n### %s (%d uploads, %.1f s)%n%n", m[0], n, (to - from) / 1000.0);
                out.println("| CPU samples: activity | share |");
                out.println("|---|---:|");
                print(out, cpu, cpuTotal, 10);
                out.println();
                out.println("| CPU samples: hottest method | share |");
                out.println("|---|---:|");
                print(out, cpuTop, cpuTotal, 6);
                out.println();
                out.println("| busy threads in native code: where (native method ← caller) | share |");
                out.println("|---|---:|");
                print(out, nat, natTotal, 6);
                out.println();
                out.println("| fsync from Java (JFR jdk.FileForce) | per upload | mean ms |");
                out.println("|---|---:|---:|");
                io.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(x -> out.printf(Locale.ROOT,
                        "| %s | %.2f | %.1f |%n", x.getKey(), x.getValue()[0] / (double) n,
                        x.getValue()[1] / 1e6 / x.getValue()[0]));
                String strace = o.text("strace", null);
                if (strace != null) {
                    straceSummary(out, Path.of(strace), from, to, n);
                }
            }
        }

        private static void print(PrintStream out, Map<String, Integer> counts, int total, int limit) {
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                    .forEach(x -> out.printf(Locale.ROOT, "| %s | %.0f %% |%n", x.getKey(),
                            100.0 * x.getValue() / Math.max(1, total)));
        }

        private static String activity(jdk.jfr.consumer.RecordedStackTrace st) {
            if (st == null) {
                return "?";
            }
            for (var f : st.getFrames()) {
                String cls = f.getMethod().getType().getName();
                for (String[] a : ACTIVITIES) {
                    if (cls.startsWith(a[0])) {
                        return a[1];
                    }
                }
            }
            return "other (" + top(st) + ")";
        }

        private static String top(jdk.jfr.consumer.RecordedStackTrace st) {
            if (st == null || st.getFrames().isEmpty()) {
                return "?";
            }
            var m = st.getFrames().getFirst().getMethod();
            return m.getType().getName() + "." + m.getName();
        }

        /** Native frames of idle threads (accepting, polling, parked): not work. */
        private static final List<String> IDLE = List.of("sun.nio.ch.Net.accept", "sun.nio.ch.EPoll.wait",
                "jdk.internal.misc.Unsafe.park", "java.lang.Thread.sleep", "java.lang.Object.wait",
                "java.lang.ref.Reference.waitForReferencePendingList", "java.lang.VirtualThread");

        /** The native method and the first frame outside the JDK that led there; null for idle threads. */
        private static String nativeSite(jdk.jfr.consumer.RecordedStackTrace st) {
            if (st == null || st.getFrames().isEmpty()) {
                return "?";
            }
            String first = top(st);
            if (IDLE.stream().anyMatch(first::startsWith)) {
                return null;
            }
            for (var f : st.getFrames()) {
                String cls = f.getMethod().getType().getName();
                if (!cls.startsWith("java.") && !cls.startsWith("sun.") && !cls.startsWith("jdk.")) {
                    String caller = cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                    return first.equals(cls + "." + f.getMethod().getName()) ? first : first + " ← " + caller;
                }
            }
            return first;
        }

        /**
         * fsync and fdatasync calls of the whole server process (SQLite's included) from {@code strace -f -tt -T}
         * output, within the phase.
         */
        private static void straceSummary(PrintStream out, Path file, long from, long to, int n) throws IOException {
            Pattern call = Pattern.compile("^\\d+\\s+(\\d\\d):(\\d\\d):(\\d\\d\\.\\d+) (?:<\\.\\.\\. )?(fsync|fdatasync)"
                    + "(?:\\(| resumed).*= -?\\d+ <([\\d.]+)>$");
            long dayStart = from - Math.floorMod(from, 86_400_000L);
            Map<String, List<Double>> byCall = new java.util.TreeMap<>();
            for (String line : Files.readAllLines(file)) {
                Matcher m = call.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long t = dayStart + (long) ((Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60
                        + Double.parseDouble(m.group(3))) * 1000);
                if (t >= from && t <= to) {
                    byCall.computeIfAbsent(m.group(4), k -> new ArrayList<>()).add(Double.parseDouble(m.group(5)));
                }
            }
            out.println();
            out.println("| fsync + fdatasync, whole process (strace, SQLite included) | per upload | mean ms | p50 ms | p99 ms |");
            out.println("|---|---:|---:|---:|---:|");
            byCall.forEach((k, v) -> {
                v.sort(null);
                double sum = v.stream().mapToDouble(Double::doubleValue).sum();
                out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f |%n", k, v.size() / (double) n,
                        1000 * sum / v.size(), 1000 * v.get(v.size() / 2), 1000 * v.get((int) (v.size() * 0.99)));
            });
        }

        private static String pathKind(String path) {
            if (path == null) {
                return "?";
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.startsWith("upload-") && name.endsWith(".part")) {
                return "staged upload (tmp/upload-*.part)";
            }
            if (path.contains("/blobs/")) {
                return name.matches("[0-9a-f]{64}") ? "blob" : "blob directory";
            }
            if (name.endsWith(".db") || name.endsWith("-wal") || name.endsWith("-shm")) {
                return "SQLite " + name;
            }
            return name.contains(".") ? "other file (" + name.replaceAll("[0-9a-f]{8,}", "…") + ")" : "directory " + name;
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    static final class Latency {
        /** Top-level assets in a list response: each has a "type" of file, file-version or folder. */
        private static final Pattern ASSET = Pattern.compile("\"type\":\"(file|file-version|folder)\"");

        private record Case(String label, String query) {}

        static void run(Options o) throws Exception {
            String base = o.text("url") + "/v1/files?";
            String auth = basic(o.text("key"));
            int warmup = o.integer("warmup", 20);
            int requests = o.integer("requests", 200);
            double goal = Double.parseDouble(o.text("goal-ms", "50"));
            String title = o.text("title", "GET /v1/files");
            List<Case> cases = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(o.text("cases")))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                List<String> params = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    params.add(parts[i].substring(0, eq) + "="
                            + URLEncoder.encode(parts[i].substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20"));
                }
                cases.add(new Case(parts[0], String.join("&", params)));
            }
            HttpClient http = client(1);
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "%n%s: %d requests per case, one at a time, after %d warm-up requests of every"
                    + " case and %d more of that case%n%n", title, requests, warmup, warmup);
            out.printf("| case | rows | KB | p50 ms | p95 ms | p99 ms | max ms | p95 < %s ms |%n", ms(goal));
            out.println("|---|---:|---:|---:|---:|---:|---:|---|");
            int failed = 0;
            // every case warm first (the server's JIT compiles the shared paths), then each again right before it
            for (int i = 0; i < warmup; i++) {
                for (Case c : cases) {
                    check(http.send(request(base, auth, c), HttpResponse.BodyHandlers.ofString()), c);
                }
            }
            for (Case c : cases) {
                HttpRequest req = request(base, auth, c);
                for (int i = 0; i < warmup; i++) {
                    check(http.send(req, HttpResponse.BodyHandlers.ofString()), c);
                }
                long[] nanos = new long[requests];
                HttpResponse<String> last = null;
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    last = http.send(req, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - t0;
                    check(last, c);
                }
                Stats s = Stats.of(nanos);
                Matcher m = ASSET.matcher(last.body());
                int rows = 0;
                while (m.find()) {
                    rows++;
                }
                boolean pass = s.p95() < goal;
                failed += pass ? 0 : 1;
                out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s |%n", c.label(), rows,
                        last.body().length() / 1024, ms(s.p50()), ms(s.p95()), ms(s.p99()), ms(s.max()),
                        pass ? "pass" : "**FAIL**");
                System.err.printf(Locale.ROOT, "  %s: p95 %s ms%n", c.label(), ms(s.p95()));
            }
            out.printf("%n%d of %d cases meet p95 < %s ms%n", cases.size() - failed, cases.size(), ms(goal));
        }

        private static HttpRequest request(String base, String auth, Case c) {
            return HttpRequest.newBuilder(URI.create(base + c.query())).timeout(Duration.ofSeconds(120))
                    .header("Authorization", auth).GET().build();
        }

        private static void check(HttpResponse<String> res, Case c) {
            if (res.statusCode() != 200) {
                throw new IllegalStateException(c.label() + ": HTTP " + res.statusCode() + " " + abbreviate(res.body())
                        + " for ?" + c.query());
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
