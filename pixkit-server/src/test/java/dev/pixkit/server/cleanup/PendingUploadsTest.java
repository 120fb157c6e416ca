package dev.pixkit.server.cleanup;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.catalog.BlobReferences;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StagedBlob;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Pending uploads ({@code pendingTtl}) over real HTTP on a real catalog: they are listed and delivered like any
 * file, committed ones stay, uncommitted ones are deleted whole (row, versions, bytes, renditions) by the reaper
 * after their deadline, a commit racing the reaper either keeps the file or finds it gone (never both), and rows
 * left pending by a stopped server are reaped after a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingUploadsTest {
    private static final String REAPER = "PIXKIT_PENDING_REAPER_PERIOD_MS";

    /** Reaps every 100 ms. */
    private TestServer fast;
    /** Reaps only at start: the tests call the reaper themselves. */
    private TestServer slow;

    /** Settings of the catalog database; SQLite in the data dir here, PostgreSQL in the subclass. */
    Map<String, String> databaseSettings() throws Exception {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        fast = TestServer.start(with(databaseSettings(), REAPER, "100"));
        slow = TestServer.start(with(databaseSettings(), REAPER, "3600000"));
    }

    @AfterAll
    void stop() {
        fast.close();
        slow.close();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static HttpResponse<byte[]> send(TestServer server, String folder, String name, String... fields) {
        Multipart form = new Multipart().file("file", name, Images.uniqueJpeg()).field("fileName", name)
                .field("folder", folder).field("useUniqueFileName", "false");
        for (int i = 0; i < fields.length; i += 2) {
            form.field(fields[i], fields[i + 1]);
        }
        return server.http().upload(form);
    }

    private static JsonNode upload(TestServer server, String folder, String name, String... fields) {
        HttpResponse<byte[]> r = send(server, folder, name, fields);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode up = json(r);
        OpenApiSpec.assertConforms(up, "Upload");
        return up;
    }

    private static HttpResponse<byte[]> commit(TestServer server, String fileId) {
        return server.http().send(server.http().authed("/v1/pixkit/files/" + fileId + "/commit")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<byte[]> details(TestServer server, String fileId) {
        return server.http().getAuthed("/v1/files/" + fileId + "/details");
    }

    private static boolean exists(TestServer server, String fileId) {
        return details(server, fileId).statusCode() == 200;
    }

    private static String sha(TestServer server, String fileId) {
        return json(details(server, fileId)).get("sha256").asString();
    }

    private static boolean blobStored(TestServer server, String sha256) throws Exception {
        server.bean(BlobSweeper.class).sweepDue();
        return server.bean(BlobStore.class).exists(sha256);
    }

    private static long rows(TestServer server, String table, String fileId) {
        return server.jdbc().sql("SELECT COUNT(*) FROM " + table + " WHERE file_id = :id").param("id", fileId)
                .query(Long.class).single();
    }

    private static List<String> search(TestServer server, String query) {
        var r = server.http().getAuthed("/v1/files?searchQuery=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).forEach(f -> ids.add(f.get("fileId").asString()));
        return ids;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void an_uncommitted_upload_is_listed_and_delivered_until_its_deadline_then_deleted_whole() throws Exception {
        Instant before = Instant.now();
        JsonNode up = upload(fast, "/pending/expire", "x.jpg", "pendingTtl", "2");
        String id = up.get("fileId").asString();
        Instant until = Instant.parse(up.get("pendingUntil").asString());
        assertThat(until).isBetween(before.plusSeconds(2).minusMillis(1), Instant.now().plusSeconds(2));
        // a second version, pending again: the deadline is now the second upload's (seconds for the checks below)
        JsonNode second = upload(fast, "/pending/expire", "x.jpg", "pendingTtl", "3");
        assertThat(second.get("fileId").asString()).isEqualTo(id);
        Instant lastUntil = Instant.parse(second.get("pendingUntil").asString());
        String sha = sha(fast, id);

        JsonNode d = json(details(fast, id));
        OpenApiSpec.assertConforms(d, "FileDetails");
        assertThat(d.has("pendingUntil")).isTrue();
        assertThat(search(fast, "pending = true AND name = \"x.jpg\"")).containsExactly(id);
        assertThat(search(fast, "pending = false AND name = \"x.jpg\"")).isEmpty();
        assertThat(fast.http().get("/media/tr:w-20/pending/expire/x.jpg").statusCode()).isEqualTo(200);
        Path renditions = fast.dataDir().resolve("cache").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(renditions).isDirectory();
        assertThat(rows(fast, "file_versions", id)).isEqualTo(1);

        await("the reaper", Duration.ofSeconds(10), () -> !exists(fast, id));
        Instant gone = Instant.now();

        assertThat(gone).isAfterOrEqualTo(lastUntil);
        assertThat(rows(fast, "files", id)).isZero();
        assertThat(rows(fast, "file_versions", id)).isZero();
        assertThat(blobStored(fast, sha)).isFalse();
        // renditions are purged once the bytes are gone, on the thread that swept them
        await("the renditions' purge", Duration.ofSeconds(5), () -> !Files.exists(renditions));
        assertThat(fast.http().get("/media/pending/expire/x.jpg").statusCode()).isEqualTo(404);
        var late = commit(fast, id);
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(json(late).get("message").asString()).isEqualTo("The requested file does not exist.");
    }

    @Test
    void a_file_committed_before_its_deadline_stays_and_commit_is_idempotent() throws Exception {
        // 3 s: room for a slow machine between the upload and the commit
        JsonNode up = upload(fast, "/pending/commit", "keep.jpg", "pendingTtl", "3");
        String id = up.get("fileId").asString();
        Instant until = Instant.parse(up.get("pendingUntil").asString());

        var r = commit(fast, id);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        JsonNode committed = json(r);
        OpenApiSpec.assertConforms(committed, "FileDetails");
        assertThat(committed.get("fileId").asString()).isEqualTo(id);
        assertThat(committed.has("pendingUntil")).isFalse();
        var again = commit(fast, id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(committed);

        // past the deadline and many reaper runs
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 500);
        assertThat(exists(fast, id)).isTrue();
        assertThat(json(details(fast, id)).has("pendingUntil")).isFalse();
        assertThat(blobStored(fast, sha(fast, id))).isTrue();
        assertThat(search(fast, "pending = false AND name = \"keep.jpg\"")).containsExactly(id);

        assertThat(commit(fast, "000000000000000000000000").statusCode()).isEqualTo(404);
        var anonymous = fast.http().send(fast.http().request("/v1/pixkit/files/" + id + "/commit")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void an_invalid_pending_ttl_is_refused_naming_the_field_and_stores_nothing() throws Exception {
        TestServer.Footprint before = slow.footprint();
        for (String ttl : List.of("0", "-1", "604801", "1.5", "abc", "1e3", "99999999999999999999")) {
            HttpResponse<byte[]> r = send(slow, "/pending/bad", "bad.jpg", "pendingTtl", ttl);
            assertThat(r.statusCode()).as(ttl).isEqualTo(400);
            assertThat(json(r).get("message").asString()).as(ttl)
                    .isEqualTo("Invalid pendingTtl parameter: expected a whole number of seconds from 1 to 604800"
                            + " (7 days), got '" + ttl + "'.");
            assertThat(json(r).get("help").asString()).isNotBlank();
        }
        before.assertUnchanged();

        Instant now = Instant.now();
        JsonNode week = upload(slow, "/pending/bad", "week.jpg", "pendingTtl", "604800");
        assertThat(Instant.parse(week.get("pendingUntil").asString()))
                .isBetween(now.plus(Duration.ofDays(7)).minusSeconds(1), Instant.now().plus(Duration.ofDays(7)));
        JsonNode plain = upload(slow, "/pending/bad", "plain.jpg", "pendingTtl", "");
        assertThat(plain.has("pendingUntil")).isFalse();
    }

    @Test
    void overwriting_keeps_a_pending_file_pending_only_when_the_new_upload_asks_and_never_repends_a_committed_one() {
        JsonNode first = upload(slow, "/pending/overwrite", "o.jpg", "pendingTtl", "60");
        String id = first.get("fileId").asString();
        Instant firstUntil = Instant.parse(first.get("pendingUntil").asString());

        JsonNode longer = upload(slow, "/pending/overwrite", "o.jpg", "pendingTtl", "600");
        assertThat(longer.get("fileId").asString()).isEqualTo(id);
        assertThat(Instant.parse(longer.get("pendingUntil").asString())).isAfter(firstUntil.plusSeconds(500));
        assertThat(json(details(slow, id)).get("pendingUntil").asString())
                .isEqualTo(longer.get("pendingUntil").asString());

        JsonNode plain = upload(slow, "/pending/overwrite", "o.jpg");
        assertThat(plain.has("pendingUntil")).isFalse();
        assertThat(json(details(slow, id)).has("pendingUntil")).isFalse();

        JsonNode again = upload(slow, "/pending/overwrite", "o.jpg", "pendingTtl", "1");
        assertThat(again.get("fileId").asString()).isEqualTo(id);
        assertThat(again.has("pendingUntil")).as("a committed file stays committed").isFalse();
        assertThat(json(details(slow, id)).has("pendingUntil")).isFalse();
        assertThat(json(details(slow, id)).get("versionInfo").get("name").asString()).isEqualTo("Version 4");
    }

    @Test
    void edits_keep_a_pending_file_pending_and_never_undo_a_commit_and_a_copy_is_committed() {
        JsonNode up = upload(slow, "/pending/edit", "e.jpg", "pendingTtl", "600");
        String id = up.get("fileId").asString();
        String until = up.get("pendingUntil").asString();
        Http http = slow.http();

        var patched = http.json("PATCH", "/v1/files/" + id + "/details", Map.of("tags", List.of("t")));
        assertThat(patched.statusCode()).as(new String(patched.body())).isEqualTo(200);
        assertThat(json(patched).get("pendingUntil").asString()).isEqualTo(until);
        assertThat(http.json("POST", "/v1/files/move", Map.of("sourceFilePath", "/pending/edit/e.jpg",
                "destinationPath", "/pending/edit/moved")).statusCode()).isEqualTo(204);
        assertThat(http.json("PUT", "/v1/files/rename", Map.of("filePath", "/pending/edit/moved/e.jpg",
                "newFileName", "r.jpg")).statusCode()).isEqualTo(200);
        JsonNode moved = json(details(slow, id));
        assertThat(moved.get("filePath").asString()).isEqualTo("/pending/edit/moved/r.jpg");
        assertThat(moved.get("pendingUntil").asString()).isEqualTo(until);

        assertThat(http.json("POST", "/v1/files/copy", Map.of("sourceFilePath", "/pending/edit/moved/r.jpg",
                "destinationPath", "/pending/edit/copy")).statusCode()).isEqualTo(204);
        assertThat(search(slow, "pending = false AND path = \"/pending/edit/copy\"")).hasSize(1);

        assertThat(commit(slow, id).statusCode()).isEqualTo(200);
        var after = http.json("PATCH", "/v1/files/" + id + "/details", Map.of("tags", List.of("u")));
        assertThat(json(after).has("pendingUntil")).isFalse();
        assertThat(json(details(slow, id)).has("pendingUntil")).isFalse();
    }

    @Test
    void a_commit_that_wins_the_row_before_the_reaper_keeps_the_file() throws Exception {
        PendingReaper reaper = slow.bean(PendingReaper.class);
        String id = upload(slow, "/pending/window", "w.jpg", "pendingTtl", "1").get("fileId").asString();
        await("the deadline", Duration.ofSeconds(5), () -> reaper.due().contains(id));

        // the reaper has picked the file (it is due); the app's commit comes in before the deleting transaction
        assertThat(commit(slow, id).statusCode()).isEqualTo(200);
        assertThat(reaper.reap(id)).isFalse();
        assertThat(exists(slow, id)).isTrue();
        assertThat(reaper.due()).doesNotContain(id);
        assertThat(blobStored(slow, sha(slow, id))).isTrue();
    }

    @Test
    void an_overwrite_of_a_file_reaped_meanwhile_is_refused_and_keeps_no_orphan_version() throws Exception {
        PendingReaper reaper = slow.bean(PendingReaper.class);
        FileCatalog catalog = slow.bean(FileCatalog.class);
        String id = upload(slow, "/pending/gone", "g.jpg", "pendingTtl", "1").get("fileId").asString();
        FileRecord seen = catalog.find(id).orElseThrow(); // what an overwriting upload looked at
        await("the deadline", Duration.ofSeconds(5), () -> reaper.due().contains(id));
        assertThat(reaper.reap(id)).isTrue();

        byte[] bytes = Images.uniqueJpeg();
        FileRecord replacement = new FileRecord(id, seen.filePath(), seen.folderPath(), seen.name(), "v2" + id,
                2, Images.sha256(bytes), bytes.length, seen.mime(), seen.format(), seen.fileType(), seen.width(),
                seen.height(), false, false, true, null, null, null, Map.of(), null, seen.createdAt(),
                Instant.now());
        try (StagedBlob staged = slow.bean(BlobStore.class).stage(new ByteArrayInputStream(bytes), 1 << 20)) {
            assertThatThrownBy(() -> catalog.save(replacement, staged, Optional.of(seen)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        }
        assertThat(rows(slow, "files", id)).isZero();
        assertThat(rows(slow, "file_versions", id)).isZero();
        assertThat(slow.bean(BlobReferences.class).count(seen.sha256())).isZero();
        assertThat(slow.bean(BlobReferences.class).count(replacement.sha256())).isZero();
    }

    @Test
    void commit_and_reaper_racing_on_many_files_never_both_win() throws Exception {
        PendingReaper reaper = slow.bean(PendingReaper.class);
        int n = 24;
        List<String> ids = new ArrayList<>();
        Map<String, String> shas = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = upload(slow, "/pending/race", "r" + i + ".jpg", "pendingTtl", "1").get("fileId").asString();
            ids.add(id);
            shas.put(id, sha(slow, id));
        }
        await("every deadline", Duration.ofSeconds(10), () -> reaper.due().containsAll(ids));

        List<Future<Integer>> commits = new ArrayList<>();
        List<Future<Boolean>> reaps = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (String id : ids) {
                commits.add(pool.submit(() -> {
                    go.await();
                    return commit(slow, id).statusCode();
                }));
                reaps.add(pool.submit(() -> {
                    go.await();
                    return reaper.reap(id);
                }));
            }
            go.countDown();
            int kept = 0;
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                int status = commits.get(i).get();
                boolean reaped = reaps.get(i).get();
                assertThat(status).as(id).isIn(200, 404);
                assertThat(reaped).as("%s: commit answered %d", id, status).isEqualTo(status == 404);
                assertThat(exists(slow, id)).as(id).isEqualTo(!reaped);
                assertThat(blobStored(slow, shas.get(id))).as(id).isEqualTo(!reaped);
                if (!reaped) {
                    kept++;
                    assertThat(json(details(slow, id)).has("pendingUntil")).isFalse();
                }
            }
            System.out.println("commit vs reaper on " + n + " due files: " + kept + " committed, " + (n - kept)
                    + " reaped");
        }
        assertThat(reaper.due()).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void pending_rows_left_by_a_stopped_server_are_reaped_after_a_restart() throws Exception {
        Map<String, String> settings = with(databaseSettings(), "PIXKIT_DATA_DIR",
                Files.createTempDirectory("pixkit-restart-").toString());
        List<String> expiring = new ArrayList<>();
        Map<String, String> shas = new HashMap<>();
        String later;
        String committed;
        try (TestServer first = TestServer.start(with(settings, REAPER, "3600000"))) {
            for (int i = 0; i < 3; i++) {
                String id = upload(first, "/pending/restart", "e" + i + ".jpg", "pendingTtl", "1").get("fileId")
                        .asString();
                expiring.add(id);
                shas.put(id, sha(first, id));
            }
            later = upload(first, "/pending/restart", "later.jpg", "pendingTtl", "3600").get("fileId").asString();
            committed = upload(first, "/pending/restart", "done.jpg").get("fileId").asString();
        }
        Thread.sleep(1100); // the deadlines pass while no server runs

        try (TestServer second = TestServer.start(with(settings, REAPER, "3600000"))) {
            // the reaper's first run is at start
            await("the reaper after restart", Duration.ofSeconds(10),
                    () -> expiring.stream().noneMatch(id -> exists(second, id)));
            for (String id : expiring) {
                assertThat(rows(second, "files", id)).isZero();
                assertThat(blobStored(second, shas.get(id))).isFalse();
            }
            assertThat(json(details(second, later)).has("pendingUntil")).isTrue();
            assertThat(exists(second, committed)).isTrue();
        }
    }
}
