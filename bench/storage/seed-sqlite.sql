-- bench/storage: clones the files uploaded into /seed (through the API) into @CLONES@ more rows, on SQLite.
-- run.sh replaces @CLONES@ and @NOW@ (epoch ms) with numbers before running this with the sqlite3 CLI, while the
-- server is stopped. Keep in step with seed-postgres.sql: the same rows on both databases.
--
-- Row i (0 ≤ i < @CLONES@):
--   folder     even i: /bench/big (half of the clones in one folder); odd i: /bench/f000 … /bench/f499 (100 each)
--   name       img-<i, 6 digits>.jpg
--   content    the i % T-th template's sha256, mime, format, type, width, height, alpha (T = templates);
--              blobs.refs is recounted at the end, so every stored content is referenced exactly as often as used
--   size       synthetic, 10 kB … 5 MB (spread by a multiplicative hash of i)
--   tags       ["t<i % 997>","c<i % 13>"] + "sale" when (i / 3) % 10 = 0 (10 %) + "rare" when i % 1000 = 7 (0.1 %),
--              also in file_tags, as FileRepository writes them
--   metadata   {"color": one of ten colours by (i / 7) % 10; "red" is 10 %}
--   created    evenly spread over the two years before @NOW@, increasing with i (updated = created)
BEGIN;
CREATE TEMP TABLE tpl AS
    SELECT row_number() OVER (ORDER BY file_id) - 1 AS t, blob_sha256, mime, format, file_type, width, height, has_alpha
    FROM files WHERE file_path LIKE '/seed/%';

WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < @CLONES@ - 1),
rows AS (
    SELECT i, printf('be%022x', i) AS id,
           CASE WHEN i % 2 = 0 THEN '/bench/big' ELSE printf('/bench/f%03d', (i / 2) % 500) END AS folder,
           printf('img-%06d.jpg', i) AS name
    FROM seq)
INSERT INTO files (file_id, file_path, folder_path, name, version_id, version_number, blob_sha256, size, mime, format,
                   file_type, width, height, has_alpha, is_private, is_published, tags, ai_tags, custom_coordinates,
                   custom_metadata, description, created_at, updated_at, pending_until)
SELECT r.id, r.folder || '/' || r.name, r.folder, r.name, r.id, 1, tpl.blob_sha256,
       10000 + (r.i * 2654435761) % 4990000, tpl.mime, tpl.format, tpl.file_type, tpl.width, tpl.height,
       tpl.has_alpha, FALSE, TRUE,
       '["t' || (r.i % 997) || '","c' || (r.i % 13) || '"'
           || CASE WHEN (r.i / 3) % 10 = 0 THEN ',"sale"' ELSE '' END
           || CASE WHEN r.i % 1000 = 7 THEN ',"rare"' ELSE '' END || ']',
       NULL, NULL,
       '{"color":"' || CASE (r.i / 7) % 10 WHEN 0 THEN 'red' WHEN 1 THEN 'green' WHEN 2 THEN 'blue'
           WHEN 3 THEN 'black' WHEN 4 THEN 'white' WHEN 5 THEN 'yellow' WHEN 6 THEN 'purple' WHEN 7 THEN 'orange'
           WHEN 8 THEN 'pink' ELSE 'grey' END || '"}',
       NULL,
       @NOW@ - (@CLONES@ - r.i) * (63072000000 / @CLONES@),
       @NOW@ - (@CLONES@ - r.i) * (63072000000 / @CLONES@),
       NULL
FROM rows r JOIN tpl ON tpl.t = r.i % (SELECT COUNT(*) FROM tpl);

-- what FileRepository writes with each file: its distinct tags (the clones have no AI tags)
INSERT INTO file_tags (file_id, tag, ai)
SELECT DISTINCT f.file_id, je.value, FALSE FROM files f, json_each(f.tags) je WHERE f.file_id LIKE 'be%';

WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 499)
INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at)
SELECT printf('bf%022x', i), printf('/bench/f%03d', i), printf('f%03d', i), @NOW@, @NOW@ FROM seq;
INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at) VALUES
    (printf('bf%022x', 1000), '/bench', 'bench', @NOW@, @NOW@),
    (printf('bf%022x', 1001), '/bench/big', 'big', @NOW@, @NOW@);

UPDATE blobs SET refs = (SELECT COUNT(*) FROM files f WHERE f.blob_sha256 = blobs.sha256)
                      + (SELECT COUNT(*) FROM file_versions v WHERE v.blob_sha256 = blobs.sha256);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
