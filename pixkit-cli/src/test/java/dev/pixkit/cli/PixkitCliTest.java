package dev.pixkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.PixkitApplication;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.url.signing.SignedUrls;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI, run through picocli's {@code execute}, against a real Pixkit server in this JVM. */
class PixkitCliTest {
    static final String KEY = "private_test_key";

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;

    static ConfigurableApplicationContext server;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = PixkitApplication.start(PixkitSettings.fromMap(Map.of(
                "PIXKIT_PORT", Integer.toString(port),
                "PIXKIT_DATA_DIR", dataDir.toString(),
                "PIXKIT_PRIVATE_KEY", KEY,
                "PIXKIT_PUBLIC_KEY", "public_test_key",
                "PIXKIT_MAX_UPLOAD_BYTES", "2MB")));
        base = "http://localhost:" + port;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs the CLI with {@code env} as its environment (never the real one). */
    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = PixkitCli.commandLine(new PixkitCli(env, false));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the CLI with the server's URL and key on the command line. */
    static Run cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = base;
        all[args.length + 2] = "--private-key";
        all[args.length + 3] = KEY;
        return run(Map.of(), all);
    }

    private Path jpeg(String name, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Path file = work.resolve(name);
        ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    @Test
    void uploads_two_files_and_prints_a_line_for_each_in_order() throws IOException {
        Path a = jpeg("first.jpg", 30, 20);
        Path b = work.resolve("second.txt");
        Files.writeString(b, "plain text");

        Run r = cli("upload", a.toString(), b.toString(), "--folder", "/cli/two", "--no-unique", "--tags", "x,y",
                "--parallel", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).contains("/cli/two/first.jpg").contains(base + "/media/cli/two/first.jpg");
        assertThat(r.lines().get(1)).contains("/cli/two/second.txt");
        String[] columns = r.lines().get(0).split("\t");
        assertThat(columns).hasSize(3);
        assertThat(columns[1]).isEqualTo("/cli/two/first.jpg");
        // not a terminal: plain progress lines on stderr, no carriage returns
        assertThat(r.err()).contains("[1/2]").contains("[2/2]").doesNotContain("\r");

        Run details = cli("details", columns[0]);
        assertThat(details.exitCode()).as(details.err()).isZero();
        assertThat(details.out()).contains("\"fileId\" : \"" + columns[0] + "\"");
        JsonNode json = JsonMapper.builder().build().readTree(details.out());
        assertThat(json.get("fileId").asString()).isEqualTo(columns[0]);
        assertThat(json.get("width").asInt()).isEqualTo(30);
        assertThat(json.get("tags").toString()).isEqualTo("[\"x\",\"y\"]");
    }

    @Test
    void details_of_a_deleted_file_exits_1_with_404() throws IOException {
        Path f = jpeg("doomed.jpg", 12, 12);
        Run up = cli("upload", f.toString());
        assertThat(up.exitCode()).as(up.err()).isZero();
        String fileId = up.out().strip().split("\t")[0];

        Run details = cli("details", fileId);
        assertThat(details.exitCode()).isZero();
        assertThat(details.out()).contains(fileId);

        Run delete = cli("delete", fileId);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("deleted " + fileId);

        Run gone = cli("details", fileId);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("404").contains("The requested file does not exist.");

        Run again = cli("delete", fileId);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("404");
    }

    @Test
    void delete_by_url_deletes_what_a_delivery_url_names_and_is_idempotent() throws IOException {
        Path f = jpeg("by-url.jpg", 14, 11);
        Run up = cli("upload", f.toString(), "--folder", "/cli/byurl", "--no-unique");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String[] columns = up.out().strip().split("\t");
        String fileId = columns[0];
        String url = base + "/media/tr:w-10/cli/byurl/by-url.jpg";

        Run delete = cli("delete", "--by-url", url);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out().strip()).isEqualTo("deleted " + fileId + " " + url);
        assertThat(cli("details", fileId).exitCode()).isEqualTo(1);

        Run again = cli("delete", "--by-url", url);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out().strip()).isEqualTo("absent " + url);

        Run foreign = cli("delete", "--by-url", "https://elsewhere.example/media/x.jpg");
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.err()).contains("400").contains("The url should be accessible using your ImageKit.io account.");
        assertThat(cli("delete").exitCode()).isEqualTo(2);
    }

    @Test
    void usage_errors_exit_2() throws IOException {
        assertThat(cli("frobnicate").exitCode()).isEqualTo(2);
        assertThat(cli("upload").exitCode()).isEqualTo(2);
        assertThat(cli("details").exitCode()).isEqualTo(2);
        assertThat(cli("upload", work.resolve("no-such-file.jpg").toString()).exitCode()).isEqualTo(2);
        Path f = work.resolve("f.txt");
        Files.writeString(f, "x");
        assertThat(cli("upload", f.toString(), "--parallel", "0").exitCode()).isEqualTo(2);
        assertThat(cli("url", "/a.jpg", "--expires", "soon").exitCode()).isEqualTo(2);
        Run noCommand = run(Map.of());
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Usage: pixkit-cli");
        // no key anywhere: the data dir named by the environment has no keys.properties
        Run noKey = run(Map.of("PIXKIT_URL", base, "PIXKIT_DATA_DIR", work.toString()), "details", "abc");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("No private key");
        assertThat(cli("--help").exitCode()).isZero();
    }

    @Test
    void connection_errors_exit_1() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = run(Map.of(), "details", "abc", "--url", "http://localhost:" + closed, "--private-key", KEY,
                "--retries", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: ");
    }

    @Test
    void reads_url_and_key_from_the_environment_and_the_keys_file() throws IOException {
        Path fakeDataDir = Files.createDirectories(work.resolve("data"));
        Files.writeString(fakeDataDir.resolve("keys.properties"), "privateKey=" + KEY + "\npublicKey=public_test_key\n");
        Path f = work.resolve("env.txt");
        Files.writeString(f, "from env");
        Map<String, String> env = new HashMap<>();
        env.put("PIXKIT_URL", base);
        env.put("PIXKIT_DATA_DIR", fakeDataDir.toString());

        Run r = run(env, "upload", f.toString(), "--folder", "/cli/env", "--no-unique");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("/cli/env/env.txt");

        env.put("PIXKIT_PRIVATE_KEY", "private_wrong_key");
        Run wrong = run(env, "upload", f.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("403");
    }

    @Test
    void url_prints_plain_and_signed_urls_that_the_server_accepts() throws Exception {
        Path photo = jpeg("private.jpg", 16, 16);
        Run up = cli("upload", photo.toString(), "--folder", "/cli/private", "--private", "--no-unique");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String filePath = up.out().strip().split("\t")[1];

        Run plain = run(Map.of("PIXKIT_URL", base), "url", filePath, "--tr", "w-8");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out().strip()).isEqualTo(base + "/media/cli/private/private.jpg?tr=w-8");

        Run signed = cli("url", filePath, "--signed", "--expires", "1h");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        String url = signed.out().strip();
        assertThat(url).startsWith(base + "/media/cli/private/private.jpg?ik-t=");
        long expiry = Long.parseLong(url.replaceAll(".*ik-t=(\\d+).*", "$1"));
        assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        assertThat(SignedUrls.verify(KEY, url.substring((base + "/media/").length()), Instant.now()))
                .isEqualTo(SignedUrls.Verdict.VALID);

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(Files.readAllBytes(photo));
            HttpResponse<byte[]> denied = http.send(HttpRequest.newBuilder(URI.create(
                    cli("url", filePath).out().strip())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(denied.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_partly_failed_batch_exits_1_and_still_prints_the_successes() throws IOException {
        Path ok = work.resolve("ok.txt");
        Files.writeString(ok, "fine");
        Path big = work.resolve("big.bin");
        Files.write(big, new byte[3 * 1024 * 1024]);

        Run r = cli("upload", ok.toString(), big.toString(), "--folder", "/cli/partial", "--no-unique");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lines()).hasSize(1);
        assertThat(r.out()).contains("/cli/partial/ok.txt");
        assertThat(r.err()).contains("big.bin").contains("413");
    }

    @Test
    void durations_and_progress_bar_render() {
        assertThat(DurationConverter.parse("1h")).hasHours(1);
        assertThat(DurationConverter.parse("1h30m")).hasMinutes(90);
        assertThat(DurationConverter.parse("90")).hasSeconds(90);
        assertThat(DurationConverter.parse("PT2H")).hasHours(2);
        assertThat(DurationConverter.parse("7d")).hasDays(7);
        assertThat(DurationConverter.parse("1x")).isNull();
        assertThat(DurationConverter.parse("h")).isNull();

        StringWriter err = new StringWriter();
        var requests = List.of(
                dev.pixkit.client.UploadRequest.of(new byte[2048], "a.bin").build(),
                dev.pixkit.client.UploadRequest.of(new byte[2048], "b.bin").build());
        Progress p = new Progress(new PrintWriter(err), true, requests);
        p.onItemDone(dev.pixkit.client.BatchItemResult.failure(0, requests.get(0),
                new dev.pixkit.client.PixkitException("boom")), 1, 2);
        p.finish();
        assertThat(err.toString()).startsWith("\r[").contains("1/2 files").contains("2.0 KB / 4.0 KB")
                .contains("1 failed").endsWith(System.lineSeparator());
        assertThat(Progress.size(5L * 1024 * 1024)).isEqualTo("5.0 MB");
    }
}
