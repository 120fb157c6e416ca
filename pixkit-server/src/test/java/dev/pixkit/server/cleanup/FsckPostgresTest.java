package dev.pixkit.server.cleanup;

import dev.pixkit.server.catalog.CatalogDatabases;
import java.util.Map;

/** Every {@link FsckTest} scenario again on a server whose catalog is PostgreSQL. */
class FsckPostgresTest extends FsckTest {
    @Override
    Map<String, String> databaseSettings() throws Exception {
        return CatalogDatabases.postgresSettings();
    }
}
