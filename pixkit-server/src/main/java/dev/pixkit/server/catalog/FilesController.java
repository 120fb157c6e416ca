package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/files/{fileId}}: details and delete. Authentication is checked by the API interceptor. */
@RestController
class FilesController {
    private final FileCatalog catalog;
    private final FileUrls urls;

    FilesController(FileCatalog catalog, FileUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    @GetMapping("/v1/files/{fileId}/details")
    FileDetails details(@PathVariable String fileId) {
        return catalog.find(fileId).map(f -> FileDetails.of(f, urls)).orElseThrow(ApiException::fileNotFound);
    }

    @DeleteMapping("/v1/files/{fileId}")
    ResponseEntity<Void> delete(@PathVariable String fileId) {
        if (!catalog.delete(fileId)) {
            throw ApiException.fileNotFound();
        }
        return ResponseEntity.noContent().build();
    }
}
