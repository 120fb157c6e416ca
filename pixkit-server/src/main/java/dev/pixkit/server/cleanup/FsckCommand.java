package dev.pixkit.server.cleanup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.pixkit.server.cache.ResultCache;
import dev.pixkit.server.system.InvalidSettingException;
import dev.pixkit.server.system.PixkitSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code pixkit-server-exec.jar fsck [--repair] [--grace=1h] [--json]}: runs {@link Fsck} against the configured data
 * dir and database without starting the server, prints the report, and exits 0 when no problem remains, 1 when some
 * do, 2 when it cannot run (invalid settings or arguments, no catalog yet, unreachable database).
 *
 * <p>It starts a small Spring context of its own: the database, the blob store (whichever {@code storage} package
 * component the settings select), the result cache, the sweeper and fsck; no web server, no libvips, no schema
 * migration, and no background work (the sweeper's timer and other lifecycle beans are not started), so that
 * running it beside a live server adds nothing but fsck's own transactions.
 */
public final class FsckCommand {
    private static final String USAGE = "usage: pixkit fsck [--repair] [--grace=DURATION] [--json]";

    private FsckCommand() {}

    /** The jar's {@code fsck} command: warnings only, on stderr, so that stdout is the report. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Exit status: 0 no problems remain, 1 some do, 2 cannot run. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        PixkitSettings settings;
        try {
            settings = PixkitSettings.fromEnvironment();
        } catch (InvalidSettingException e) {
            err.println(e.getMessage());
            return 2;
        }
        return run(settings, args, out, err);
    }

    static int run(PixkitSettings settings, List<String> args, PrintStream out, PrintStream err) {
        boolean repair = false;
        boolean json = false;
        Duration grace = null;
        for (String a : args) {
            if (a.equals("--repair")) {
                repair = true;
            } else if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("--grace=")) {
                try {
                    grace = PixkitSettings.parseDuration(a.substring("--grace=".length()));
                } catch (IllegalArgumentException e) {
                    err.println("pixkit fsck: --grace: " + e.getMessage());
                    return 2;
                }
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else {
                err.println("pixkit fsck: unknown argument " + a + "\n" + USAGE);
                return 2;
            }
        }
        if (!Files.isDirectory(settings.dataDir())) {
            err.println("pixkit fsck: the data dir " + settings.dataDir() + " does not exist (PIXKIT_DATA_DIR)");
            return 2;
        }
        if (!settings.usesPostgres()) {
            Path db = Path.of(settings.dbUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
            if (!Files.isRegularFile(db)) {
                // connecting would create an empty database
                err.println("pixkit fsck: no catalog at " + db + ": the server has not run on this data dir yet");
                return 2;
            }
        }
        FsckReport report;
        try (AnnotationConfigApplicationContext context = context(settings)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            try {
                jdbc.sql("SELECT COUNT(*) FROM blob_deletions WHERE 1 = 0").query(Long.class).single();
            } catch (RuntimeException e) {
                err.println("pixkit fsck: the catalog's schema predates reference counting (or the database is"
                        + " unreachable); start the server once to migrate it: " + rootMessage(e));
                return 2;
            }
            Fsck fsck = context.getBean(Fsck.class);
            report = fsck.run(repair, grace != null ? grace : settings.fsckGrace());
        } catch (RuntimeException e) {
            err.println("pixkit fsck: " + rootMessage(e));
            return 2;
        }
        if (json) {
            out.println(tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report));
        } else {
            out.print(report.toText());
        }
        out.flush();
        return report.problems() == 0 ? 0 : 1;
    }

    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            lc.reset();
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(lc);
            encoder.setPattern("%level %logger{0}: %msg%n");
            encoder.start();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(lc);
            console.setTarget("System.err");
            console.setEncoder(encoder);
            console.start();
            Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.WARN);
            root.addAppender(console);
        }
    }

    private static AnnotationConfigApplicationContext context(PixkitSettings settings) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getBeanFactory().registerSingleton("pixkitSettings", settings);
        // no lifecycle starts: the sweeper's timer (and any other background work) stays off
        context.getBeanFactory().registerSingleton(AnnotationConfigApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME,
                new NoLifecycle());
        context.register(Offline.class);
        context.refresh();
        return context;
    }

    /** The innermost cause's message: Spring's wrappers repeat the SQL and add little. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The beans fsck needs, nothing else: see the class comment. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackages = "dev.pixkit.server", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = OfflineComponents.class))
    static class Offline {
        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            return JdbcClient.create(dataSource);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    /**
     * Components of the storage package (so a store selected by settings is found however it is declared), the
     * database configuration (the data source and its transaction manager), the result cache, the sweeper and fsck.
     */
    static final class OfflineComponents implements TypeFilter {
        private static final Set<String> CLASSES = Set.of("dev.pixkit.server.catalog.DatabaseConfig",
                ResultCache.class.getName(), BlobSweeper.class.getName(), Fsck.class.getName());
        private static final String STORAGE = "dev.pixkit.server.storage.";

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String name = reader.getClassMetadata().getClassName();
            var annotations = reader.getAnnotationMetadata();
            boolean component = annotations.hasAnnotation(Component.class.getName())
                    || annotations.hasMetaAnnotation(Component.class.getName());
            return component && (CLASSES.contains(name) || name.startsWith(STORAGE));
        }
    }

    /** A lifecycle processor that starts and stops nothing. */
    private static final class NoLifecycle implements LifecycleProcessor {
        @Override
        public void onRefresh() {}

        @Override
        public void onClose() {}

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public boolean isRunning() {
            return false;
        }
    }
}
