package dev.pixkit.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One catalogued file as stored: the current version (a {@code files} row) or an earlier one (a
 * {@code file_versions} row, which takes its path, folder and name from the file).
 *
 * <p>{@code pendingUntil} is set on a pending upload's current version (the file is deleted then unless committed
 * first); null once committed, for files that never were pending, and for earlier versions. Writes of the column go
 * through {@link FileRepository#insert} and the catalog's pending calls only: a general update never touches it, so
 * a commit is never undone by an attribute change that read the row before it.
 */
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
        String format,
        FileType fileType,
        Integer width,
        Integer height,
        boolean hasAlpha,
        boolean isPrivate,
        boolean isPublished,
        List<String> tags,
        List<AiTag> aiTags,
        String customCoordinates,
        Map<String, Object> customMetadata,
        String description,
        Instant createdAt,
        Instant updatedAt,
        Instant pendingUntil) {

    /** A committed file (not pending): the shape before pending uploads existed. */
    public FileRecord(String fileId, String filePath, String folderPath, String name, String versionId,
            int versionNumber, String sha256, long size, String mime, String format, FileType fileType, Integer width,
            Integer height, boolean hasAlpha, boolean isPrivate, boolean isPublished, List<String> tags,
            List<AiTag> aiTags, String customCoordinates, Map<String, Object> customMetadata, String description,
            Instant createdAt, Instant updatedAt) {
        this(fileId, filePath, folderPath, name, versionId, versionNumber, sha256, size, mime, format, fileType, width,
                height, hasAlpha, isPrivate, isPublished, tags, aiTags, customCoordinates, customMetadata, description,
                createdAt, updatedAt, null);
    }

    /** Whether this is a pending upload's current version. */
    public boolean isPending() {
        return pendingUntil != null;
    }

    /** The same file, pending until {@code until} (null: committed). */
    public FileRecord withPendingUntil(Instant until) {
        return new FileRecord(fileId, filePath, folderPath, name, versionId, versionNumber, sha256, size, mime, format,
                fileType, width, height, hasAlpha, isPrivate, isPublished, tags, aiTags, customCoordinates,
                customMetadata, description, createdAt, updatedAt, until);
    }

    /** An AI-generated tag: {@code {name, confidence, source}} on the wire. */
    public record AiTag(String name, double confidence, String source) {}

    /** The same file with other content: a new version's bytes and what was learnt from them. */
    public FileRecord withContent(String newVersionId, int newVersionNumber, FileRecord content, Instant now) {
        return new FileRecord(fileId, filePath, folderPath, name, newVersionId, newVersionNumber, content.sha256,
                content.size, content.mime, content.format, content.fileType, content.width, content.height,
                content.hasAlpha, isPrivate, isPublished, tags, aiTags, customCoordinates, customMetadata, description,
                createdAt, now, pendingUntil);
    }

    /** The same file (id, version, creation time) under another folder or name: a move or rename. */
    public FileRecord movedTo(String newFolderPath, String newName, Instant now) {
        return new FileRecord(fileId, pathOf(newFolderPath, newName), newFolderPath, newName, versionId, versionNumber,
                sha256, size, mime, format, fileType, width, height, hasAlpha, isPrivate, isPublished, tags, aiTags,
                customCoordinates, customMetadata, description, createdAt, now, pendingUntil);
    }

    /** A new file with this one's content and attributes under another folder or name: a copy (never pending). */
    public FileRecord copiedTo(String newFileId, String newVersionId, int newVersionNumber, String newFolderPath,
            String newName, Instant now) {
        return new FileRecord(newFileId, pathOf(newFolderPath, newName), newFolderPath, newName, newVersionId,
                newVersionNumber, sha256, size, mime, format, fileType, width, height, hasAlpha, isPrivate,
                isPublished, tags, aiTags, customCoordinates, customMetadata, description, now, now);
    }

    /** {@code /a/b} + {@code c.jpg} = {@code /a/b/c.jpg}; the root folder is {@code /}. */
    public static String pathOf(String folderPath, String name) {
        return (folderPath.equals("/") ? "" : folderPath) + "/" + name;
    }

    /** The same file with other editable attributes (PATCH details, tag operations). */
    public FileRecord withAttributes(List<String> newTags, List<AiTag> newAiTags, String newCustomCoordinates,
            Map<String, Object> newCustomMetadata, String newDescription, boolean published, Instant now) {
        return new FileRecord(fileId, filePath, folderPath, name, versionId, versionNumber, sha256, size, mime, format,
                fileType, width, height, hasAlpha, isPrivate, published, newTags, newAiTags, newCustomCoordinates,
                newCustomMetadata, newDescription, createdAt, now, pendingUntil);
    }

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
