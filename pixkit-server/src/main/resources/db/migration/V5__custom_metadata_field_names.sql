-- A custom metadata field's name stays taken after the field is deleted (ImageKit: "unique across all (including
-- deleted) custom metadata fields"), so the live-only unique index on name from V3 becomes a plain one. Labels stay
-- unique among live fields only. Portable SQL: runs unchanged on SQLite and PostgreSQL.
DROP INDEX custom_metadata_fields_live_name;
CREATE UNIQUE INDEX custom_metadata_fields_name ON custom_metadata_fields (name);
