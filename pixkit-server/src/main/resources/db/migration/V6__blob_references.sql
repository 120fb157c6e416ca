-- Content reference counts, the deletion outbox, and pending uploads. Portable SQL (SQLite and PostgreSQL).

-- One row per stored content: how many files and file versions reference it. Maintained in the same transaction as
-- the rows that reference it, so it is exact after any crash; fsck compares it with the rows and the store.
CREATE TABLE blobs (
    sha256     CHAR(64) NOT NULL PRIMARY KEY,
    size       BIGINT   NOT NULL,
    refs       INTEGER  NOT NULL,
    created_at BIGINT   NOT NULL
);
INSERT INTO blobs (sha256, size, refs, created_at)
SELECT u.blob_sha256, MAX(u.size), COUNT(*), MIN(u.created_at)
FROM (SELECT blob_sha256, size, created_at FROM files
      UNION ALL SELECT blob_sha256, size, created_at FROM file_versions) u
GROUP BY u.blob_sha256;

-- Outbox: content whose last reference went, written in the transaction that released it. The sweeper removes the
-- bytes from storage after that commit and deletes the row; a failure is retried later (attempts, last_error), and
-- rows left by a crash are swept at the next start.
CREATE TABLE blob_deletions (
    sha256     CHAR(64) NOT NULL PRIMARY KEY,
    due_at     BIGINT   NOT NULL,
    attempts   INTEGER  NOT NULL,
    last_error TEXT
);
CREATE INDEX blob_deletions_due ON blob_deletions (due_at);

-- A pending upload is deleted at this time (epoch ms) unless committed first; NULL once committed (or never pending).
ALTER TABLE files ADD COLUMN pending_until BIGINT;
CREATE INDEX files_pending ON files (pending_until);
