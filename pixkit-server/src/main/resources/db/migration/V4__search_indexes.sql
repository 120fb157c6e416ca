-- Indexes for GET /v1/files (list and search). Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- The path parameter lists one folder in the default order (ASC_CREATED); this index serves both the filter and the
-- order, and replaces the single-column folder index (its leading column answers every folder_path lookup).
CREATE INDEX files_folder_created ON files (folder_path, created_at);
DROP INDEX files_folder_path;

-- Sorting by size, width and height (name, created_at and updated_at already have indexes).
CREATE INDEX files_size ON files (size);
CREATE INDEX files_width ON files (width);
CREATE INDEX files_height ON files (height);

-- type=file-version in the default order.
CREATE INDEX file_versions_created ON file_versions (created_at);
