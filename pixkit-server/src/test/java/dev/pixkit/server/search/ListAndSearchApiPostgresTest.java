package dev.pixkit.server.search;

import dev.pixkit.server.catalog.CatalogDatabases;
import java.util.Map;

/** Every {@link ListAndSearchApiTest} scenario again on a server whose catalog is PostgreSQL. */
class ListAndSearchApiPostgresTest extends ListAndSearchApiTest {
    @Override
    Map<String, String> databaseSettings() throws Exception {
        return CatalogDatabases.postgresSettings();
    }
}
