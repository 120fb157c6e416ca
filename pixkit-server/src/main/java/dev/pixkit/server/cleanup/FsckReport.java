package dev.pixkit.server.cleanup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one fsck run found and, with repair, what it did. {@code problems} is what remains: with repair, counted by a
 * second check after the repairs (so a repair that failed, or bytes that cannot be restored, still show); without,
 * everything found.
 *
 * @param problems   problems remaining (all checks)
 * @param repaired   whether this run repaired
 * @param findings   one per check, in a fixed order, also when nothing was found
 * @param checked    how much was looked at
 * @param graceSeconds blobs and temp files younger than this were left out (in-flight uploads)
 * @param durationMillis how long the run took
 */
@JsonPropertyOrder({"problems", "repaired", "findings", "checked", "graceSeconds", "durationMillis"})
public record FsckReport(int problems, boolean repaired, List<Finding> findings, Checked checked,
        long graceSeconds, long durationMillis) {

    /** The problems of one kind the checks look for. */
    public enum Check {
        UNREFERENCED_BLOBS("unreferenced-blobs", "unreferenced blobs"),
        MISSING_BLOBS("missing-blobs", "missing blobs"),
        REFCOUNT_DRIFT("refcount-drift", "refcount drift"),
        RENDITIONS_WITHOUT_SOURCE("renditions-without-source", "renditions without source"),
        STALE_TEMP_FILES("stale-temp-files", "stale temp files"),
        STUCK_DELETIONS("stuck-deletions", "stuck deletions");

        private final String id;
        private final String title;

        Check(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }

    /**
     * @param check     the check's id, e.g. {@code unreferenced-blobs}
     * @param count     how many were found
     * @param examples  up to 20 of them
     * @param repaired  how many the repair fixed (0 without repair)
     * @param remaining how many are left: found by the check after the repair, or {@code count} without repair
     * @param stillFailing with repair, up to 20 of those left (empty otherwise)
     * @param action    what repair did, or what it would do
     */
    @JsonPropertyOrder({"check", "count", "examples", "repaired", "remaining", "stillFailing", "action"})
    public record Finding(String check, long count, List<String> examples, long repaired,
            long remaining, List<String> stillFailing, String action) {
        public Finding {
            examples = List.copyOf(examples);
            stillFailing = List.copyOf(stillFailing);
        }
    }

    /** What the run looked at (from its first pass). */
    public record Checked(long blobs, long blobBytes, long files, long versions, long renditionContents,
            long tempFiles, long pendingDeletions) {}

    public FsckReport {
        findings = List.copyOf(findings);
    }

    public Finding finding(Check check) {
        return findings.stream().filter(f -> f.check().equals(check.id())).findFirst().orElseThrow();
    }

    /** The report as aligned text, for the command line. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append("pixkit fsck").append(repaired ? " --repair" : "").append(": checked ")
                .append(checked.blobs()).append(" blobs (").append(checked.blobBytes()).append(" bytes), ")
                .append(checked.files()).append(" files, ").append(checked.versions()).append(" versions, ")
                .append(checked.renditionContents()).append(" cached contents, ").append(checked.tempFiles())
                .append(" temp files, ").append(checked.pendingDeletions()).append(" pending deletions in ")
                .append(durationMillis).append(" ms (grace period ").append(graceSeconds).append(" s)\n\n");
        int w = "check".length();
        for (Finding f : findings) {
            w = Math.max(w, title(f).length());
        }
        s.append(String.format("  %-" + w + "s  %8s  %8s  %9s%n", "check", "found", "repaired", "remaining"));
        for (Finding f : findings) {
            s.append(String.format("  %-" + w + "s  %8d  %8s  %9d%n", title(f), f.count(),
                    repaired ? Long.toString(f.repaired()) : "-", f.remaining()));
        }
        for (Finding f : findings) {
            if (f.count() == 0 && f.remaining() == 0) {
                continue;
            }
            s.append('\n').append(title(f)).append(": ").append(f.count()).append(" found\n");
            f.examples().forEach(e -> s.append("  ").append(e).append('\n'));
            if (f.count() > f.examples().size()) {
                s.append("  … and ").append(f.count() - f.examples().size()).append(" more\n");
            }
            if (!f.stillFailing().isEmpty()) {
                s.append("  still there after repair:\n");
                f.stillFailing().forEach(e -> s.append("    ").append(e).append('\n'));
            }
            s.append("  ").append(repaired ? "repair: " : "with --repair: ").append(f.action()).append('\n');
        }
        s.append('\n').append(switch (problems) {
            case 0 -> "No problems.";
            case 1 -> "1 problem remains.";
            default -> problems + " problems remain.";
        }).append('\n');
        return s.toString();
    }

    private static String title(Finding f) {
        for (Check c : Check.values()) {
            if (c.id().equals(f.check())) {
                return c.title();
            }
        }
        return f.check();
    }
}
