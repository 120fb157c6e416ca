package dev.pixkit.server.search;

import dev.pixkit.server.catalog.FileDetails;
import java.time.Instant;
import java.util.Map;

/**
 * ImageKit's Folder object ({@code FolderDetails} in the spec) as list and search return it. {@code folderPath} is
 * the folder's own path ({@code /images/summer}), as the spec describes the field. Pixkit keeps no custom metadata
 * on folders, so it is always {@code {}}.
 */
record FolderDetails(String type, String folderId, String name, String folderPath, Map<String, Object> customMetadata,
        String createdAt, String updatedAt) {

    static FolderDetails of(String folderId, String name, String folderPath, long createdAt, long updatedAt) {
        return new FolderDetails("folder", folderId, name, folderPath, Map.of(),
                FileDetails.iso(Instant.ofEpochMilli(createdAt)),
                FileDetails.iso(Instant.ofEpochMilli(updatedAt)));
    }
}
