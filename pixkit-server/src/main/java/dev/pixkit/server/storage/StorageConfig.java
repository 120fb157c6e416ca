package dev.pixkit.server.storage;

import dev.pixkit.server.system.PixkitSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link BlobStore} of the server, as {@code PIXKIT_STORAGE} says. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {
    private static final Logger log = LoggerFactory.getLogger(StorageConfig.class);

    /** Closed with the context (the S3 store closes its HTTP connections). */
    @Bean
    BlobStore blobStore(PixkitSettings settings) throws IOException {
        return switch (settings.storage()) {
            case PixkitSettings.Storage.Local local -> new LocalBlobStore(settings.dataDir());
            case PixkitSettings.Storage.S3 s3 -> {
                S3BlobStore store = S3BlobStore.open(s3, settings.dataDir());
                try {
                    store.verifyBucket();
                    log.info("Storing files in s3://{}/{}", s3.bucket(), s3.prefix());
                } catch (StorageUnavailableException e) {
                    // The store may come back; uploads and deliveries answer 503 until it does.
                    log.warn("{}; starting anyway", e.getMessage());
                } catch (IOException e) {
                    store.close();
                    throw new IllegalStateException("PIXKIT_S3_BUCKET '" + s3.bucket() + "' cannot be used: "
                            + e.getMessage(), e);
                }
                yield store;
            }
        };
    }
}
