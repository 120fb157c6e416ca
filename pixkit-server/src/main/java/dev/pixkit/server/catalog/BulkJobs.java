package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pixkit.server.cache.Purges;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * ImageKit's bulk folder jobs (copy, move, rename). A request is validated at once, recorded as a {@code Pending}
 * row and answered with its job id; the job then runs on a single background (virtual) thread, one job at a time.
 * The whole job — the folder operation and the row turning {@code Completed} — is one database transaction, so a
 * job is all or nothing: after a crash it is still {@code Pending} with nothing applied, and is run again at the
 * next start. A job that fails is rolled back and marked {@code Failed} with the error.
 */
@Service
public class BulkJobs {
    private static final Logger log = LoggerFactory.getLogger(BulkJobs.class);
    private static final String PENDING = "Pending";

    private final FolderOperations operations;
    private final FileCatalog catalog;
    private final Purges purges;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final String endpoint;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("pixkit-bulk-job-", 0).factory());
    private volatile boolean stopping;

    BulkJobs(FolderOperations operations, FileCatalog catalog, Purges purges, JdbcClient jdbc, TransactionTemplate tx,
            JsonMapper json, Clock clock, PixkitSettings settings) {
        this.operations = operations;
        this.catalog = catalog;
        this.purges = purges;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        String e = settings.urlEndpoint().toString();
        this.endpoint = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    public enum Type { COPY_FOLDER, MOVE_FOLDER, RENAME_FOLDER }

    /** A job's request, normalised (folder paths as Names makes them), as stored in {@code bulk_jobs.request}. */
    public sealed interface Job permits CopyFolder, MoveFolder, RenameFolder {
        Type type();

        /** The folder the job reads (and, for move and rename, removes). */
        String source();

        /** The folder the job writes. */
        String target();
    }

    public record CopyFolder(String sourceFolderPath, String destinationPath, boolean includeVersions) implements Job {
        public Type type() {
            return Type.COPY_FOLDER;
        }

        public String source() {
            return sourceFolderPath;
        }

        public String target() {
            return FileRecord.pathOf(destinationPath, FolderOperations.nameOf(sourceFolderPath));
        }
    }

    public record MoveFolder(String sourceFolderPath, String destinationPath) implements Job {
        public Type type() {
            return Type.MOVE_FOLDER;
        }

        public String source() {
            return sourceFolderPath;
        }

        public String target() {
            return FileRecord.pathOf(destinationPath, FolderOperations.nameOf(sourceFolderPath));
        }
    }

    public record RenameFolder(String folderPath, String newFolderName, boolean purgeCache) implements Job {
        public Type type() {
            return Type.RENAME_FOLDER;
        }

        public String source() {
            return folderPath;
        }

        public String target() {
            return FileRecord.pathOf(FolderOperations.parentOf(folderPath), newFolderName);
        }
    }

    /** {@code GET /v1/bulkJobs/{jobId}}; {@code message} only for a failed job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String jobId, Type type, String status, String purgeRequestId, String message) {}

    /**
     * Checks the job against the catalog and the jobs still pending (423 when one works on the same folders),
     * records it and queues it; returns the job id. {@code asRequested} is the source path as the client wrote it.
     */
    public String submit(Job job, String asRequested) {
        switch (job) {
            case CopyFolder c -> operations.checkCopyOrMove(c.sourceFolderPath(), c.destinationPath(), asRequested);
            case MoveFolder m -> operations.checkCopyOrMove(m.sourceFolderPath(), m.destinationPath(), asRequested);
            case RenameFolder r -> operations.checkRename(r.folderPath(), r.newFolderName());
        }
        checkNotLocked(job);
        String id = Ids.next();
        long now = clock.millis();
        jdbc.sql("INSERT INTO bulk_jobs (job_id, job_type, status, request, created_at, updated_at)"
                        + " VALUES (:id, :type, :status, :request, :now, :now)")
                .param("id", id).param("type", job.type().name()).param("status", PENDING)
                .param("request", json.writeValueAsString(job)).param("now", now).update();
        schedule(id);
        return id;
    }

    public Optional<Status> find(String jobId) {
        return jdbc.sql("SELECT job_id, job_type, status, purge_request_id, error FROM bulk_jobs WHERE job_id = :id")
                .param("id", jobId)
                .query((rs, n) -> new Status(rs.getString(1), Type.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** Runs again the jobs a stop or crash left {@code Pending} (their transactions were rolled back). */
    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        List<String> pending = jdbc.sql("SELECT job_id FROM bulk_jobs WHERE status = :s ORDER BY created_at, job_id")
                .param("s", PENDING).query(String.class).list();
        if (!pending.isEmpty()) {
            log.info("Resuming {} pending bulk job(s)", pending.size());
        }
        pending.forEach(this::schedule);
    }

    private void schedule(String jobId) {
        executor.execute(() -> run(jobId));
    }

    /** Runs one job in one transaction; does nothing when it is no longer pending (already run). */
    void run(String jobId) {
        if (stopping) {
            return; // stays Pending: runs at the next start
        }
        try {
            tx.executeWithoutResult(status -> {
                Optional<Job> job = claim(jobId);
                if (job.isEmpty()) {
                    return;
                }
                String purgeRequestId = execute(job.get());
                jdbc.sql("UPDATE bulk_jobs SET status = 'Completed', purge_request_id = :purge, updated_at = :now"
                                + " WHERE job_id = :id")
                        .param("purge", purgeRequestId).param("now", clock.millis()).param("id", jobId).update();
            });
        } catch (RuntimeException e) {
            if (stopping) {
                log.info("Bulk job {} interrupted by shutdown; it stays Pending and runs again at the next start",
                        jobId);
                return;
            }
            if (e instanceof ApiException) {
                log.warn("Bulk job {} failed: {}", jobId, e.getMessage());
            } else {
                log.warn("Bulk job {} failed", jobId, e);
            }
            jdbc.sql("UPDATE bulk_jobs SET status = 'Failed', error = :error, updated_at = :now"
                            + " WHERE job_id = :id AND status = :pending")
                    .param("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .param("now", clock.millis()).param("id", jobId).param("pending", PENDING).update();
        }
    }

    /**
     * Locks the job's row for this transaction (the UPDATE takes the row lock on PostgreSQL; SQLite's write
     * transaction is exclusive anyway) and reads its request, when it is still pending.
     */
    private Optional<Job> claim(String jobId) {
        int pending = jdbc.sql("UPDATE bulk_jobs SET updated_at = :now WHERE job_id = :id AND status = :s")
                .param("now", clock.millis()).param("id", jobId).param("s", PENDING).update();
        if (pending == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT job_type, request FROM bulk_jobs WHERE job_id = :id").param("id", jobId)
                .query((rs, n) -> parse(Type.valueOf(rs.getString(1)), rs.getString(2))).optional();
    }

    private Job parse(Type type, String request) {
        return switch (type) {
            case COPY_FOLDER -> json.readValue(request, CopyFolder.class);
            case MOVE_FOLDER -> json.readValue(request, MoveFolder.class);
            case RENAME_FOLDER -> json.readValue(request, RenameFolder.class);
        };
    }

    /** Does the job's work in the current transaction; returns the purge request id of a purging rename. */
    private String execute(Job job) {
        switch (job) {
            case CopyFolder c -> operations.copy(c.sourceFolderPath(), c.destinationPath(), c.includeVersions());
            case MoveFolder m -> operations.move(m.sourceFolderPath(), m.destinationPath());
            case RenameFolder r -> {
                List<String> contents = r.purgeCache() ? catalog.contentOf(r.folderPath() + "/", true) : List.of();
                operations.rename(r.folderPath(), r.newFolderName());
                if (r.purgeCache()) {
                    // As ImageKit: one purge request for everything that was under the old path.
                    return purges.purge(endpoint + r.folderPath() + "*", contents);
                }
            }
        }
        return null;
    }

    /** 423 when a pending job reads or writes a folder that overlaps this job's source or target. */
    private void checkNotLocked(Job job) {
        List<Job> pending = jdbc.sql("SELECT job_type, request FROM bulk_jobs WHERE status = :s").param("s", PENDING)
                .query((rs, n) -> parse(Type.valueOf(rs.getString(1)), rs.getString(2))).list();
        for (Job other : pending) {
            if (overlaps(job.source(), other.source()) || overlaps(job.source(), other.target())) {
                throw new ApiException(HttpStatus.LOCKED,
                        "A bulk job is running on given folder path, please try after sometime.");
            }
            if (overlaps(job.target(), other.source()) || overlaps(job.target(), other.target())) {
                throw new ApiException(HttpStatus.LOCKED,
                        "Destination folder path is already locked. Please try after sometime.");
            }
        }
    }

    /** One folder is the other or contains it. */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b.equals("/") ? "/" : b + "/") || b.startsWith(a.equals("/") ? "/" : a + "/");
    }

    /** Lets the running job finish; queued ones stay Pending in the database and run at the next start. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            log.warn("A bulk job is still running at shutdown; it will roll back and run again at the next start");
        }
    }
}
