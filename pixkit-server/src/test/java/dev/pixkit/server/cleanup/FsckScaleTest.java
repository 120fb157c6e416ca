package dev.pixkit.server.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * fsck on a catalog of 100,000 files (and 20,000 earlier versions) with their blobs on disk, made directly (rows by
 * JDBC batch, blob files written), then checked twice: once clean, once with a problem of each kind planted among
 * them. Set {@code -Dpixkit.fsck.scale=N} for another size.
 */
class FsckScaleTest {
    private static final int FILES = Integer.getInteger("pixkit.fsck.scale", 100_000);
    private static final int VERSIONS = FILES / 5;

    @Test
    void a_large_catalog_is_checked_in_seconds() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            long t0 = System.nanoTime();
            List<String> shas = populate(server);
            long populated = System.nanoTime();

            Fsck fsck = server.bean(Fsck.class);
            FsckReport clean = fsck.check();
            assertThat(clean.problems()).as(clean.toText()).isZero();
            assertThat(clean.checked().files()).isEqualTo(FILES);
            assertThat(clean.checked().versions()).isEqualTo(VERSIONS);
            assertThat(clean.checked().blobs()).isEqualTo(FILES + VERSIONS);

            // problems among them: a missing blob and a drifted count
            Files.delete(blob(server, shas.get(17)));
            server.jdbc().sql("UPDATE blobs SET refs = 9 WHERE sha256 = :s").param("s", shas.get(4242)).update();
            FsckReport dirty = fsck.check();
            assertThat(dirty.finding(FsckReport.Check.MISSING_BLOBS).count()).isEqualTo(1);
            assertThat(dirty.finding(FsckReport.Check.REFCOUNT_DRIFT).count()).isEqualTo(1);
            FsckReport repaired = fsck.run(true, fsck.defaultGrace());
            assertThat(repaired.problems()).isEqualTo(1); // the missing blob stays

            System.out.printf("fsck at scale: %d files + %d versions, %d blobs: populated in %d ms;"
                            + " check %d ms (clean), %d ms (dirty), repair+recheck %d ms%n", FILES, VERSIONS,
                    clean.checked().blobs(), (populated - t0) / 1_000_000, clean.durationMillis(),
                    dirty.durationMillis(), repaired.durationMillis());
            System.out.println(repaired.toText());
            assertThat(clean.durationMillis()).as("a clean check of %d files", FILES).isLessThan(30_000);
        }
    }

    /** Rows for FILES files and VERSIONS earlier versions, each with its own content, and a blob file for each. */
    private static List<String> populate(TestServer server) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<String> shas = new ArrayList<>(FILES + VERSIONS);
        for (int i = 0; i < FILES + VERSIONS; i++) {
            shas.add(HexFormat.of().formatHex(md.digest(("content " + i).getBytes())));
        }
        JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
        long now = System.currentTimeMillis();
        new TransactionTemplate(server.bean(PlatformTransactionManager.class)).executeWithoutResult(s -> {
            List<Object[]> files = new ArrayList<>();
            List<Object[]> versions = new ArrayList<>();
            List<Object[]> blobs = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                String id = String.format("f%023d", i);
                files.add(new Object[] {id, "/scale/d" + (i % 100) + "/file" + i + ".bin", "/scale/d" + (i % 100),
                        "file" + i + ".bin", id, shas.get(i), 16L, now, now});
            }
            for (int i = 0; i < VERSIONS; i++) {
                versions.add(new Object[] {String.format("v%023d", i), String.format("f%023d", i),
                        shas.get(FILES + i), 16L, now, now});
            }
            for (String sha : shas) {
                blobs.add(new Object[] {sha, 16L, now});
            }
            jdbc.batchUpdate("INSERT INTO files (file_id, file_path, folder_path, name, version_id, version_number,"
                    + " blob_sha256, size, mime, file_type, has_alpha, is_private, is_published, custom_metadata,"
                    + " created_at, updated_at, format) VALUES (?, ?, ?, ?, ?, 2, ?, ?, 'application/octet-stream',"
                    + " 'non-image', FALSE, FALSE, TRUE, '{}', ?, ?, 'bin')", files);
            jdbc.batchUpdate("INSERT INTO file_versions (version_id, file_id, version_number, blob_sha256, size, mime,"
                    + " format, file_type, has_alpha, is_private, is_published, custom_metadata, created_at,"
                    + " updated_at) VALUES (?, ?, 1, ?, ?, 'application/octet-stream', 'bin', 'non-image', FALSE,"
                    + " FALSE, TRUE, '{}', ?, ?)", versions);
            jdbc.batchUpdate("INSERT INTO blobs (sha256, size, refs, created_at) VALUES (?, ?, 1, ?)", blobs);
        });
        byte[] bytes = new byte[16];
        for (String sha : shas) {
            Path p = blob(server, sha);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        }
        return shas;
    }

    private static Path blob(TestServer server, String sha) {
        return server.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha);
    }
}
