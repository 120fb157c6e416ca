-- PostgreSQL part of V7: file_tags for the files that exist already (see V7__file_tags_and_paging_indexes.sql).
INSERT INTO file_tags (file_id, tag, ai)
SELECT DISTINCT f.file_id, je.v #>> '{}', FALSE FROM files f, jsonb_array_elements(f.tags::jsonb) je(v)
WHERE jsonb_typeof(je.v) = 'string';
INSERT INTO file_tags (file_id, tag, ai)
SELECT DISTINCT f.file_id, je.v ->> 'name', TRUE FROM files f, jsonb_array_elements(f.ai_tags::jsonb) je(v)
WHERE jsonb_typeof(je.v -> 'name') = 'string';

-- sort=ASC_NAME / DESC_NAME order by name COLLATE "C" (byte order, as on SQLite), which an index in the database's
-- default collation cannot serve, so they sorted every file (bench: 140 ms at 100,000 files). This one serves it.
CREATE INDEX files_name_c ON files (name COLLATE "C");
