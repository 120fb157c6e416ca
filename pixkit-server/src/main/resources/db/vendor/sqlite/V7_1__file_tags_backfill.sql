-- SQLite part of V7: file_tags for the files that exist already (see V7__file_tags_and_paging_indexes.sql).
INSERT INTO file_tags (file_id, tag, ai)
SELECT DISTINCT f.file_id, je.value, FALSE FROM files f, json_each(f.tags) je WHERE je.type = 'text';
INSERT INTO file_tags (file_id, tag, ai)
SELECT DISTINCT f.file_id, json_extract(je.value, '$.name'), TRUE FROM files f, json_each(f.ai_tags) je
WHERE json_type(je.value, '$.name') = 'text';
