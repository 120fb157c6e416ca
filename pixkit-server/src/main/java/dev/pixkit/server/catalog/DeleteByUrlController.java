package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pixkit.server.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Pixkit extension {@code POST /v1/pixkit/files/deleteByUrl}: deletes the file a delivery URL names, for apps that
 * keep only URLs (ImageKit has no such call; they would search by name first). The URL may carry a transformation
 * ({@code /tr:…/} or {@code ?tr=}), which does not matter, and {@code ?ik-obj-version=} to delete only that earlier
 * version. Idempotent: nothing at the URL (deleted before, or never stored) answers 200 {@code {"deleted": false}}.
 *
 * <p>{@code {"urls": [...]}} (1 to {@value #MAX_URLS}) deletes several, all or none in one transaction: any invalid
 * URL, or one naming a current version, fails the whole request with 400 and deletes nothing; otherwise the answer
 * lists one result per URL, in order (a URL repeated, or naming a file another URL already deleted, answers
 * {@code deleted: false}). Bytes and cached renditions go after commit, as for every delete.
 */
@RestController
class DeleteByUrlController {
    static final int MAX_URLS = 100;
    static final String MISSING_URL = "Your request is missing the url parameter.";

    private final FileCatalog catalog;
    private final DeliveryUrls urls;

    DeleteByUrlController(FileCatalog catalog, DeliveryUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    /** What deleting one URL did; {@code fileId} (and {@code versionId} for a version) only when something went. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Deletion(String url, boolean deleted, String fileId, String versionId) {}

    @PostMapping("/v1/pixkit/files/deleteByUrl")
    Object deleteByUrl(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        boolean many = fields.has("urls") && !fields.node("urls").isNull();
        if (many && fields.has("url") && !fields.node("url").isNull()) {
            throw ApiException.badRequest("Send either url or urls, not both.");
        }
        if (!many) {
            String url = fields.optionalString("url");
            if (url == null || url.isBlank()) {
                throw ApiException.badRequest(MISSING_URL);
            }
            Deletion d = delete(List.of(url), false).getFirst();
            return new Deletion(null, d.deleted(), d.fileId(), d.versionId());
        }
        List<String> list = fields.strings("urls");
        if (list.size() > MAX_URLS) {
            throw ApiException.badRequest("urls cannot have more than " + MAX_URLS + " items.");
        }
        return Map.of("results", delete(list, true));
    }

    private List<Deletion> delete(List<String> list, boolean many) {
        List<FileCatalog.Location> locations = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String url = list.get(i);
            String where = many ? "urls[" + i + "]: " : "";
            if (url == null || url.isBlank()) {
                throw ApiException.badRequest(many ? where + MISSING_URL : MISSING_URL);
            }
            try {
                DeliveryUrls.Target target = urls.parse(url.strip());
                locations.add(new FileCatalog.Location(target.filePath(), target.versionId()));
            } catch (DeliveryUrls.InvalidUrlException e) {
                throw ApiException.badRequest(where + MetadataController.FOREIGN_URL);
            }
        }
        List<Optional<FileRecord>> deleted = catalog.deleteAt(locations);
        List<Deletion> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Optional<FileRecord> d = deleted.get(i);
            boolean version = locations.get(i).versionId() != null;
            out.add(new Deletion(list.get(i), d.isPresent(), d.map(FileRecord::fileId).orElse(null),
                    version ? d.map(FileRecord::versionId).orElse(null) : null));
        }
        return out;
    }
}
