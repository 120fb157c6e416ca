-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT).

CREATE TABLE folders (
    folder_id   VARCHAR(24)   NOT NULL PRIMARY KEY,
    folder_path VARCHAR(1024) NOT NULL UNIQUE,   -- '/a/b', never '/' (the root is implicit)
    name        VARCHAR(255)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);

CREATE TABLE files (
    file_id            VARCHAR(24)   NOT NULL PRIMARY KEY,
    file_path          VARCHAR(1280) NOT NULL UNIQUE, -- '/a/b/name.jpg'
    folder_path        VARCHAR(1024) NOT NULL,        -- '/' or '/a/b'
    name               VARCHAR(255)  NOT NULL,
    version_id         VARCHAR(24)   NOT NULL,
    version_number     INTEGER       NOT NULL,
    blob_sha256        CHAR(64)      NOT NULL,
    size               BIGINT        NOT NULL,
    mime               VARCHAR(127)  NOT NULL,
    file_type          VARCHAR(16)   NOT NULL,        -- 'image' | 'non-image'
    width              INTEGER,
    height             INTEGER,
    has_alpha          BOOLEAN       NOT NULL,
    is_private         BOOLEAN       NOT NULL,
    is_published       BOOLEAN       NOT NULL,
    tags               TEXT,                          -- JSON array, NULL when none
    custom_coordinates VARCHAR(64),
    custom_metadata    TEXT          NOT NULL,        -- JSON object
    description        TEXT,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL
);
CREATE INDEX files_folder_path ON files (folder_path);
CREATE INDEX files_blob ON files (blob_sha256);

-- Client-side upload tokens are single use; rows live until their signature expires.
CREATE TABLE upload_tokens (
    token  VARCHAR(255) NOT NULL PRIMARY KEY,
    expire BIGINT       NOT NULL
);
