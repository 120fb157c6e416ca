package dev.pixkit.client;

import dev.pixkit.server.PixkitApplication;
import dev.pixkit.server.system.PixkitSettings;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Pixkit server started in this JVM on a free loopback port, with a 2 MB upload limit. */
final class LocalPixkit implements AutoCloseable {
    static final String PRIVATE_KEY = "private_test_key";
    static final String PUBLIC_KEY = "public_test_key";

    private final ConfigurableApplicationContext context;
    private final int port;

    LocalPixkit(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With more settings, e.g. {@code PIXKIT_PENDING_REAPER_PERIOD_MS}. */
    LocalPixkit(Path dataDir, Map<String, String> more) {
        this.port = freePort();
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "PIXKIT_PORT", Integer.toString(port),
                "PIXKIT_DATA_DIR", dataDir.toString(),
                "PIXKIT_PRIVATE_KEY", PRIVATE_KEY,
                "PIXKIT_PUBLIC_KEY", PUBLIC_KEY,
                "PIXKIT_MAX_UPLOAD_BYTES", "2MB"));
        settings.putAll(more);
        this.context = PixkitApplication.start(PixkitSettings.fromMap(settings));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    String endpoint() {
        return base() + "/media";
    }

    PixkitClient.Builder client() {
        return PixkitClient.builder().baseUrl(base()).privateKey(PRIVATE_KEY).urlEndpoint(endpoint());
    }

    @Override
    public void close() {
        context.close();
    }

    /** A JPEG with a gradient, so that it is a real, decodable image. */
    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
