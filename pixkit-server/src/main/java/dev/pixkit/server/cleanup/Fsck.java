package dev.pixkit.server.cleanup;

import dev.pixkit.server.cache.ResultCache;
import dev.pixkit.server.cleanup.FsckReport.Check;
import dev.pixkit.server.cleanup.FsckReport.Checked;
import dev.pixkit.server.cleanup.FsckReport.Finding;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.BlobStore.BlobInfo;
import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the catalog, the blob store, the result cache and the temp directory, reports what does not add up and,
 * with repair, fixes what can be fixed. Used by {@code GET|POST /v1/pixkit/fsck} in the server and by
 * {@code pixkit fsck} offline; both may run while the server serves, so:
 *
 * <ul>
 *   <li>Reads that must agree with each other are single statements (one snapshot, in autocommit: no lock held
 *       while the blob store is listed); what the store listing and a later read could disagree on is confirmed
 *       again before it is reported.</li>
 *   <li>Bytes are never deleted here: unreferenced content is queued in the deletion outbox and removed by
 *       {@link BlobSweeper#sweep}, under the sweeper's lock protocol, so an upload of the same content racing the
 *       repair keeps its bytes. Blobs and temp files younger than the grace period (default 1 hour,
 *       {@code PIXKIT_FSCK_GRACE}) are left alone: an upload publishes its bytes just before its row commits.</li>
 *   <li>Refcounts are corrected in a transaction that first locks the {@code blobs} row, then counts the rows.</li>
 * </ul>
 *
 * <p>Scale: the hashes referenced by the catalog are streamed once into compact sets ({@link ShaSet}), the store is
 * listed once against them, and refcount drift is one grouped query; nothing is loaded twice.
 */
@Component
public class Fsck {
    private static final Logger log = LoggerFactory.getLogger(Fsck.class);
    static final int EXAMPLES = 20;
    /** An outbox row this far past its due time has been missed by the sweeper (which runs every few seconds). */
    static final Duration OVERDUE = Duration.ofMinutes(1);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Content whose {@code blobs.refs} differs from the rows that use it, used content without a {@code blobs} row,
     * and unused content whose row is not queued for deletion. One statement, so one consistent snapshot.
     */
    private static final String DRIFT_SQL = """
            SELECT c.sha256, c.n, b.refs FROM (
                SELECT u.sha256, COUNT(*) AS n FROM (
                    SELECT blob_sha256 AS sha256 FROM files UNION ALL SELECT blob_sha256 FROM file_versions) u
                GROUP BY u.sha256) c
            LEFT JOIN blobs b ON b.sha256 = c.sha256
            WHERE b.sha256 IS NULL OR b.refs <> c.n
            UNION ALL
            SELECT b.sha256, 0, b.refs FROM blobs b
            WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.blob_sha256 = b.sha256)
              AND NOT EXISTS (SELECT 1 FROM file_versions v WHERE v.blob_sha256 = b.sha256)
              AND (b.refs <> 0 OR NOT EXISTS (SELECT 1 FROM blob_deletions d WHERE d.sha256 = b.sha256))""";

    /** Every hash the catalog knows, tagged by where: 1 file, 2 version, 3 refcount row, 4 deletion outbox. */
    private static final String KNOWN_SQL = """
            SELECT blob_sha256, 1 FROM files
            UNION ALL SELECT blob_sha256, 2 FROM file_versions
            UNION ALL SELECT sha256, 3 FROM blobs
            UNION ALL SELECT sha256, 4 FROM blob_deletions""";

    private static final String ROWS_SQL = """
            SELECT f.file_path, f.file_id, f.version_id, f.blob_sha256, 1 FROM files f
            UNION ALL
            SELECT f.file_path, v.file_id, v.version_id, v.blob_sha256, 0
            FROM file_versions v LEFT JOIN files f ON f.file_id = v.file_id""";

    private static final String USED_BY_ROWS_SQL = """
            SELECT (SELECT COUNT(*) FROM files WHERE blob_sha256 = :sha)
                 + (SELECT COUNT(*) FROM file_versions WHERE blob_sha256 = :sha)""";

    private static final String KNOWN_ANYWHERE_SQL = """
            SELECT (SELECT COUNT(*) FROM files WHERE blob_sha256 = :sha)
                 + (SELECT COUNT(*) FROM file_versions WHERE blob_sha256 = :sha)
                 + (SELECT COUNT(*) FROM blobs WHERE sha256 = :sha)
                 + (SELECT COUNT(*) FROM blob_deletions WHERE sha256 = :sha)""";

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final ResultCache cache;
    private final BlobSweeper sweeper;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Path tmp;
    private final Duration defaultGrace;
    private final ReentrantLock running = new ReentrantLock();

    Fsck(JdbcClient jdbc, BlobStore blobs, ResultCache cache, BlobSweeper sweeper,
            PlatformTransactionManager transactions, Clock clock, PixkitSettings settings) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.cache = cache;
        this.sweeper = sweeper;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.tmp = settings.dataDir().resolve("tmp");
        this.defaultGrace = settings.fsckGrace();
    }

    /** The grace period used when none is given: {@code PIXKIT_FSCK_GRACE}, 1 hour by default. */
    public Duration defaultGrace() {
        return defaultGrace;
    }

    /** Checks only; changes nothing. */
    public FsckReport check() {
        return run(false, defaultGrace);
    }

    /** Checks, repairs what can be repaired, and checks again to report what remains. */
    public FsckReport repair() {
        return run(true, defaultGrace);
    }

    /**
     * One run. {@code grace}: blobs and temp files modified more recently than this are not looked at (0 in tests).
     * Runs in this process are serialised; runs in other processes are safe, as every repair is transactional.
     */
    public FsckReport run(boolean repair, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative");
        }
        running.lock();
        try {
            long start = System.nanoTime();
            Pass first = pass(repair, grace);
            Pass after = repair ? pass(false, grace) : first;
            List<Finding> findings = new ArrayList<>();
            int problems = 0;
            for (Check c : Check.values()) {
                Tally found = first.tallies.get(c);
                Tally left = after.tallies.get(c);
                problems += (int) Math.min(Integer.MAX_VALUE, left.count);
                findings.add(new Finding(c.id(), found.count, found.examples, repair ? found.repaired : 0,
                        left.count, repair ? left.examples : List.of(), found.action));
            }
            FsckReport report = new FsckReport(problems, repair, findings, first.checked, grace.toSeconds(),
                    (System.nanoTime() - start) / 1_000_000);
            log.info("fsck{}: {} problem(s) remaining; {}", repair ? " --repair" : "", problems,
                    String.join(", ", findings.stream().map(f -> f.check() + " " + f.count()
                            + (repair ? "/" + f.repaired() + " repaired" : "")).toList()));
            return report;
        } finally {
            running.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // one pass

    private static final class Tally {
        long count;
        long repaired;
        final List<String> examples = new ArrayList<>();
        String action;

        void found(String example) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(example);
            }
        }
    }

    private static final class Pass {
        final Map<Check, Tally> tallies = new EnumMap<>(Check.class);
        Checked checked;

        Tally tally(Check c) {
            return tallies.computeIfAbsent(c, k -> new Tally());
        }
    }

    /**
     * Refcounts and the outbox first (their repairs queue and sweep content), then the store against the catalog,
     * then the cache (so renditions of content swept above are found) and the temp directory.
     */
    private Pass pass(boolean repair, Duration grace) {
        Pass p = new Pass();
        refcountDrift(p.tally(Check.REFCOUNT_DRIFT), repair);
        stuckDeletions(p.tally(Check.STUCK_DELETIONS), repair);

        Instant cutoff = clock.instant().minus(grace);
        ShaSet used = new ShaSet();
        ShaSet known = new ShaSet();
        long[] counts = new long[5];
        jdbc.sql(KNOWN_SQL).query((RowCallbackHandler) rs -> {
            String sha = rs.getString(1);
            int where = rs.getInt(2);
            counts[where]++;
            known.add(sha);
            if (where <= 2) {
                used.add(sha);
            }
        });
        ShaSet stored = new ShaSet();
        long[] store = new long[2];
        List<BlobInfo> strays = new ArrayList<>();
        try {
            blobs.forEach(b -> {
                store[0]++;
                store[1] += b.size();
                stored.add(b.sha256());
                if (!known.contains(b.sha256()) && b.modified().isBefore(cutoff)) {
                    strays.add(b);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the blob store", e);
        }
        unreferencedBlobs(p.tally(Check.UNREFERENCED_BLOBS), strays, repair);
        missingBlobs(p.tally(Check.MISSING_BLOBS), stored, repair);
        long contents = renditionsWithoutSource(p.tally(Check.RENDITIONS_WITHOUT_SOURCE), used, repair);
        long temps = staleTempFiles(p.tally(Check.STALE_TEMP_FILES), cutoff, repair);
        p.checked = new Checked(store[0], store[1], counts[1], counts[2], contents, temps, counts[4]);
        return p;
    }

    // ---------------------------------------------------------------------------------------------------------
    // unreferenced blobs

    private void unreferencedBlobs(Tally t, List<BlobInfo> strays, boolean repair) {
        List<BlobInfo> confirmed = new ArrayList<>();
        for (BlobInfo b : strays) {
            // the listing and the catalog read were not one snapshot: an upload may have taken it since
            if (knownAnywhere(b.sha256()) == 0) {
                confirmed.add(b);
                t.found(b.sha256() + " (" + b.size() + " bytes, stored " + time(b.modified()) + ")");
            }
        }
        if (!repair) {
            t.action = "queue them for deletion; the sweeper removes the bytes under its lock, so content uploaded"
                    + " again meanwhile is kept";
            return;
        }
        long kept = 0;
        for (BlobInfo b : confirmed) {
            if (!queueStray(b)) {
                kept++;
            } else if (sweepAndPurge(b.sha256())) {
                t.repaired++;
            }
        }
        t.action = confirmed.isEmpty() ? "nothing to do" : "queued " + (confirmed.size() - kept)
                + " for deletion; the sweeper removed " + t.repaired
                + (kept > 0 ? "; " + kept + " became referenced meanwhile and were kept" : "");
    }

    /**
     * Queues content no row knows, with a zero-count {@code blobs} row for the sweeper to lock (so that a concurrent
     * upload's reference waits for the sweep or makes it keep the bytes). False when it became known meanwhile.
     */
    private boolean queueStray(BlobInfo b) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (knownAnywhere(b.sha256()) > 0) {
                return false;
            }
            long now = clock.millis();
            jdbc.sql("INSERT INTO blobs (sha256, size, refs, created_at) VALUES (:sha, :size, 0, :now)"
                            + " ON CONFLICT (sha256) DO NOTHING")
                    .param("sha", b.sha256()).param("size", b.size()).param("now", now).update();
            queueDeletion(b.sha256(), now);
            return true;
        }));
    }

    // ---------------------------------------------------------------------------------------------------------
    // missing blobs

    private record Row(String path, String fileId, String versionId, String sha256, boolean current) {}

    private void missingBlobs(Tally t, ShaSet stored, boolean repair) {
        List<Row> absent = new ArrayList<>();
        jdbc.sql(ROWS_SQL).query((RowCallbackHandler) rs -> {
            String sha = rs.getString(4);
            if (!stored.contains(sha)) {
                absent.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), sha, rs.getInt(5) == 1));
            }
        });
        Map<String, Boolean> exists = new LinkedHashMap<>();
        for (Row r : absent) {
            // published after the listing passed it (a row never commits before its bytes)?
            boolean there = exists.computeIfAbsent(r.sha256(), this::storedNow);
            if (!there) {
                t.found((r.path() == null ? "(no current file)" : r.path()) + " (file " + r.fileId()
                        + (r.current() ? "" : ", earlier version " + r.versionId()) + "): content " + r.sha256()
                        + " is not stored");
            }
        }
        t.action = repair && t.count == 0 ? "nothing to do" : "none possible: the bytes are gone. Restore them from"
                + " a backup (same content, same SHA-256), or delete these files; they are left as they are";
    }

    private boolean storedNow(String sha256) {
        try {
            return blobs.exists(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not ask the blob store for " + sha256, e);
        } catch (IllegalArgumentException e) {
            return false; // not a hash at all: no store holds it
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // refcount drift

    private record Drift(String sha256, long used, Long refs) {}

    private enum Fix { UNCHANGED, SET, QUEUED }

    private void refcountDrift(Tally t, boolean repair) {
        List<Drift> drifts = new ArrayList<>();
        jdbc.sql(DRIFT_SQL).query((RowCallbackHandler) rs -> {
            Object refs = rs.getObject(3); // NULL: no row (sqlite-jdbc's wasNull() is not reliable after getLong)
            drifts.add(new Drift(rs.getString(1), rs.getLong(2), refs == null ? null : ((Number) refs).longValue()));
        });
        for (Drift d : drifts) {
            t.found(d.sha256() + ": " + (d.refs() == null ? "no refcount row, used by " + d.used() + " row(s)"
                    : d.refs() == 0 && d.used() == 0 ? "unused, refs 0 but not queued for deletion"
                    : "refs " + d.refs() + ", used by " + d.used() + " row(s)"));
        }
        if (!repair) {
            t.action = "set each refcount to the number of file and version rows using the content, in a"
                    + " transaction, and queue content that none uses for deletion";
            return;
        }
        long queued = 0;
        long removed = 0;
        for (Drift d : drifts) {
            Fix fix = fixRefs(d.sha256());
            if (fix != Fix.UNCHANGED) {
                t.repaired++;
            }
            if (fix == Fix.QUEUED) {
                queued++;
                removed += sweepAndPurge(d.sha256()) ? 1 : 0;
            }
        }
        t.action = drifts.isEmpty() ? "nothing to do" : "set " + t.repaired + " refcount(s) to the real count"
                + (queued > 0 ? "; queued " + queued + " unused content(s) for deletion, the sweeper removed "
                        + removed : "");
    }

    /**
     * Locks the {@code blobs} row (creating it for used content that lacks one), then counts the rows: a
     * concurrent reference change either committed before (and is counted) or waits for the lock (and applies on
     * top of the corrected count).
     */
    private Fix fixRefs(String sha256) {
        return tx.execute(s -> {
            long now = clock.millis();
            jdbc.sql("SELECT MAX(u.size) FROM (SELECT size FROM files WHERE blob_sha256 = :sha"
                            + " UNION ALL SELECT size FROM file_versions WHERE blob_sha256 = :sha) u")
                    .param("sha", sha256).query(Long.class).optional()
                    .ifPresent(size -> jdbc.sql("INSERT INTO blobs (sha256, size, refs, created_at)"
                                    + " VALUES (:sha, :size, 0, :now) ON CONFLICT (sha256) DO NOTHING")
                            .param("sha", sha256).param("size", size).param("now", now).update());
            if (jdbc.sql("UPDATE blobs SET refs = refs WHERE sha256 = :sha").param("sha", sha256).update() == 0) {
                return Fix.UNCHANGED; // no row and nothing uses it: nothing to count
            }
            long used = usedByRows(sha256);
            long refs = jdbc.sql("SELECT refs FROM blobs WHERE sha256 = :sha").param("sha", sha256)
                    .query(Long.class).single();
            if (refs != used) {
                jdbc.sql("UPDATE blobs SET refs = :n WHERE sha256 = :sha").param("n", used).param("sha", sha256)
                        .update();
            }
            if (used == 0) {
                queueDeletion(sha256, now);
                return Fix.QUEUED;
            }
            // a queued deletion of content in use would be dropped by the sweeper anyway; drop it now
            jdbc.sql("DELETE FROM blob_deletions WHERE sha256 = :sha").param("sha", sha256).update();
            return refs != used ? Fix.SET : Fix.UNCHANGED;
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // renditions without source

    private long renditionsWithoutSource(Tally t, ShaSet used, boolean repair) {
        if (!cache.enabled()) {
            t.action = "nothing to do: the result cache is disabled (PIXKIT_CACHE_MAX_BYTES=0)";
            return 0;
        }
        Set<String> orphans = new LinkedHashSet<>();
        long[] contents = new long[1];
        try {
            cache.forEachContent(sha -> {
                contents[0]++;
                if (SHA256.matcher(sha).matches() && !used.contains(sha)) {
                    orphans.add(sha);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the result cache", e);
        }
        orphans.removeIf(sha -> usedByRows(sha) > 0); // uploaded since the catalog was read
        orphans.forEach(sha -> t.found(sha + " (content no file or version uses)"));
        if (!repair) {
            t.action = "purge their renditions from the result cache";
            return contents[0];
        }
        int renditions = 0;
        for (String sha : orphans) {
            if (usedByRows(sha) == 0) {
                renditions += cache.purgeContent(List.of(sha));
                t.repaired++;
            }
        }
        t.action = orphans.isEmpty() ? "nothing to do" : "purged " + renditions + " rendition(s) of " + t.repaired
                + " content(s)";
        return contents[0];
    }

    // ---------------------------------------------------------------------------------------------------------
    // stale temp files

    private long staleTempFiles(Tally t, Instant cutoff, boolean repair) {
        List<Path> stale = new ArrayList<>();
        long[] seen = new long[1];
        if (Files.isDirectory(tmp)) {
            try {
                // a visitor rather than Files.walk: files come and go while uploads run, and one that vanishes
                // between the listing and its stat must not end the walk
                Files.walkFileTree(tmp, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
                        if (a.isRegularFile()) {
                            seen[0]++;
                            Instant modified = a.lastModifiedTime().toInstant();
                            if (modified.isBefore(cutoff)) {
                                stale.add(p);
                                t.found("tmp/" + tmp.relativize(p) + " (" + a.size() + " bytes, modified "
                                        + time(modified) + ")");
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + tmp, e);
            }
        }
        if (!repair) {
            t.action = "delete them";
            return seen[0];
        }
        for (Path p : stale) {
            try {
                // still stale? (a file reused since the listing has a fresh modification time)
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff) && Files.deleteIfExists(p)) {
                    t.repaired++;
                }
            } catch (NoSuchFileException gone) {
                // removed by its owner meanwhile
            } catch (IOException e) {
                log.warn("fsck could not delete {}: {}", p, e.toString());
            }
        }
        t.action = stale.isEmpty() ? "nothing to do" : "deleted " + t.repaired;
        return seen[0];
    }

    // ---------------------------------------------------------------------------------------------------------
    // stuck deletions

    private record Queued(String sha256, long dueAt, int attempts, String lastError) {}

    private void stuckDeletions(Tally t, boolean repair) {
        List<Queued> stuck = jdbc.sql("SELECT sha256, due_at, attempts, last_error FROM blob_deletions"
                        + " WHERE due_at < :overdue OR attempts > 0 ORDER BY due_at")
                .param("overdue", clock.millis() - OVERDUE.toMillis())
                .query((rs, n) -> new Queued(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4)))
                .list();
        for (Queued q : stuck) {
            t.found(q.sha256() + " (due " + time(Instant.ofEpochMilli(q.dueAt())) + ", " + q.attempts()
                    + " failed attempt(s)" + (q.lastError() == null ? "" : ", last error: " + q.lastError()) + ")");
        }
        if (!repair) {
            t.action = "sweep them now; those that still fail are reported with their error";
            return;
        }
        long removed = 0;
        long kept = 0;
        for (Queued q : stuck) {
            if (sweepAndPurge(q.sha256())) {
                removed++;
            } else if (jdbc.sql("SELECT COUNT(*) FROM blob_deletions WHERE sha256 = :sha").param("sha", q.sha256())
                    .query(Long.class).single() == 0) {
                kept++; // referenced again: the sweep dropped the outbox row and kept the bytes
            }
        }
        t.repaired = removed + kept;
        long failed = stuck.size() - t.repaired;
        t.action = stuck.isEmpty() ? "nothing to do" : "swept " + stuck.size() + ": removed " + removed
                + (kept > 0 ? ", " + kept + " in use again (kept)" : "")
                + (failed > 0 ? ", " + failed + " still failing (see below)" : "");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void queueDeletion(String sha256, long now) {
        jdbc.sql("INSERT INTO blob_deletions (sha256, due_at, attempts) VALUES (:sha, :now, 0)"
                + " ON CONFLICT (sha256) DO NOTHING").param("sha", sha256).param("now", now).update();
    }

    /**
     * Sweeps through the sweeper (its lock protocol decides); when the bytes went, their renditions go too (the
     * server's purge listener does the same; offline there is none).
     */
    private boolean sweepAndPurge(String sha256) {
        if (!sweeper.sweep(sha256)) {
            return false;
        }
        cache.purgeContent(List.of(sha256));
        return true;
    }

    private long usedByRows(String sha256) {
        return jdbc.sql(USED_BY_ROWS_SQL).param("sha", sha256).query(Long.class).single();
    }

    private long knownAnywhere(String sha256) {
        return jdbc.sql(KNOWN_ANYWHERE_SQL).param("sha", sha256).query(Long.class).single();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
