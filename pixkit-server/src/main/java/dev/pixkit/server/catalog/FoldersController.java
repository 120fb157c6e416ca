package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/folder} (create, delete) and {@code /v1/bulkJobs} (copy, move and rename a folder in the background,
 * and the jobs' status). Authentication is checked by the API interceptor.
 */
@RestController
class FoldersController {
    private final FolderOperations operations;
    private final BulkJobs jobs;

    FoldersController(FolderOperations operations, BulkJobs jobs) {
        this.operations = operations;
        this.jobs = jobs;
    }

    record CreateFolder(String folderName, String parentFolderPath) {}

    record DeleteFolder(String folderPath) {}

    record CopyFolder(String sourceFolderPath, String destinationPath, Boolean includeVersions) {}

    record MoveFolder(String sourceFolderPath, String destinationPath) {}

    record RenameFolder(String folderPath, String newFolderName, Boolean purgeCache) {}

    @PostMapping("/v1/folder")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) CreateFolder body) {
        CreateFolder b = body == null ? new CreateFolder(null, null) : body;
        String name = FolderOperations.folderNameParam(b.folderName(), "folderName");
        String parent = FolderOperations.folderParam(b.parentFolderPath(), "parentFolderPath");
        operations.create(parent, name);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of());
    }

    @DeleteMapping("/v1/folder")
    ResponseEntity<Void> delete(@RequestBody(required = false) DeleteFolder body) {
        String raw = body == null ? null : body.folderPath();
        operations.delete(FolderOperations.folderParam(raw, "folderPath"), raw);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/bulkJobs/copyFolder")
    Map<String, String> copy(@RequestBody(required = false) CopyFolder body) {
        CopyFolder b = body == null ? new CopyFolder(null, null, null) : body;
        var job = new BulkJobs.CopyFolder(FolderOperations.folderParam(b.sourceFolderPath(), "sourceFolderPath"),
                FolderOperations.folderParam(b.destinationPath(), "destinationPath"),
                Boolean.TRUE.equals(b.includeVersions()));
        return Map.of("jobId", jobs.submit(job, b.sourceFolderPath()));
    }

    @PostMapping("/v1/bulkJobs/moveFolder")
    Map<String, String> move(@RequestBody(required = false) MoveFolder body) {
        MoveFolder b = body == null ? new MoveFolder(null, null) : body;
        var job = new BulkJobs.MoveFolder(FolderOperations.folderParam(b.sourceFolderPath(), "sourceFolderPath"),
                FolderOperations.folderParam(b.destinationPath(), "destinationPath"));
        return Map.of("jobId", jobs.submit(job, b.sourceFolderPath()));
    }

    /** 202, unlike copy and move (200), as the spec has it. Errors carry no {@code reason} here, as in the spec. */
    @PostMapping("/v1/bulkJobs/renameFolder")
    ResponseEntity<Map<String, String>> rename(@RequestBody(required = false) RenameFolder body) {
        RenameFolder b = body == null ? new RenameFolder(null, null, null) : body;
        try {
            var job = new BulkJobs.RenameFolder(FolderOperations.folderParam(b.folderPath(), "folderPath"),
                    FolderOperations.folderNameParam(b.newFolderName(), "newFolderName"),
                    Boolean.TRUE.equals(b.purgeCache()));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", jobs.submit(job, b.folderPath())));
        } catch (ApiException e) {
            throw e.reason(null);
        }
    }

    @GetMapping("/v1/bulkJobs/{jobId}")
    BulkJobs.Status status(@PathVariable String jobId) {
        return jobs.find(jobId).orElseThrow(() -> ApiException.notFound("The requested job does not exist."));
    }
}
