package dev.pixkit.server.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises "out of disk space" wherever it surfaces — a file write ({@code ENOSPC}), SQLite ({@code SQLITE_FULL},
 * error 13) or PostgreSQL (SQLSTATE class 53, insufficient resources) — so that the answer is 507 with a message
 * saying nothing was stored, rather than an anonymous 500. The failed write has already been undone by then: staging
 * deletes its partial file and the database rolls back.
 */
public final class StorageFull {
    public static final String MESSAGE = "The server is out of storage space, so nothing was stored. Try again"
            + " later.";
    private static final int SQLITE_FULL = 13;

    private StorageFull() {}

    /** Whether {@code e}, or anything in its cause chain, is an out-of-space failure. */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io && io.getMessage() != null
                    && io.getMessage().toLowerCase(Locale.ROOT).contains("no space left on device")) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getErrorCode() == SQLITE_FULL && isSqlite(sql)
                    || sql.getSQLState() != null && sql.getSQLState().startsWith("53"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the empty multipart spill files ({@code upload_*.tmp}) that Tomcat leaves when the disk fills while it
     * switches a part from memory to disk: the file is created, the first write fails, and Tomcat's cleanup skips it
     * because the part still counts as in memory. An empty spill file is dead — a live one is written as soon as
     * it is created, and with the disk full every other spill fails the same way.
     */
    static void removeDeadSpillFiles(Path spillDir) {
        try (var files = Files.newDirectoryStream(spillDir, "upload_*.tmp")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.size(f) == 0) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ignored) {
            // best effort; fsck reports stale temp files
        }
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite.")
                || String.valueOf(e.getMessage()).contains("SQLITE_FULL");
    }
}
