package dev.pixkit.server.system;

import dev.pixkit.imaging.ImageEncoder;
import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.vips.VipsRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code pixkit-server-exec.jar doctor}: checks everything Pixkit needs without starting the server and prints one line
 * per check. Exit status 0 when healthy, 1 when something required is broken.
 */
public final class Doctor {
    private final PrintStream out;
    private boolean healthy = true;

    private Doctor(PrintStream out) {
        this.out = out;
    }

    public static int run(PrintStream out) {
        Doctor d = new Doctor(out);
        d.check();
        out.println(d.healthy ? "healthy" : "NOT healthy: fix the lines marked FAIL");
        return d.healthy ? 0 : 1;
    }

    private void check() {
        line("ok", "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") "
                + System.getProperty("java.home"));
        PixkitSettings settings;
        try {
            settings = PixkitSettings.fromEnvironment();
        } catch (InvalidSettingException e) {
            fail("settings", e.getMessage());
            return;
        }
        line("ok", "settings", "port " + settings.port() + ", url endpoint " + settings.urlEndpoint()
                + ", max upload " + settings.maxUploadBytes() + " bytes");
        checkVips();
        checkDataDir(settings.dataDir(), settings.storage());
        checkDatabase(settings);
        checkKeys(settings);
    }

    private void checkVips() {
        try {
            VipsRuntime vips = VipsRuntime.get();
            String source = System.getenv("PIXKIT_VIPS_SOURCE"); // set by ./pixkit
            line("ok", "libvips", vips.version() + " from " + vips.library() + " ("
                    + (source != null ? source : vips.librarySource()) + ")");
            List<String> savers = new ArrayList<>();
            boolean essentials = true;
            for (ImageFormat f : ImageFormat.values()) {
                if (!f.isWritable()) {
                    continue;
                }
                boolean ok = ImageEncoder.canSave(f);
                savers.add(f.extension() + (ok ? " ok" : " MISSING"));
                essentials &= ok || (f != ImageFormat.JPEG && f != ImageFormat.PNG);
            }
            line(essentials ? "ok" : "FAIL", "savers", String.join(", ", savers));
            healthy &= essentials;
        } catch (RuntimeException | LinkageError e) {
            fail("libvips", e.getMessage());
        }
    }

    private void checkDataDir(Path dir, PixkitSettings.Storage storage) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            line("ok", "data dir", dir + " (writable, " + free / (1024 * 1024 * 1024) + " GiB free)");
            Path blobs = dir.resolve("blobs");
            if (storage instanceof PixkitSettings.Storage.S3 s3) {
                // The doctor only looks at local things; the server checks the bucket when it starts.
                line("ok", "storage", "S3 bucket s3://" + s3.bucket() + "/" + s3.prefix() + " at "
                        + (s3.endpoint() != null ? s3.endpoint() : "AWS " + s3.region())
                        + " (checked at start), local cache " + dir.resolve("blob-cache"));
            } else {
                line("ok", "storage", "local filesystem " + blobs + (Files.isDirectory(blobs) ? "" : " (created at first start)"));
            }
        } catch (IOException e) {
            fail("data dir", dir + " is not writable: " + e.getMessage());
        }
    }

    private void checkDatabase(PixkitSettings s) {
        if (!s.usesPostgres()) {
            Path file = Path.of(s.dbUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
            if (!Files.exists(file)) {
                // Connecting would create the file; the doctor only looks.
                line("ok", "database", s.dbUrl() + " — SQLite, created and migrated at first start");
                return;
            }
        }
        Properties p = new Properties();
        if (s.dbUser() != null) {
            p.setProperty("user", s.dbUser());
        }
        if (s.dbPassword() != null) {
            p.setProperty("password", s.dbPassword());
        }
        try (Connection c = DriverManager.getConnection(s.dbUrl(), p)) {
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            String schema = "not migrated yet (Flyway migrates at first start)";
            try (ResultSet rs = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (rs.next()) {
                    try (var st = c.createStatement();
                            var v = st.executeQuery("SELECT MAX(version) FROM flyway_schema_history WHERE success")) {
                        v.next();
                        schema = "schema version " + v.getString(1);
                    }
                }
            }
            line("ok", "database", redact(s.dbUrl()) + " — " + product + ", " + schema);
        } catch (Exception e) {
            fail("database", redact(s.dbUrl()) + ": " + e.getMessage());
        }
    }

    private void checkKeys(PixkitSettings s) {
        if (s.privateKey() != null) {
            line("ok", "keys", "from PIXKIT_PRIVATE_KEY / PIXKIT_PUBLIC_KEY (public key " + s.publicKey() + ")");
            return;
        }
        Path file = s.dataDir().resolve(ApiKeys.FILE_NAME);
        if (Files.exists(file)) {
            try {
                String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                boolean tight = perms.equals("rw-------");
                line(tight ? "ok" : "FAIL", "keys", file + " (" + perms + ")"
                        + (tight ? "" : " — should be rw-------: chmod 600 " + file));
                healthy &= tight;
            } catch (IOException e) {
                fail("keys", e.getMessage());
            }
        } else {
            line("ok", "keys", "none yet: a pair is generated and printed at first start");
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private void fail(String what, String detail) {
        healthy = false;
        line("FAIL", what, detail);
    }

    private void line(String status, String what, String detail) {
        out.printf("%-5s %-9s %s%n", status, what, detail);
    }
}
