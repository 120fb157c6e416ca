package dev.pixkit.server.cache;

import dev.pixkit.server.catalog.DeliveryUrls;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.system.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * ImageKit's cache purge: {@code POST /v1/files/purge {"url"}} removes the cached renditions of the file the URL
 * names — of every file under a folder when the URL ends in {@code *} — and answers {@code 201 {"requestId"}};
 * {@code GET /v1/files/purge/{requestId}} answers {@code {"status":"Completed"}}. Purges finish before the answer,
 * so the status is never Pending. A transformation in the URL does not narrow the purge: every rendition of the
 * file goes. Renditions of content that no file uses any more are purged as soon as it is released.
 */
@RestController
class PurgeController {
    private final FileCatalog catalog;
    private final ResultCache cache;
    private final JdbcClient jdbc;
    private final DeliveryUrls urls;
    private final Purges purges;

    PurgeController(FileCatalog catalog, ResultCache cache, JdbcClient jdbc, DeliveryUrls urls, Purges purges) {
        this.catalog = catalog;
        this.cache = cache;
        this.jdbc = jdbc;
        this.urls = urls;
        this.purges = purges;
    }

    record PurgeRequest(String url) {}

    @PostMapping("/v1/files/purge")
    ResponseEntity<Map<String, String>> purge(@RequestBody(required = false) PurgeRequest body) {
        if (body == null || body.url() == null || body.url().isBlank()) {
            throw ApiException.badRequest("Your request is missing the url parameter.");
        }
        String path = filePathOf(body.url().strip());
        boolean wildcard = path.endsWith("*");
        List<String> contents = catalog.contentOf(wildcard ? path.substring(0, path.length() - 1) : path, wildcard);
        String id = purges.purge(body.url(), contents);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("requestId", id));
    }

    @GetMapping("/v1/files/purge/{requestId}")
    Map<String, String> status(@PathVariable String requestId) {
        return jdbc.sql("SELECT status FROM purge_requests WHERE request_id = :id").param("id", requestId)
                .query(String.class).optional()
                .map(s -> Map.of("status", s))
                .orElseThrow(() -> ApiException.badRequest("No request found for this requestId."));
    }

    @EventListener
    void contentReleased(FileCatalog.ContentReleased event) {
        cache.purgeContent(List.of(event.sha256()));
    }

    /** The file path a delivery URL names (a trailing {@code *} stands for a folder's files). */
    private String filePathOf(String url) {
        try {
            return urls.parse(url).filePath();
        } catch (DeliveryUrls.InvalidUrlException e) {
            throw ApiException.badRequest(switch (e.problem()) {
                case MALFORMED -> "Invalid url parameter: " + e.getMessage();
                case FOREIGN -> "Invalid url parameter: it must be a URL under " + urls.endpoint() + ".";
                case NO_FILE -> "Invalid url parameter: it names no file (use a trailing * for a folder).";
            });
        }
    }
}
