package dev.pixkit.server;

import dev.pixkit.server.cleanup.FsckCommand;
import dev.pixkit.server.system.ApiKeys;
import dev.pixkit.server.system.Doctor;
import dev.pixkit.server.system.InvalidSettingException;
import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Pixkit ({@code java -jar pixkit-server-exec.jar}), checks its environment ({@code … doctor}) or its storage
 * ({@code … fsck [--repair]}, see {@link FsckCommand}).
 */
@SpringBootApplication
public class PixkitApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("doctor")) {
            System.exit(Doctor.run(System.out));
        }
        if (args.length > 0 && args[0].equals("fsck")) {
            FsckCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        try {
            start(PixkitSettings.fromEnvironment(), args);
        } catch (InvalidSettingException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Starts the server with validated settings; keys are generated and the data dir created when missing. */
    public static ConfigurableApplicationContext start(PixkitSettings configured, String... args) {
        try {
            Files.createDirectories(configured.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("PIXKIT_DATA_DIR " + configured.dataDir() + " cannot be created", e);
        }
        PixkitSettings settings = ApiKeys.ensure(configured);
        SpringApplication app = new SpringApplication(PixkitApplication.class);
        app.setDefaultProperties(springProperties(settings));
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("pixkitSettings", settings));
        return app.run(args);
    }

    /** Spring and container settings derived from Pixkit's own, so users configure one thing. */
    static Map<String, Object> springProperties(PixkitSettings s) {
        long maxRequest = s.maxUploadRequestBytes();
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", s.port());
        p.put("pixkit.delivery-path", s.deliveryPath());
        p.put("spring.threads.virtual.enabled", true);
        p.put("spring.main.banner-mode", "off");
        p.put("server.error.whitelabel.enabled", false);
        p.put("spring.servlet.multipart.max-file-size", s.maxUploadBytes());
        p.put("spring.servlet.multipart.max-request-size", maxRequest);
        p.put("spring.servlet.multipart.file-size-threshold", 256 * 1024);
        p.put("spring.servlet.multipart.location", s.dataDir().resolve("tmp").toString());
        p.put("server.tomcat.max-http-form-post-size", maxRequest);
        p.put("server.tomcat.max-swallow-size", 2 * 1024 * 1024);
        // Portable migrations, then the few that differ per database ({vendor}: sqlite or postgresql).
        p.put("spring.flyway.locations", "classpath:db/migration,classpath:db/vendor/{vendor}");
        // Operations: liveness/readiness probes and Prometheus metrics under /actuator (no other endpoints).
        p.put("management.endpoints.web.exposure.include", "health,prometheus");
        p.put("management.endpoint.health.probes.enabled", true);
        p.put("management.endpoint.health.show-details", "never");
        return p;
    }
}
