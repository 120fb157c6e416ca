package dev.pixkit.server.system;

import java.util.Locale;

/** The upload size limit's message and how to recognise the container's own size-limit failures. */
public final class UploadLimits {
    public static final String TOO_LARGE_MESSAGE =
            "Your request contains invalid file parameter. The file size exceeds limits.";

    private UploadLimits() {}

    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException")
                    || (msg.contains("exceed") && (msg.contains("size") || msg.contains("maxpostsize")))) {
                return true;
            }
        }
        return false;
    }
}
