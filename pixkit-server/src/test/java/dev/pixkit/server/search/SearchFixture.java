package dev.pixkit.server.search;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small catalog written straight into a migrated database: files chosen so that every operator has rows on both
 * sides of it, names with LIKE/GLOB wildcards, a folder whose name extends another's ({@code /sale-old}), an earlier
 * version and folders, and the {@code file_tags} rows that FileRepository keeps with each file. All times are
 * relative to {@link #NOW}.
 */
final class SearchFixture {
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");

    private final JdbcClient jdbc;

    SearchFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void load() {
        file("f1", "/sale", "red-dress-summer.jpg", 512_000, 800, 600, "jpg", false, false, true,
                "[\"summer-sale\",\"banner\"]", "[{\"name\":\"Dress\",\"confidence\":91.5,\"source\":\"google-auto-tagging\"}]",
                "{\"brand\":\"Nike\",\"rating\":4.5,\"active\":true,\"sizes\":[\"S\",\"M\"],"
                        + "\"launch\":\"2024-01-10T00:00:00.000Z\",\"note\":\"Red cotton dress\"}",
                NOW.minus(Duration.ofDays(1)));
        file("f2", "/sale", "red-dress-winter.png", 2 * 1024 * 1024, 300, 200, "png", true, true, true,
                "[\"winter\"]", null, "{\"brand\":\"Adidas\",\"rating\":3,\"code\":\"500\"}",
                NOW.minus(Duration.ofDays(10)));
        file("f3", "/sale/summer", "Blue_Shirt.webp", 100, 50, 50, "webp", false, true, false, null,
                "[{\"name\":\"Shirt\",\"confidence\":80,\"source\":\"aws-auto-tagging\"},"
                        + "{\"name\":\"T-shirt\",\"confidence\":70,\"source\":\"aws-auto-tagging\"}]",
                "{}", Instant.parse("2019-12-31T23:00:00Z"));
        file("f4", "/docs", "readme.txt", 10, null, null, "", false, false, true, "[\"docs\"]", null,
                "{\"brand\":\"nike\",\"tuple\":[\"luxury\",7]}", NOW.minus(Duration.ofHours(2)));
        file("f5", "/", "100%_off*.bin", 1024 * 1024, null, null, "", false, false, true, null, null, "{}",
                NOW.minus(Duration.ofDays(30)));
        file("f6", "/sale-old", "100ab_off.bin", 5, null, null, "", false, false, true, "[]", null,
                "{\"rating\":\"4.9\"}", NOW.minus(Duration.ofDays(400)));
        // An earlier version of f1: smaller, other tags.
        jdbc.sql("""
                INSERT INTO file_versions (version_id, file_id, version_number, blob_sha256, size, mime, format,
                    file_type, width, height, has_alpha, is_private, is_published, tags, ai_tags,
                    custom_coordinates, custom_metadata, description, created_at, updated_at)
                VALUES ('v1old', 'f1', 1, :sha, 999, 'image/jpeg', 'jpg', 'image', 10, 10, FALSE, FALSE, TRUE,
                    '["old"]', NULL, NULL, '{"brand":"Nike"}', NULL, :t, :t)""")
                .param("sha", "0".repeat(64)).param("t", NOW.minus(Duration.ofDays(3)).toEpochMilli()).update();
        folder("d1", "/sale", "sale", NOW.minus(Duration.ofDays(20)));
        folder("d2", "/sale/summer", "summer", NOW.minus(Duration.ofDays(5)));
        folder("d3", "/docs", "docs", NOW.minus(Duration.ofDays(2)));
        folder("d4", "/sale-old", "sale-old", NOW.minus(Duration.ofDays(400)));
    }

    private void file(String id, String folder, String name, long size, Integer width, Integer height, String format,
            boolean isPrivate, boolean alpha, boolean published, String tags, String aiTags, String metadata,
            Instant created) {
        boolean image = width != null;
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("path", (folder.equals("/") ? "" : folder) + "/" + name);
        p.put("folder", folder);
        p.put("name", name);
        p.put("version", id + "v");
        p.put("sha", "0".repeat(64));
        p.put("size", size);
        p.put("mime", image ? "image/" + format : "application/octet-stream");
        p.put("format", format);
        p.put("fileType", image ? "image" : "non-image");
        p.put("width", width);
        p.put("height", height);
        p.put("alpha", alpha);
        p.put("private", isPrivate);
        p.put("published", published);
        p.put("tags", tags);
        p.put("aiTags", aiTags);
        p.put("metadata", metadata);
        p.put("created", created.toEpochMilli());
        p.put("updated", created.plusSeconds(60).toEpochMilli());
        jdbc.sql("""
                INSERT INTO files (file_id, file_path, folder_path, name, version_id, version_number, blob_sha256,
                    size, mime, format, file_type, width, height, has_alpha, is_private, is_published, tags, ai_tags,
                    custom_coordinates, custom_metadata, description, created_at, updated_at)
                VALUES (:id, :path, :folder, :name, :version, 2, :sha, :size, :mime, :format, :fileType, :width,
                    :height, :alpha, :private, :published, :tags, :aiTags, NULL, :metadata, NULL, :created,
                    :updated)""")
                .params(p).update();
        fileTags(id, tags, false);
        fileTags(id, aiTags, true);
    }

    /** What FileRepository writes: each distinct tag, or each distinct AI tag name, once. */
    private void fileTags(String fileId, String json, boolean ai) {
        if (json == null) {
            return;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode n : JsonMapper.builder().build().readTree(json)) {
            tags.add(ai ? n.get("name").asString() : n.asString());
        }
        for (String tag : tags) {
            jdbc.sql("INSERT INTO file_tags (file_id, tag, ai) VALUES (:id, :tag, :ai)").param("id", fileId)
                    .param("tag", tag).param("ai", ai).update();
        }
    }

    private void folder(String id, String path, String name, Instant created) {
        jdbc.sql("INSERT INTO folders (folder_id, folder_path, name, created_at, updated_at)"
                        + " VALUES (:id, :path, :name, :t, :t)")
                .param("id", id).param("path", path).param("name", name).param("t", created.toEpochMilli()).update();
    }
}
