package dev.pixkit.server.catalog;

import static dev.pixkit.server.catalog.CatalogFixtures.awaitJob;
import static dev.pixkit.server.catalog.CatalogFixtures.content;
import static dev.pixkit.server.catalog.CatalogFixtures.unique;
import static dev.pixkit.server.catalog.CatalogFixtures.upload;
import static dev.pixkit.server.catalog.FoldersApiTest.assertError;
import static dev.pixkit.server.support.Http.json;
import static dev.pixkit.server.support.Http.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bulk folder jobs end to end over HTTP: submitted, polled until Completed, then checked in the catalog (files,
 * versions, folders) and the blob store; validation that answers before anything is queued; locking; and a job
 * left Pending by a stop that the next start completes.
 */
class BulkJobsTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final FolderRepository folders = server.bean(FolderRepository.class);
    private final FileCatalog catalog = server.bean(FileCatalog.class);

    /** {@code root/a/b} with b/1.bin (two versions), b/sub/2.bin and the empty folder b/empty. */
    private Map<String, JsonNode> tree(String root) {
        JsonNode one = upload(http, root + "/a/b", "1.bin", content());
        upload(http, root + "/a/b", "1.bin", content());
        JsonNode two = upload(http, root + "/a/b/sub", "2.bin", content());
        folders.ensureExists(root + "/a/b/empty", 1);
        return Map.of("one", one, "two", two);
    }

    private String submit(String kind, Map<String, Object> body, int expectedStatus) {
        var r = http.json("POST", "/v1/bulkJobs/" + kind, body);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(expectedStatus);
        JsonNode j = json(r);
        assertThat(j.propertyNames()).containsExactly("jobId");
        OpenApiSpec.assertConforms(j, "JobResponse");
        return j.get("jobId").asString();
    }

    private FileRecord at(String path) {
        return catalog.findByPath(path).orElseThrow(() -> new AssertionError("no file at " + path));
    }

    @Test
    void copy_puts_the_folder_itself_into_the_destination_with_empty_subfolders_and_shares_the_bytes()
            throws Exception {
        String root = unique("copy");
        Map<String, JsonNode> src = tree(root);
        long blobs = server.blobCount();

        String jobId = submit("copyFolder", Map.of("sourceFolderPath", root + "/a/b", "destinationPath",
                root + "/x"), 200);
        JsonNode status = awaitJob(http, jobId);
        assertThat(status.get("jobId").asString()).isEqualTo(jobId);
        assertThat(status.get("type").asString()).isEqualTo("COPY_FOLDER");
        assertThat(status.get("status").asString()).isEqualTo("Completed");
        assertThat(status.has("purgeRequestId")).isFalse();

        assertThat(folders.tree(root + "/x")).containsExactly(root + "/x", root + "/x/b", root + "/x/b/empty",
                root + "/x/b/sub");
        FileRecord one = at(root + "/x/b/1.bin");
        assertThat(one.fileId()).isNotEqualTo(src.get("one").get("fileId").asString());
        assertThat(one.sha256()).isEqualTo(at(root + "/a/b/1.bin").sha256());
        assertThat(catalog.versions(one.fileId())).hasSize(1); // includeVersions defaults to false
        assertThat(at(root + "/x/b/sub/2.bin").sha256()).isEqualTo(at(root + "/a/b/sub/2.bin").sha256());
        assertThat(catalog.versions(src.get("one").get("fileId").asString())).hasSize(2); // source untouched
        assertThat(folders.tree(root + "/a/b")).hasSize(3);
        assertThat(server.blobCount()).isEqualTo(blobs);

        String withVersions = submit("copyFolder", Map.of("sourceFolderPath", root + "/a/b", "destinationPath",
                root + "/y", "includeVersions", true), 200);
        assertThat(awaitJob(http, withVersions).get("status").asString()).isEqualTo("Completed");
        List<FileRecord> history = catalog.versions(at(root + "/y/b/1.bin").fileId());
        assertThat(history).extracting(FileRecord::sha256)
                .containsExactlyElementsOf(catalog.versions(src.get("one").get("fileId").asString()).stream()
                        .map(FileRecord::sha256).toList());

        // Copying again onto the same names appends to those files' histories, as ImageKit does.
        String again = submit("copyFolder", Map.of("sourceFolderPath", root + "/a/b", "destinationPath",
                root + "/x"), 200);
        assertThat(awaitJob(http, again).get("status").asString()).isEqualTo("Completed");
        assertThat(at(root + "/x/b/1.bin").fileId()).isEqualTo(one.fileId());
        assertThat(catalog.versions(one.fileId())).hasSize(2);
        assertThat(server.blobCount()).isEqualTo(blobs);
    }

    @Test
    void move_takes_the_folder_with_its_versions_and_appends_to_same_name_files_at_the_destination()
            throws Exception {
        String root = unique("move");
        Map<String, JsonNode> src = tree(root);
        JsonNode existing = upload(http, root + "/n/b", "1.bin", content());
        long blobs = server.blobCount();
        long files = server.fileRows();

        String jobId = submit("moveFolder", Map.of("sourceFolderPath", root + "/a/b", "destinationPath",
                root + "/n"), 200);
        JsonNode status = awaitJob(http, jobId);
        assertThat(status.get("type").asString()).isEqualTo("MOVE_FOLDER");
        assertThat(status.get("status").asString()).isEqualTo("Completed");

        assertThat(folders.tree(root + "/a/b")).isEmpty();
        assertThat(folders.exists(root + "/a")).isTrue();
        assertThat(folders.tree(root + "/n")).containsExactly(root + "/n", root + "/n/b", root + "/n/b/empty",
                root + "/n/b/sub");
        FileRecord merged = at(root + "/n/b/1.bin");
        assertThat(merged.fileId()).isEqualTo(existing.get("fileId").asString());
        assertThat(catalog.versions(merged.fileId())).hasSize(3); // its own + the moved file's two
        assertThat(catalog.find(src.get("one").get("fileId").asString())).isEmpty();
        FileRecord two = at(root + "/n/b/sub/2.bin");
        assertThat(two.fileId()).isEqualTo(src.get("two").get("fileId").asString()); // moved, same id
        assertThat(server.fileRows()).isEqualTo(files - 1);
        assertThat(server.blobCount()).isEqualTo(blobs);
        assertThat(http.get(pathOf(src.get("two").get("url").asString())).statusCode()).isEqualTo(404);
        assertThat(http.get(pathOf(server.endpoint() + root + "/n/b/sub/2.bin")).statusCode()).isEqualTo(200);
    }

    @Test
    void rename_keeps_ids_and_versions_changes_every_path_and_records_one_purge() throws Exception {
        String root = unique("rename");
        Map<String, JsonNode> src = tree(root);
        JsonNode image = upload(http, root + "/a/b", "p.jpg", Images.jpeg(32, 24));
        assertThat(http.get(pathOf(image.get("url").asString()) + "?tr=w-10").statusCode()).isEqualTo(200);
        long blobs = server.blobCount();

        String jobId = submit("renameFolder", Map.of("folderPath", root + "/a/b", "newFolderName", "c d",
                "purgeCache", true), 202);
        JsonNode status = awaitJob(http, jobId);
        assertThat(status.get("type").asString()).isEqualTo("RENAME_FOLDER");
        assertThat(status.get("status").asString()).isEqualTo("Completed");
        String purgeId = status.get("purgeRequestId").asString();
        assertThat(json(http.getAuthed("/v1/files/purge/" + purgeId)).get("status").asString())
                .isEqualTo("Completed");
        assertThat(server.jdbc().sql("SELECT url FROM purge_requests WHERE request_id = :id").param("id", purgeId)
                .query(String.class).single()).isEqualTo(server.endpoint() + root + "/a/b*");

        String renamed = root + "/a/c_d";
        assertThat(folders.tree(renamed)).containsExactly(renamed, renamed + "/empty", renamed + "/sub");
        assertThat(folders.tree(root + "/a/b")).isEmpty();
        FileRecord one = at(renamed + "/1.bin");
        assertThat(one.fileId()).isEqualTo(src.get("one").get("fileId").asString());
        assertThat(catalog.versions(one.fileId())).hasSize(2)
                .allSatisfy(v -> assertThat(v.filePath()).isEqualTo(renamed + "/1.bin"));
        assertThat(at(renamed + "/sub/2.bin").fileId()).isEqualTo(src.get("two").get("fileId").asString());
        assertThat(http.get(pathOf(server.endpoint() + renamed + "/p.jpg")).statusCode()).isEqualTo(200);
        assertThat(http.get(pathOf(image.get("url").asString())).statusCode()).isEqualTo(404);
        assertThat(server.blobCount()).isEqualTo(blobs);

        String quiet = submit("renameFolder", Map.of("folderPath", renamed, "newFolderName", "e"), 202);
        JsonNode quietStatus = awaitJob(http, quiet);
        assertThat(quietStatus.get("status").asString()).isEqualTo("Completed");
        assertThat(quietStatus.has("purgeRequestId")).isFalse();
        assertThat(at(root + "/a/e/1.bin").fileId()).isEqualTo(one.fileId());
    }

    @Test
    void invalid_requests_are_answered_at_once_and_queue_nothing() {
        String root = unique("invalid");
        tree(root);
        folders.ensureExists(root + "/taken", 1);
        long jobs = jobRows();
        String missing = root + "/nope/";
        assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", missing,
                "destinationPath", root)), 404, "No files & folder found at sourceFolderPath `" + missing + "`.",
                "NO_FILES_FOLDER");
        assertError(http.json("POST", "/v1/bulkJobs/moveFolder", Map.of("sourceFolderPath", missing,
                "destinationPath", root)), 404, "No files & folder found at sourceFolderPath `" + missing + "`.",
                "NO_FILES_FOLDER");
        assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", root + "/a/b",
                "destinationPath", root + "/a/b/")), 400, "sourceFolderPath and destinationPath is same",
                "SAME_SOURCE_AND_DESTINATION");
        assertError(http.json("POST", "/v1/bulkJobs/moveFolder", Map.of("sourceFolderPath", root + "/a/b",
                "destinationPath", root + "/a")), 400, null, "SAME_SOURCE_AND_DESTINATION");
        assertError(http.json("POST", "/v1/bulkJobs/moveFolder", Map.of("sourceFolderPath", root + "/a",
                "destinationPath", root + "/a/b/sub")), 400, "This operation is not allowed because parent folder"
                + " cannot be moved into child folder.", "INVALID_DESTINATION_PATH");
        assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", "/",
                "destinationPath", root)), 400, "sourceFolderPath cannot be root.", "SOURCE_IS_ROOT");
        assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", root + "/a")), 400,
                "destinationPath parameter is missing.", "MISSING_PARAMETER");
        assertError(http.json("POST", "/v1/bulkJobs/moveFolder", Map.of("sourceFolderPath", root + "/../a",
                "destinationPath", root)), 400, null, "INVALID_FOLDER_PATH");
        assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("folderPath", missing,
                "newFolderName", "x")), 404, "Source folder not found.", null);
        assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("folderPath", root + "/a",
                "newFolderName", "taken")), 409, "Folder with name taken already exists at the same location.", null);
        assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("folderPath", "/",
                "newFolderName", "x")), 400, "folderPath cannot be root.", null);
        assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("newFolderName", "x")), 400,
                "folderPath parameter is missing.", null);
        assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("folderPath", root + "/a",
                "newFolderName", "..")), 400, "'.' & '..' can not be used as folder-name", null);
        assertThat(jobRows()).isEqualTo(jobs);
        assertError(http.getAuthed("/v1/bulkJobs/0123456789abcdef01234567"), 404,
                "The requested job does not exist.", null);
    }

    @Test
    void a_pending_job_locks_its_folders_with_423() {
        String root = unique("locked");
        tree(root);
        folders.ensureExists(root + "/c", 1);
        String pendingId = Ids.next();
        server.jdbc().sql("INSERT INTO bulk_jobs (job_id, job_type, status, request, created_at, updated_at)"
                        + " VALUES (:id, 'MOVE_FOLDER', 'Pending', :request, 0, 0)")
                .param("id", pendingId).param("request", "{\"sourceFolderPath\":\"" + root + "/a\","
                        + "\"destinationPath\":\"" + root + "/z\"}").update();
        try {
            assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", root + "/a/b",
                    "destinationPath", root + "/q")), 423,
                    "A bulk job is running on given folder path, please try after sometime.", null);
            assertError(http.json("POST", "/v1/bulkJobs/copyFolder", Map.of("sourceFolderPath", root + "/c",
                    "destinationPath", root + "/z/a")), 423,
                    "Destination folder path is already locked. Please try after sometime.", null);
            assertError(http.json("POST", "/v1/bulkJobs/renameFolder", Map.of("folderPath", root + "/a/b",
                    "newFolderName", "x")), 423,
                    "A bulk job is running on given folder path, please try after sometime.", null);
        } finally {
            server.jdbc().sql("DELETE FROM bulk_jobs WHERE job_id = :id").param("id", pendingId).update();
        }
        String free = submit("copyFolder", Map.of("sourceFolderPath", root + "/c", "destinationPath", root + "/q"),
                200);
        assertThat(free).isNotBlank();
    }

    @Test
    void a_job_left_pending_by_a_stop_runs_at_the_next_start_and_a_failing_one_is_marked_failed()
            throws Exception {
        var dataDir = Files.createTempDirectory("pixkit-restart-");
        Map<String, String> settings = Map.of("PIXKIT_DATA_DIR", dataDir.toString());
        String copyId = Ids.next();
        String failingId = Ids.next();
        long blobs;
        try (TestServer first = TestServer.start(settings)) {
            Http h = first.http();
            upload(h, "/p/src", "1.bin", content());
            upload(h, "/p/src/sub", "2.bin", content());
            blobs = first.blobCount();
            // As if the server stopped after answering: the jobs are recorded, their work not committed.
            insertPending(first, copyId, "COPY_FOLDER",
                    "{\"sourceFolderPath\":\"/p/src\",\"destinationPath\":\"/p/dst\",\"includeVersions\":false}");
            insertPending(first, failingId, "MOVE_FOLDER",
                    "{\"sourceFolderPath\":\"/p/gone\",\"destinationPath\":\"/p/dst\"}");
        }
        try (TestServer second = TestServer.start(settings)) {
            Http h = second.http();
            JsonNode copied = awaitJob(h, copyId);
            assertThat(copied.get("status").asString()).isEqualTo("Completed");
            FileCatalog files = second.bean(FileCatalog.class);
            assertThat(files.findByPath("/p/dst/src/1.bin")).isPresent();
            assertThat(files.findByPath("/p/dst/src/sub/2.bin")).isPresent();
            assertThat(files.findByPath("/p/src/1.bin")).isPresent();
            assertThat(second.blobCount()).isEqualTo(blobs);

            JsonNode failed = awaitJob(h, failingId);
            assertThat(failed.get("status").asString()).isEqualTo("Failed");
            assertThat(failed.get("message").asString())
                    .isEqualTo("No files & folder found at sourceFolderPath `/p/gone`.");
        }
    }

    private static void insertPending(TestServer s, String id, String type, String request) {
        s.jdbc().sql("INSERT INTO bulk_jobs (job_id, job_type, status, request, created_at, updated_at)"
                        + " VALUES (:id, :type, 'Pending', :request, :now, :now)")
                .param("id", id).param("type", type).param("request", request)
                .param("now", System.currentTimeMillis()).update();
    }

    private long jobRows() {
        return server.jdbc().sql("SELECT COUNT(*) FROM bulk_jobs").query(Long.class).single();
    }
}
