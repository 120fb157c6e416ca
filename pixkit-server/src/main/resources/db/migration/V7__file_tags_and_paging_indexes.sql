-- List and search at 100,000+ files (bench/storage). Portable SQL: runs unchanged on SQLite and PostgreSQL; the
-- backfill of file_tags reads JSON and so is per database (db/vendor/<database>/V7_1__*.sql).

-- One row per distinct tag and per distinct AI tag name (ai = TRUE) of each current file, written by
-- FileRepository in the transaction that writes the file. `tags IN [...]` finds files through file_tags_tag instead
-- of reading every file's JSON (bench: 70 ms on SQLite and 200 ms on PostgreSQL at 100,000 files for a rare tag).
-- Earlier versions keep their tags in their JSON only.
CREATE TABLE file_tags (
    file_id VARCHAR(24) NOT NULL,
    tag     TEXT        NOT NULL,
    ai      BOOLEAN     NOT NULL,
    PRIMARY KEY (file_id, ai, tag)
);
CREATE INDEX file_tags_tag ON file_tags (tag, ai, file_id);

-- Listing orders by (key, file_id), so that pages are stable: with file_id in the index the rows come out of it in
-- that exact order, and skipping rows (OFFSET) walks the index alone on SQLite (bench: skip=40000 in a folder
-- 100 ms -> 3 ms). These replace the indexes without file_id (same leading columns, so every other use is served).
CREATE INDEX files_folder_created_id ON files (folder_path, created_at, file_id);
DROP INDEX files_folder_created;
CREATE INDEX files_created_id ON files (created_at, file_id);
DROP INDEX files_created;
