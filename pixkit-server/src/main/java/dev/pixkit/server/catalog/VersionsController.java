package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/files/{fileId}/versions}: every version of a file (the current one first, as {@code type: "file"}, then
 * the earlier ones newest first, as {@code "file-version"}), one version, deleting an earlier version, and restoring
 * one as current. Overwriting a file by upload creates the versions.
 */
@RestController
class VersionsController {
    private final FileCatalog catalog;
    private final FileUrls urls;

    VersionsController(FileCatalog catalog, FileUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    @GetMapping("/v1/files/{fileId}/versions")
    List<FileDetails> list(@PathVariable String fileId) {
        List<FileRecord> all = catalog.versions(fileId);
        if (all.isEmpty()) {
            throw ApiException.fileNotFound();
        }
        return all.stream().map(this::details).toList();
    }

    @GetMapping("/v1/files/{fileId}/versions/{versionId}")
    FileDetails get(@PathVariable String fileId, @PathVariable String versionId) {
        catalog.find(fileId).orElseThrow(ApiException::fileNotFound);
        return catalog.version(fileId, versionId).map(this::details)
                .orElseThrow(() -> ApiException.notFound("The requested file version does not exist."));
    }

    /** The current version is the file itself ({@code type: "file"}, its plain URL); earlier ones are versions. */
    private FileDetails details(FileRecord v) {
        boolean current = catalog.find(v.fileId()).map(f -> f.versionId().equals(v.versionId())).orElse(false);
        return current ? FileDetails.of(v, urls) : FileDetails.ofVersion(v, urls);
    }

    @DeleteMapping("/v1/files/{fileId}/versions/{versionId}")
    ResponseEntity<Void> delete(@PathVariable String fileId, @PathVariable String versionId) {
        catalog.deleteVersion(fileId, versionId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v1/files/{fileId}/versions/{versionId}/restore")
    FileDetails restore(@PathVariable String fileId, @PathVariable String versionId) {
        return FileDetails.of(catalog.restoreVersion(fileId, versionId), urls);
    }
}
