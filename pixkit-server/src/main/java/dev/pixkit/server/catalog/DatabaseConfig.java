package dev.pixkit.server.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pixkit.server.system.PixkitSettings;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The catalog database: SQLite in the data dir by default (WAL, synchronous=FULL, write transactions taken
 * IMMEDIATE and queued in Java by {@link SqliteTransactionManager}), or PostgreSQL for a {@code jdbc:postgresql:}
 * URL. Flyway migrates either at start.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean(destroyMethod = "close")
    DataSource dataSource(PixkitSettings settings) {
        return new HikariDataSource(hikari(settings));
    }

    /** Replaces Spring Boot's transaction manager (TransactionTemplate and everything else use this one). */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, PixkitSettings settings) {
        return settings.usesPostgres() ? new JdbcTransactionManager(dataSource)
                : new SqliteTransactionManager(dataSource);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    static HikariConfig hikari(PixkitSettings settings) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("pixkit-catalog");
        c.setJdbcUrl(settings.dbUrl());
        if (settings.dbUser() != null) {
            c.setUsername(settings.dbUser());
        }
        if (settings.dbPassword() != null) {
            c.setPassword(settings.dbPassword());
        }
        if (settings.usesPostgres()) {
            c.setMaximumPoolSize(16);
        } else {
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "FULL");
            c.addDataSourceProperty("busy_timeout", "30000");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            c.setExceptionOverride(SqliteTransactionManager.EVICT_WHEN_BUSY);
            c.setMaximumPoolSize(8);
        }
        return c;
    }
}
