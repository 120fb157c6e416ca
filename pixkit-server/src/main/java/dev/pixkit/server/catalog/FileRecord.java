package dev.pixkit.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One catalogued file (its current version) as stored. */
public record FileRecord(
        String fileId,
        String filePath,
        String folderPath,
        String name,
        String versionId,
        int versionNumber,
        String sha256,
        long size,
        String mime,
        FileType fileType,
        Integer width,
        Integer height,
        boolean hasAlpha,
        boolean isPrivate,
        boolean isPublished,
        List<String> tags,
        String customCoordinates,
        Map<String, Object> customMetadata,
        String description,
        Instant createdAt,
        Instant updatedAt) {

    public enum FileType {
        IMAGE("image"), NON_IMAGE("non-image");

        private final String wire;

        FileType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static FileType fromWire(String s) {
            return "image".equals(s) ? IMAGE : NON_IMAGE;
        }
    }
}
