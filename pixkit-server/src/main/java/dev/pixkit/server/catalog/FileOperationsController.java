package dev.pixkit.server.catalog;

import dev.pixkit.server.cache.Purges;
import dev.pixkit.server.system.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Operations on several files or on a file's place: batch delete, adding and removing tags and AI tags, copy, move
 * and rename. Batch operations are all-or-none: any unknown id answers 404 with {@code missingFileIds} and changes
 * nothing, so ImageKit's 207 partial answer never occurs.
 */
@RestController
class FileOperationsController {
    private static final int MAX_DELETE = 100;
    private static final int MAX_EDIT = 50;
    private static final int MAX_TAGS_LENGTH = 500;

    private final FileCatalog catalog;
    private final Clock clock;
    private final Purges purges;
    private final FileUrls urls;

    FileOperationsController(FileCatalog catalog, Clock clock, Purges purges, FileUrls urls) {
        this.catalog = catalog;
        this.purges = purges;
        this.urls = urls;
        this.clock = clock;
    }

    @PostMapping("/v1/files/batch/deleteByFileIds")
    Map<String, List<String>> batchDelete(@RequestBody(required = false) JsonNode body) {
        List<String> ids = JsonFields.of(body).strings("fileIds");
        if (ids.size() > MAX_DELETE) {
            throw ApiException.badRequest("fileIds cannot have more than " + MAX_DELETE + " items.");
        }
        catalog.deleteAll(ids);
        return Map.of("successfullyDeletedFileIds", distinct(ids));
    }

    @PostMapping("/v1/files/addTags")
    Map<String, List<String>> addTags(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        List<String> ids = editable(fields);
        List<String> tags = tags(fields, "tags");
        catalog.updateAll(ids, f -> {
            List<String> merged = new ArrayList<>(f.tags() == null ? List.of() : f.tags());
            merged.addAll(tags);
            return f.withAttributes(FileAttributes.tags(merged, "tags"), f.aiTags(), f.customCoordinates(),
                    f.customMetadata(), f.description(), f.isPublished(), clock.instant());
        });
        return Map.of("successfullyUpdatedFileIds", distinct(ids));
    }

    @PostMapping("/v1/files/removeTags")
    Map<String, List<String>> removeTags(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        List<String> ids = editable(fields);
        Set<String> tags = Set.copyOf(tags(fields, "tags"));
        catalog.updateAll(ids, f -> {
            List<String> kept = f.tags() == null ? List.of() : f.tags().stream().filter(t -> !tags.contains(t)).toList();
            return f.withAttributes(kept.isEmpty() ? null : kept, f.aiTags(), f.customCoordinates(),
                    f.customMetadata(), f.description(), f.isPublished(), clock.instant());
        });
        return Map.of("successfullyUpdatedFileIds", distinct(ids));
    }

    @PostMapping("/v1/files/removeAITags")
    Map<String, List<String>> removeAiTags(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        List<String> ids = editable(fields);
        Set<String> names = Set.copyOf(tags(fields, "AITags"));
        catalog.updateAll(ids, f -> f.withAttributes(f.tags(), AiTags.without(f.aiTags(), names),
                f.customCoordinates(), f.customMetadata(), f.description(), f.isPublished(), clock.instant()));
        return Map.of("successfullyUpdatedFileIds", distinct(ids));
    }

    @PostMapping("/v1/files/copy")
    ResponseEntity<Void> copy(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        FileRecord source = source(fields.string("sourceFilePath"));
        String folder = destination(fields.string("destinationPath"), source);
        catalog.copy(source, folder, fields.bool("includeFileVersions", false));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/files/move")
    ResponseEntity<Void> move(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        FileRecord source = source(fields.string("sourceFilePath"));
        catalog.move(source, destination(fields.string("destinationPath"), source));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v1/files/rename")
    Map<String, String> rename(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String path = fields.string("filePath");
        String newName = Names.fileName(fields.string("newFileName"), "newFileName");
        boolean purge = fields.bool("purgeCache", false);
        FileRecord file = catalog.findByPath(path).orElseThrow(() -> ApiException.notFound(
                "No file found in media library at filePath " + path).reason("FILE_MISSING"));
        if (file.name().equals(newName)) {
            throw ApiException.badRequest("newFileName cannot be the same as its existing name.")
                    .reason("SAME_OLD_AND_NEW_NAME");
        }
        List<String> content = catalog.versions(file.fileId()).stream().map(FileRecord::sha256).distinct().toList();
        catalog.rename(file, newName);
        // ImageKit purges "<old url>*", the file's versions and query-form renditions; a Pixkit purge is by content,
        // so the renditions of every version's bytes go.
        return purge ? Map.of("purgeRequestId", purges.purge(urls.url(file) + "*", content)) : Map.of();
    }

    private FileRecord source(String path) {
        return catalog.findByPath(path).orElseThrow(() -> ApiException.notFound(
                "No file found with filePath `" + path + "`.").reason("SOURCE_FILE_MISSING"));
    }

    private static String destination(String raw, FileRecord source) {
        String folder = Names.folder(raw, "destinationPath");
        if (folder.equals(source.folderPath())) {
            throw ApiException.badRequest("Your request is missing parameters / contains invalid parameters:"
                    + " destinationPath is the folder the file is in.").reason("SAME_SOURCE_AND_DESTINATION");
        }
        return folder;
    }

    private static List<String> editable(JsonFields fields) {
        List<String> ids = fields.strings("fileIds");
        if (ids.size() > MAX_EDIT) {
            throw ApiException.badRequest("A maximum of " + MAX_EDIT + " files can be edited at a time.");
        }
        return ids;
    }

    private static List<String> tags(JsonFields fields, String name) {
        JsonNode n = fields.node(name);
        if (n == null || n.isNull()) {
            throw ApiException.badRequest(name + " parameter is missing.");
        }
        if (n.isArray() && n.isEmpty()) {
            throw ApiException.badRequest(name + " array cannot be empty.");
        }
        List<String> tags = fields.strings(name);
        if (tags.stream().mapToInt(String::length).sum() > MAX_TAGS_LENGTH) {
            throw ApiException.badRequest("Your request contains invalid value for " + name + " parameter. Combined"
                    + " length of all tags should be less than or equal to " + MAX_TAGS_LENGTH + ".");
        }
        List<String> clean = FileAttributes.tags(tags, name);
        if (clean == null) {
            throw ApiException.badRequest(name + " array cannot be empty.");
        }
        return clean;
    }

    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
