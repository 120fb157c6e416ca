package dev.pixkit.cli;

import dev.pixkit.client.BatchItemResult;
import dev.pixkit.client.BatchProgressListener;
import dev.pixkit.client.UploadRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Upload progress on stderr: a bar redrawn in place on a terminal, one plain line per finished file otherwise (so logs
 * and pipes stay readable).
 */
final class Progress implements BatchProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean bar;
    private final long totalBytes;
    private long doneBytes;
    private int failed;
    private boolean drawn;

    Progress(PrintWriter err, boolean bar, List<UploadRequest> requests) {
        this.err = err;
        this.bar = bar;
        this.totalBytes = requests.stream().mapToLong(r -> Math.max(0, r.contentLength())).sum();
    }

    @Override
    public void onItemDone(BatchItemResult item, int completed, int total) {
        doneBytes += Math.max(0, item.request().contentLength());
        if (!item.isSuccess()) {
            failed++;
        }
        if (bar) {
            err.print("\r" + line(completed, total));
            drawn = true;
        } else {
            String status = item.isSuccess() ? "uploaded " + item.result().filePath()
                    : "failed " + item.request().fileName() + ": " + PixkitCli.describe(item.error());
            err.println("[" + completed + "/" + total + "] " + status);
        }
        err.flush();
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    String line(int completed, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * completed / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String bytes = totalBytes > 0 ? "  " + size(doneBytes) + " / " + size(totalBytes) : "";
        String failures = failed > 0 ? "  " + failed + " failed" : "";
        return "[" + bar + "] " + completed + "/" + total + " files" + bytes + failures;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
