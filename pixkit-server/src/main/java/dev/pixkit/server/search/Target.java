package dev.pixkit.server.search;

import dev.pixkit.server.catalog.FileRows;

/**
 * What a search returns rows of, and where each searchable field is in its table: current files ({@code files f}),
 * earlier versions ({@code file_versions v}, with path, folder and name from the joined file {@code f}), and folders
 * ({@code folders d}). A field a target does not have maps to null and compiles to FALSE.
 */
enum Target {
    FILE("file", "files f", FileRows.fileColumns("f"), "f", "f", "f.file_id", "f.file_id"),
    FILE_VERSION("file-version", "file_versions v JOIN files f ON f.file_id = v.file_id",
            FileRows.versionColumns("v", "f"), "v", "f", "v.file_id", "v.version_id"),
    FOLDER("folder", "folders d",
            "d.folder_id, d.folder_path, d.name, d.created_at, d.updated_at", null, "d", "d.folder_id", "d.folder_id");

    private final String wire;
    private final String from;
    private final String columns;
    /** Alias of the table with content columns (size, tags, …); null for folders. */
    private final String content;
    /** Alias of the table with the name. */
    private final String named;
    private final String id;
    private final String uniqueKey;

    Target(String wire, String from, String columns, String content, String named, String id, String uniqueKey) {
        this.wire = wire;
        this.from = from;
        this.columns = columns;
        this.content = content;
        this.named = named;
        this.id = id;
        this.uniqueKey = uniqueKey;
    }

    /** ImageKit's {@code type} of these rows. */
    String wire() {
        return wire;
    }

    String from() {
        return from;
    }

    String columns() {
        return columns;
    }

    /** A column no two rows share, the last ORDER BY term so that pages never overlap or skip. */
    String uniqueKey() {
        return uniqueKey;
    }

    /**
     * The column of a plain field, or null when these rows do not have it. {@code PATH}, {@code TYPE}, {@code TAGS}
     * and {@code AI_TAGS} are not plain columns and are handled by the compiler.
     */
    String column(BuiltInField field) {
        return switch (field) {
            case NAME -> named + ".name";
            case ID -> id;
            case CREATED_AT -> (this == FOLDER ? "d" : content) + ".created_at";
            case UPDATED_AT -> (this == FOLDER ? "d" : content) + ".updated_at";
            case PATH -> this == FOLDER ? "d.folder_path" : "f.folder_path";
            case TYPE -> null;
            default -> content == null ? null : contentColumn(field);
        };
    }

    private String contentColumn(BuiltInField field) {
        return switch (field) {
            case TAGS -> content + ".tags";
            case AI_TAGS -> content + ".ai_tags";
            case FILE_TYPE -> content + ".file_type";
            case FORMAT -> content + ".format";
            case SHA256 -> content + ".blob_sha256";
            case WIDTH -> content + ".width";
            case HEIGHT -> content + ".height";
            case SIZE -> content + ".size";
            case PRIVATE -> content + ".is_private";
            case PUBLISHED -> content + ".is_published";
            // ImageKit: transparency applies to images only.
            case TRANSPARENCY -> "(CASE WHEN " + content + ".file_type = 'image' THEN " + content + ".has_alpha END)";
            case PENDING -> this == FILE ? "(f.pending_until IS NOT NULL)" : "FALSE";
            default -> throw new IllegalArgumentException(field.name());
        };
    }

    /** The custom metadata JSON column, or null (folders have none in Pixkit). */
    String metadataColumn() {
        return content == null ? null : content + ".custom_metadata";
    }
}
