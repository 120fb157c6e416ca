-- bench/storage: clones the files uploaded into /seed (through the API) into @CLONES@ more rows, on PostgreSQL.
-- run.sh replaces @CLONES@ and @NOW@ (epoch ms) with numbers before running this with psql (search_path set to the
-- bench schema), while the server is stopped. The same rows as seed-sqlite.sql (see there for the distribution).
BEGIN;
CREATE TEMP TABLE tpl AS
    SELECT row_number() OVER (ORDER BY file_id) - 1 AS t, blob_sha256, mime, format, file_type, width, height, has_alpha
    FROM files WHERE file_path LIKE '/seed/%';

WITH rows AS (
    SELECT i, 'be' || lpad(to_hex(i), 22, '0') AS id,
           CASE WHEN i % 2 = 0 THEN '/bench/big' ELSE '/bench/f' || lpad(((i / 2) % 500)::text, 3, '0') END AS folder,
           'img-' || lpad(i::text, 6, '0') || '.jpg' AS name
    FROM generate_series(0::bigint, @CLONES@ - 1) AS i)
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
SELECT DISTINCT f.file_id, je.v, FALSE FROM files f, jsonb_array_elements_text(f.tags::jsonb) je(v)
WHERE f.file_id LIKE 'be%';

INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at)
SELECT 'bf' || lpad(to_hex(i), 22, '0'), '/bench/f' || lpad(i::text, 3, '0'), 'f' || lpad(i::text, 3, '0'), @NOW@, @NOW@
FROM generate_series(0, 499) AS i;
INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at) VALUES
    ('bf' || lpad(to_hex(1000), 22, '0'), '/bench', 'bench', @NOW@, @NOW@),
    ('bf' || lpad(to_hex(1001), 22, '0'), '/bench/big', 'big', @NOW@, @NOW@);

UPDATE blobs SET refs = (SELECT COUNT(*) FROM files f WHERE f.blob_sha256 = blobs.sha256)
                      + (SELECT COUNT(*) FROM file_versions v WHERE v.blob_sha256 = blobs.sha256);
COMMIT;
-- what autovacuum would do shortly after a bulk load: statistics for the planner, visibility map for index-only scans
VACUUM ANALYZE files, folders, blobs, file_versions, file_tags;
