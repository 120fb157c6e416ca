-- The rest of ImageKit's management API: file versions, AI tags, format, custom metadata fields, bulk folder jobs
-- and usage counters. Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- AI tags: JSON array of {name, confidence, source}; NULL when none.
ALTER TABLE files ADD COLUMN ai_tags TEXT;
-- ImageKit's `format` search field: jpg, png, webp, gif, avif, svg, tiff, heif, pdf, … or the name's extension.
ALTER TABLE files ADD COLUMN format VARCHAR(16) NOT NULL DEFAULT '';
UPDATE files SET format = CASE mime
    WHEN 'image/jpeg' THEN 'jpg' WHEN 'image/png' THEN 'png' WHEN 'image/webp' THEN 'webp'
    WHEN 'image/gif' THEN 'gif' WHEN 'image/avif' THEN 'avif' WHEN 'image/svg+xml' THEN 'svg'
    WHEN 'image/tiff' THEN 'tiff' WHEN 'image/heif' THEN 'heif' WHEN 'application/pdf' THEN 'pdf'
    ELSE '' END;

CREATE INDEX files_created ON files (created_at);
CREATE INDEX files_updated ON files (updated_at);
CREATE INDEX files_name ON files (name);

-- Earlier versions of files. The current version is the files row itself; overwriting a file moves the current
-- version here (same version_id) in the same transaction. Path, folder and name always come from the file.
CREATE TABLE file_versions (
    version_id         VARCHAR(24)   NOT NULL PRIMARY KEY,
    file_id            VARCHAR(24)   NOT NULL,
    version_number     INTEGER       NOT NULL,
    blob_sha256        CHAR(64)      NOT NULL,
    size               BIGINT        NOT NULL,
    mime               VARCHAR(127)  NOT NULL,
    format             VARCHAR(16)   NOT NULL,
    file_type          VARCHAR(16)   NOT NULL,
    width              INTEGER,
    height             INTEGER,
    has_alpha          BOOLEAN       NOT NULL,
    is_private         BOOLEAN       NOT NULL,
    is_published       BOOLEAN       NOT NULL,
    tags               TEXT,
    ai_tags            TEXT,
    custom_coordinates VARCHAR(64),
    custom_metadata    TEXT          NOT NULL,
    description        TEXT,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL
);
CREATE INDEX file_versions_file ON file_versions (file_id);
CREATE INDEX file_versions_blob ON file_versions (blob_sha256);

-- Custom metadata field definitions. Deleting a field only marks it, as ImageKit does (includeDeleted lists it);
-- a name is unique among the fields that are not deleted.
CREATE TABLE custom_metadata_fields (
    field_id     VARCHAR(24)  NOT NULL PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    label        VARCHAR(255) NOT NULL,
    description  TEXT,
    field_schema TEXT         NOT NULL,  -- JSON: the spec's schema object
    deleted      BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX custom_metadata_fields_live_name ON custom_metadata_fields (name) WHERE deleted = FALSE;
CREATE UNIQUE INDEX custom_metadata_fields_live_label ON custom_metadata_fields (label) WHERE deleted = FALSE;

-- Bulk folder jobs (copy, move, rename). The request is kept so that a job interrupted by a restart runs again.
CREATE TABLE bulk_jobs (
    job_id           VARCHAR(24)  NOT NULL PRIMARY KEY,
    job_type         VARCHAR(32)  NOT NULL,  -- COPY_FOLDER | MOVE_FOLDER | RENAME_FOLDER
    status           VARCHAR(16)  NOT NULL,  -- Pending | Completed | Failed
    request          TEXT         NOT NULL,  -- JSON
    purge_request_id VARCHAR(24),
    error            TEXT,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);

-- Usage counters per UTC day: bytes delivered, and media-library storage (sum of stored file and version sizes)
-- as last recorded that day.
CREATE TABLE usage_daily (
    day             CHAR(10) NOT NULL PRIMARY KEY,  -- YYYY-MM-DD
    bandwidth_bytes BIGINT   NOT NULL,
    storage_bytes   BIGINT   NOT NULL
);
