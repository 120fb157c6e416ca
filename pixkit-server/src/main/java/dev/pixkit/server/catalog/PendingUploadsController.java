package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pixkit extension {@code POST /v1/pixkit/files/{fileId}/commit}: keeps a pending upload (one sent with
 * {@code pendingTtl}), which the reaper ({@code cleanup.PendingReaper}) would otherwise delete once its deadline has
 * passed. Answers the File object, now without {@code pendingUntil}; idempotent on a committed file; 404 when the
 * file is gone (deleted, or expired and reaped).
 */
@RestController
class PendingUploadsController {
    private final FileCatalog catalog;
    private final FileUrls urls;

    PendingUploadsController(FileCatalog catalog, FileUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    @PostMapping("/v1/pixkit/files/{fileId}/commit")
    FileDetails commit(@PathVariable String fileId) {
        return catalog.commit(fileId).map(f -> FileDetails.of(f, urls)).orElseThrow(ApiException::fileNotFound);
    }
}
