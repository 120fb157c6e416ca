package dev.pixkit.server.cleanup;

import dev.pixkit.server.catalog.CatalogDatabases;
import java.util.Map;

/** Every {@link PendingUploadsTest} scenario again on PostgreSQL, whose row locks decide the commit/reaper race. */
class PendingUploadsPostgresTest extends PendingUploadsTest {
    @Override
    Map<String, String> databaseSettings() throws Exception {
        return CatalogDatabases.postgresSettings();
    }
}
