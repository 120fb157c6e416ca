package dev.pixkit.server.cleanup;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * fsck through its endpoint on a real server: each scenario makes one kind of problem behind the catalog's back,
 * checks that the report names it, repairs, checks what was fixed and that a second check finds nothing — and that
 * no referenced byte went (the same files, uploaded first, deliver byte-identical after every scenario).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsckTest {
    private static final AtomicInteger SEED = new AtomicInteger(1);

    TestServer server;
    Http http;
    /** Delivery path → SHA-256 of the bytes uploaded. */
    private final Map<String, String> keepers = new LinkedHashMap<>();
    private String keeperImagePath;

    /** Settings of the server under test; SQLite in its data dir here, PostgreSQL in the subclass. */
    Map<String, String> databaseSettings() throws Exception {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(databaseSettings());
        http = server.http();
        for (int i = 0; i < 3; i++) {
            byte[] content = randomBytes(3000 + i);
            JsonNode f = upload(content, "/keep", "k" + i + ".bin");
            keepers.put(Http.pathOf(f.get("url").asString()), Images.sha256(content));
        }
        byte[] jpeg = Images.jpeg(320, 200);
        JsonNode img = upload(jpeg, "/keep", "photo.jpg");
        keeperImagePath = Http.pathOf(img.get("url").asString());
        keepers.put(keeperImagePath, Images.sha256(jpeg));
        // a rendition of a file still in use: must survive every repair
        assertThat(http.get(keeperImagePath.replace("/media/", "/media/tr:w-40/")).statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void nothing_referenced_was_lost() throws Exception {
        for (var k : keepers.entrySet()) {
            var r = http.get(k.getKey());
            assertThat(r.statusCode()).as(k.getKey()).isEqualTo(200);
            assertThat(Images.sha256(r.body())).as(k.getKey()).isEqualTo(k.getValue());
            assertThat(blobPath(k.getValue())).exists();
        }
        assertThat(renditionDir(keepers.get(keeperImagePath))).isDirectoryContaining(Files::isRegularFile);
        assertClean(check());
    }

    @Test
    void a_clean_server_reports_no_problems_and_every_check() {
        JsonNode r = check();
        assertThat(r.get("problems").asInt()).isZero();
        assertThat(r.get("repaired").asBoolean()).isFalse();
        assertThat(r.get("findings").valueStream().map(f -> f.get("check").asString()).toList()).containsExactly(
                "unreferenced-blobs", "missing-blobs", "refcount-drift", "renditions-without-source",
                "stale-temp-files", "stuck-deletions");
        assertThat(r.get("checked").get("files").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(r.get("checked").get("blobs").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(r.get("checked").get("renditionContents").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(r.get("graceSeconds").asLong()).isEqualTo(3600);
        JsonNode repaired = repair();
        assertThat(repaired.get("repaired").asBoolean()).isTrue();
        assertThat(repaired.get("problems").asInt()).isZero();
    }

    @Test
    void unreferenced_blobs_past_the_grace_period_are_swept_and_in_flight_ones_left() throws Exception {
        byte[] stray = randomBytes(777);
        String old = Images.sha256(stray);
        writeBlob(stray, Instant.now().minus(Duration.ofHours(2)));
        byte[] fresh = randomBytes(778); // as an upload publishes it just before its row commits
        String young = Images.sha256(fresh);
        writeBlob(fresh, Instant.now());

        JsonNode before = finding(check(), "unreferenced-blobs");
        assertThat(before.get("count").asInt()).isEqualTo(1);
        assertThat(before.get("examples").get(0).asString()).startsWith(old).contains("777 bytes");
        assertThat(before.get("action").asString()).contains("queue");

        JsonNode r = repair();
        JsonNode after = finding(r, "unreferenced-blobs");
        assertThat(after.get("repaired").asInt()).isEqualTo(1);
        assertThat(after.get("remaining").asInt()).isZero();
        assertThat(after.get("action").asString()).isEqualTo("queued 1 for deletion; the sweeper removed 1");
        assertThat(r.get("problems").asInt()).isZero();
        assertThat(blobPath(old)).doesNotExist();
        assertThat(rows("SELECT COUNT(*) FROM blobs WHERE sha256 = '" + old + "'")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM blob_deletions")).isZero();
        assertThat(blobPath(young)).exists();

        // with no grace period (as after a crash, with nothing in flight) the young one goes too
        FsckReport noGrace = server.bean(Fsck.class).run(true, Duration.ZERO);
        assertThat(noGrace.finding(FsckReport.Check.UNREFERENCED_BLOBS).repaired()).isEqualTo(1);
        assertThat(noGrace.problems()).isZero();
        assertThat(blobPath(young)).doesNotExist();
    }

    @Test
    void missing_blobs_are_reported_with_file_and_path_and_left_alone_by_repair() throws Exception {
        byte[] content = randomBytes(4321);
        JsonNode f = upload(content, "/lost", "gone.bin");
        String fileId = f.get("fileId").asString();
        String filePath = f.get("filePath").asString();
        Files.delete(blobPath(Images.sha256(content)));

        JsonNode found = finding(check(), "missing-blobs");
        assertThat(found.get("count").asInt()).isEqualTo(1);
        assertThat(found.get("examples").get(0).asString()).contains(filePath, fileId, Images.sha256(content),
                "is not stored");

        JsonNode r = repair();
        JsonNode missing = finding(r, "missing-blobs");
        assertThat(missing.get("repaired").asInt()).isZero();
        assertThat(missing.get("remaining").asInt()).isEqualTo(1);
        assertThat(missing.get("stillFailing").get(0).asString()).contains(filePath);
        assertThat(missing.get("action").asString()).contains("none possible", "left as they are");
        assertThat(r.get("problems").asInt()).isEqualTo(1);
        assertThat(http.getAuthed("/v1/files/" + fileId + "/details").statusCode()).isEqualTo(200);

        // the way out is the operator's: delete the file (or restore the bytes)
        assertThat(http.delete("/v1/files/" + fileId).statusCode()).isEqualTo(204);
        server.blobCount(); // sweeps what is due
    }

    @Test
    void refcount_drift_is_set_to_the_real_count_and_unused_content_swept() throws Exception {
        byte[] shared = randomBytes(5000);
        String x = Images.sha256(shared);
        JsonNode a = upload(shared, "/drift", "a.bin");
        JsonNode b = upload(shared, "/drift", "b.bin"); // same bytes: one blob, two references
        byte[] single = randomBytes(5001);
        String y = Images.sha256(single);
        JsonNode c = upload(single, "/drift", "c.bin");
        byte[] unused = randomBytes(5002);
        String z = Images.sha256(unused);
        writeBlob(unused, Instant.now());
        var jdbc = server.jdbc();
        // too low (the dangerous way: one delete would free bytes still in use), no row at all, and a count for
        // content nothing uses
        jdbc.sql("UPDATE blobs SET refs = 1 WHERE sha256 = :s").param("s", x).update();
        jdbc.sql("DELETE FROM blobs WHERE sha256 = :s").param("s", y).update();
        jdbc.sql("INSERT INTO blobs (sha256, size, refs, created_at) VALUES (:s, 5002, 3, 0)").param("s", z).update();

        JsonNode found = finding(check(), "refcount-drift");
        assertThat(found.get("count").asInt()).isEqualTo(3);
        assertThat(found.get("examples").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder(
                x + ": refs 1, used by 2 row(s)", y + ": no refcount row, used by 1 row(s)",
                z + ": refs 3, used by 0 row(s)");

        JsonNode r = repair();
        JsonNode drift = finding(r, "refcount-drift");
        assertThat(drift.get("repaired").asInt()).isEqualTo(3);
        assertThat(drift.get("remaining").asInt()).isZero();
        assertThat(drift.get("action").asString()).isEqualTo(
                "set 3 refcount(s) to the real count; queued 1 unused content(s) for deletion, the sweeper removed 1");
        assertThat(refs(x)).isEqualTo(2);
        assertThat(refs(y)).isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM blobs WHERE sha256 = '" + z + "'")).isZero();
        assertThat(blobPath(z)).doesNotExist();
        assertThat(blobPath(x)).exists();
        assertThat(blobPath(y)).exists();

        // the corrected count holds: deleting one of the two files keeps the other's bytes
        assertThat(http.delete("/v1/files/" + a.get("fileId").asString()).statusCode()).isEqualTo(204);
        server.blobCount();
        var other = http.get(Http.pathOf(b.get("url").asString()));
        assertThat(Images.sha256(other.body())).isEqualTo(x);
        assertThat(http.delete("/v1/files/" + b.get("fileId").asString()).statusCode()).isEqualTo(204);
        assertThat(http.delete("/v1/files/" + c.get("fileId").asString()).statusCode()).isEqualTo(204);
        server.blobCount();
        assertThat(blobPath(x)).doesNotExist();
        assertThat(blobPath(y)).doesNotExist();
    }

    @Test
    void renditions_left_behind_by_released_content_are_purged() throws Exception {
        byte[] jpeg = Images.jpeg(240, 180);
        String sha = Images.sha256(jpeg);
        JsonNode f = upload(jpeg, "/renditions", "r.jpg");
        String path = Http.pathOf(f.get("url").asString());
        assertThat(http.get(path.replace("/media/", "/media/tr:w-30/")).statusCode()).isEqualTo(200);
        Path dir = renditionDir(sha);
        Map<Path, byte[]> saved = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                saved.put(p, Files.readAllBytes(p));
            }
        }
        assertThat(saved).isNotEmpty();
        // deleted while a render was in flight: the purge ran, then the render wrote its entry. (The sweeper's
        // timer is off meanwhile so that the one sweep, and its purge, run here and not late on its thread.)
        BlobSweeper sweeper = server.bean(BlobSweeper.class);
        sweeper.stop();
        try {
            assertThat(http.delete("/v1/files/" + f.get("fileId").asString()).statusCode()).isEqualTo(204);
            server.sweepDeletions();
            assertThat(dir).doesNotExist();
            Files.createDirectories(dir);
            for (var e : saved.entrySet()) {
                Files.write(e.getKey(), e.getValue());
            }
        } finally {
            sweeper.start();
        }

        JsonNode found = finding(check(), "renditions-without-source");
        assertThat(found.get("count").asInt()).isEqualTo(1);
        assertThat(found.get("examples").get(0).asString()).startsWith(sha);

        JsonNode r = repair();
        JsonNode purged = finding(r, "renditions-without-source");
        assertThat(purged.get("repaired").asInt()).isEqualTo(1);
        assertThat(purged.get("action").asString()).isEqualTo("purged " + saved.size() + " rendition(s) of 1 content(s)");
        assertThat(r.get("problems").asInt()).isZero();
        assertThat(dir).doesNotExist();
    }

    @Test
    void stale_temp_files_are_deleted_and_fresh_ones_kept() throws Exception {
        Path tmp = server.dataDir().resolve("tmp");
        Path stale = tmp.resolve("upload-crashed.part");
        Files.write(stale, randomBytes(100));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        Path fresh = tmp.resolve("upload-in-flight.part");
        Files.write(fresh, randomBytes(101));
        try {
            JsonNode found = finding(check(), "stale-temp-files");
            assertThat(found.get("count").asInt()).isEqualTo(1);
            assertThat(found.get("examples").get(0).asString()).startsWith("tmp/upload-crashed.part (100 bytes");

            JsonNode r = repair();
            JsonNode deleted = finding(r, "stale-temp-files");
            assertThat(deleted.get("repaired").asInt()).isEqualTo(1);
            assertThat(deleted.get("action").asString()).isEqualTo("deleted 1");
            assertThat(r.get("problems").asInt()).isZero();
            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    @Test
    void stuck_deletions_are_swept_now_and_what_still_fails_is_reported_with_its_error() throws Exception {
        BlobSweeper sweeper = server.bean(BlobSweeper.class);
        sweeper.stop(); // a sweeper that is not getting to its outbox
        Path obstacle = null;
        try {
            byte[] first = randomBytes(6000);
            String v = Images.sha256(first);
            JsonNode fv = upload(first, "/stuck", "v.bin");
            byte[] second = randomBytes(6001);
            String w = Images.sha256(second);
            JsonNode fw = upload(second, "/stuck", "w.bin");
            assertThat(http.delete("/v1/files/" + fv.get("fileId").asString()).statusCode()).isEqualTo(204);
            assertThat(http.delete("/v1/files/" + fw.get("fileId").asString()).statusCode()).isEqualTo(204);
            long overdue = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
            server.jdbc().sql("UPDATE blob_deletions SET due_at = :t").param("t", overdue).update();
            // w's bytes cannot be deleted: a non-empty directory stands where the blob file was
            Files.delete(blobPath(w));
            obstacle = blobPath(w);
            Files.createDirectories(obstacle.resolve("in-the-way"));

            JsonNode found = finding(check(), "stuck-deletions");
            assertThat(found.get("count").asInt()).isEqualTo(2);
            assertThat(String.join("\n", found.get("examples").valueStream().map(JsonNode::asString).toList()))
                    .contains(v, w, "0 failed attempt(s)");
            assertThat(blobPath(v)).exists();

            JsonNode r = repair();
            JsonNode swept = finding(r, "stuck-deletions");
            assertThat(swept.get("repaired").asInt()).isEqualTo(1);
            assertThat(swept.get("remaining").asInt()).isEqualTo(1);
            assertThat(swept.get("action").asString()).isEqualTo("swept 2: removed 1, 1 still failing (see below)");
            assertThat(swept.get("stillFailing").get(0).asString()).startsWith(w)
                    .contains("1 failed attempt(s)", "last error: java.nio.file.DirectoryNotEmptyException");
            assertThat(r.get("problems").asInt()).isEqualTo(1);
            assertThat(blobPath(v)).doesNotExist();

            // the obstacle gone, the next repair finishes the job
            deleteTree(obstacle);
            obstacle = null;
            JsonNode again = finding(repair(), "stuck-deletions");
            assertThat(again.get("count").asInt()).isEqualTo(1);
            assertThat(again.get("repaired").asInt()).isEqualTo(1);
            assertThat(again.get("remaining").asInt()).isZero();
            assertThat(rows("SELECT COUNT(*) FROM blob_deletions")).isZero();
        } finally {
            if (obstacle != null) {
                deleteTree(obstacle);
            }
            sweeper.start();
        }
    }

    @Test
    void the_report_needs_the_private_key_and_get_never_repairs() {
        assertThat(http.get("/v1/pixkit/fsck").statusCode()).isEqualTo(401);
        var r = http.getAuthed("/v1/pixkit/fsck?repair=true");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asString()).contains("POST");
        assertThat(json(r).get("help").asString()).isEqualTo("For support kindly contact us at support@imagekit.io.");
        var bad = http.send(http.authed("/v1/pixkit/fsck?repair=yes").POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(bad.statusCode()).isEqualTo(400);
        var checkOnly = http.send(http.authed("/v1/pixkit/fsck").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(checkOnly.statusCode()).isEqualTo(200);
        assertThat(json(checkOnly).get("repaired").asBoolean()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------

    JsonNode check() {
        var r = http.getAuthed("/v1/pixkit/fsck");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(r);
    }

    JsonNode repair() {
        var r = http.send(http.authed("/v1/pixkit/fsck?repair=true").POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("repaired").asBoolean()).isTrue();
        return report;
    }

    static JsonNode finding(JsonNode report, String check) {
        return report.get("findings").valueStream().filter(f -> f.get("check").asString().equals(check))
                .findFirst().orElseThrow();
    }

    static void assertClean(JsonNode report) {
        List<String> left = new ArrayList<>();
        report.get("findings").valueStream().filter(f -> f.get("count").asInt() > 0)
                .forEach(f -> left.add(f.toString()));
        assertThat(left).as("findings").isEmpty();
        assertThat(report.get("problems").asInt()).isZero();
    }

    JsonNode upload(byte[] content, String folder, String name) {
        var r = http.upload(new Multipart().file("file", name, content).field("fileName", name)
                .field("folder", folder));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(r);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(SEED.getAndIncrement() * 7919L + System.nanoTime()).nextBytes(b);
        return b;
    }

    Path blobPath(String sha) {
        return server.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha);
    }

    Path renditionDir(String sha) {
        return server.dataDir().resolve("cache").resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** Writes bytes where the store keeps them, as a crash between publish and commit leaves them. */
    void writeBlob(byte[] content, Instant modified) throws Exception {
        Path p = blobPath(Images.sha256(content));
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(modified));
    }

    long rows(String sql) {
        return server.jdbc().sql(sql).query(Long.class).single();
    }

    long refs(String sha) {
        return server.jdbc().sql("SELECT refs FROM blobs WHERE sha256 = :s").param("s", sha).query(Long.class)
                .single();
    }

    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
