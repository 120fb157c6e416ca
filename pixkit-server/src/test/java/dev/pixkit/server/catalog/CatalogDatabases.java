package dev.pixkit.server.catalog;

import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.system.PixkitSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two catalog databases the repository tests run on: a fresh SQLite file, and a fresh schema in the throwaway
 * PostgreSQL cluster that {@code ./pixkit test} starts ({@code PIXKIT_TEST_PG_URL}). Under {@code ./pixkit test}
 * ({@code PIXKIT_TEST_REQUIRE_PG=1}) a missing PostgreSQL fails the run instead of skipping.
 */
public final class CatalogDatabases {
    private CatalogDatabases() {}

    public static Stream<Arguments> both() {
        return Stream.of(Arguments.of("sqlite"), Arguments.of("postgresql"));
    }

    /** A migrated, empty database of the given kind. */
    public static HikariDataSource open(String kind) throws Exception {
        return open(kind, null);
    }

    /**
     * An empty database of the given kind, migrated up to version {@code target} (null: the latest), for testing a
     * migration on rows written before it; {@link #migrate} finishes.
     */
    public static HikariDataSource open(String kind, String target) throws Exception {
        Map<String, String> env = new HashMap<>();
        Path dir = Files.createTempDirectory("pixkit-db-");
        env.put("PIXKIT_DATA_DIR", dir.toString());
        if (kind.equals("postgresql")) {
            env = freshPostgresSchema();
            env.remove(SCHEMA);
            env.put("PIXKIT_DATA_DIR", dir.toString());
        }
        HikariDataSource ds = new HikariDataSource(DatabaseConfig.hikari(PixkitSettings.fromMap(env)));
        var flyway = flyway(ds, kind);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
        return ds;
    }

    /** Migrates a database from {@link #open(String, String)} to the latest version. */
    public static void migrate(HikariDataSource ds, String kind) {
        flyway(ds, kind).load().migrate();
    }

    /**
     * The server's migrations: the portable ones and those of this kind of database ({@code {vendor}}), in the
     * PostgreSQL schema the URL names.
     */
    private static FluentConfiguration flyway(HikariDataSource ds, String kind) {
        var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + kind);
        var schema = java.util.regex.Pattern.compile("[?&]currentSchema=([^&]+)").matcher(ds.getJdbcUrl());
        if (schema.find()) {
            flyway.schemas(schema.group(1));
        }
        return flyway;
    }

    private static final String SCHEMA = "schema";

    /**
     * Settings ({@code PIXKIT_DB_URL}, user, password) for a new, empty schema in the test PostgreSQL cluster, for a
     * server that migrates it itself ({@code TestServer.start(...)}); skips the test when there is no cluster.
     */
    public static Map<String, String> postgresSettings() throws Exception {
        Map<String, String> env = freshPostgresSchema();
        env.remove(SCHEMA);
        return env;
    }

    private static Map<String, String> freshPostgresSchema() throws Exception {
        String url = System.getenv("PIXKIT_TEST_PG_URL");
        if (url == null) {
            if ("1".equals(System.getenv("PIXKIT_TEST_REQUIRE_PG"))) {
                throw new IllegalStateException("PIXKIT_TEST_REQUIRE_PG=1 but PIXKIT_TEST_PG_URL is not set");
            }
            Assumptions.abort("PostgreSQL not configured; ./pixkit test starts one (set PIXKIT_TEST_PG_URL)");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, String> base = new HashMap<>();
        base.put("PIXKIT_DATA_DIR", Files.createTempDirectory("pixkit-db-").toString());
        try (var admin = new HikariDataSource(DatabaseConfig.hikari(PixkitSettings.fromMap(pg(url, base))));
                var c = admin.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        Map<String, String> env = pg(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, Map.of());
        env.put(SCHEMA, schema);
        return env;
    }

    private static Map<String, String> pg(String url, Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.put("PIXKIT_DB_URL", url);
        if (System.getenv("PIXKIT_TEST_PG_USER") != null) {
            env.put("PIXKIT_DB_USER", System.getenv("PIXKIT_TEST_PG_USER"));
        }
        if (System.getenv("PIXKIT_TEST_PG_PASSWORD") != null) {
            env.put("PIXKIT_DB_PASSWORD", System.getenv("PIXKIT_TEST_PG_PASSWORD"));
        }
        return env;
    }
}
