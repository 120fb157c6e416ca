package dev.pixkit.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The API key pair. When neither key is configured, a pair is generated on first start and kept in
 * {@code <dataDir>/keys.properties} (mode 0600); later starts read it back.
 */
public final class ApiKeys {
    static final String FILE_NAME = "keys.properties";

    private ApiKeys() {}

    /** Settings with both keys present; generates and stores them when unset. Prints a freshly generated pair once. */
    public static PixkitSettings ensure(PixkitSettings settings) {
        if (settings.privateKey() != null) {
            return settings;
        }
        Path file = settings.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                String priv = p.getProperty("privateKey");
                String pub = p.getProperty("publicKey");
                if (priv == null || pub == null) {
                    throw new InvalidSettingException(file + " lacks privateKey/publicKey; delete it to generate a new pair"
                            + " or set PIXKIT_PRIVATE_KEY and PIXKIT_PUBLIC_KEY");
                }
                return settings.withKeys(priv, pub);
            }
            String priv = "private_" + random(24);
            String pub = "public_" + random(24);
            String body = "# Pixkit API keys, generated at first start. Keep this file secret.\n"
                    + "privateKey=" + priv + "\npublicKey=" + pub + "\n";
            Files.createDirectories(settings.dataDir());
            AtomicWrite.write(file, body.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-------"));
            System.out.println("""
                    Pixkit generated an API key pair (stored in %s, mode 0600):
                      public key:  %s
                      private key: %s
                    Use the private key as the HTTP Basic username for the API. This is printed once."""
                    .formatted(file, pub, priv));
            return settings.withKeys(priv, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
    }
}
