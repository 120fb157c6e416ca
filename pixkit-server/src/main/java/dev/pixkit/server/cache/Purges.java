package dev.pixkit.server.cache;

import dev.pixkit.server.catalog.Ids;
import java.time.Clock;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records a cache purge: removes the renditions of the given contents and stores a completed purge request for the
 * URL (which {@code GET /v1/files/purge/{requestId}} then reports). Shared by the purge API and by folder renames
 * with {@code purgeCache}. The row joins the caller's transaction when there is one; the renditions go at once,
 * which is harmless if that transaction rolls back (they are rendered again on demand).
 */
@Service
public class Purges {
    private final ResultCache cache;
    private final JdbcClient jdbc;
    private final Clock clock;

    Purges(ResultCache cache, JdbcClient jdbc, Clock clock) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Purges the renditions of {@code contents}, records the request for {@code url} and returns its id. */
    public String purge(String url, Collection<String> contents) {
        int purged = cache.purgeContent(contents);
        String id = Ids.next();
        jdbc.sql("INSERT INTO purge_requests (request_id, url, status, purged, created_at)"
                        + " VALUES (:id, :url, 'Completed', :purged, :now)")
                .param("id", id).param("url", url).param("purged", purged).param("now", clock.millis()).update();
        return id;
    }
}
