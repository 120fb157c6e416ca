package dev.pixkit.server.storage;

import dev.pixkit.server.support.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Stores for the storage tests: S3 ones on the shared S3Proxy, each on a bucket of its own. */
final class StoreFixtures {
    /** Small thresholds so the multipart path runs with a couple of MB, not 16 MB+. */
    static final S3BlobStore.Multipart SMALL_PARTS = new S3BlobStore.Multipart(1L << 20, 5L << 20);

    private StoreFixtures() {}

    static S3BlobStore s3(String bucket, Path dataDir, long cacheMaxBytes, Duration grace) throws IOException {
        return s3(ownClient(), bucket, dataDir, cacheMaxBytes, grace, SMALL_PARTS);
    }

    static S3BlobStore s3(S3Client client, String bucket, Path dataDir, long cacheMaxBytes, Duration grace,
            S3BlobStore.Multipart multipart) throws IOException {
        return new S3BlobStore(client, bucket, "blobs/", "s3proxy", new Staging(dataDir, true),
                new BlobCache(dataDir.resolve("blob-cache"), cacheMaxBytes, grace), multipart);
    }

    /** A client of S3Proxy's that a store may own (and close). */
    static S3Client ownClient() {
        return client(S3ProxyServer.shared().endpoint(), S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
    }

    /** A client of our own for a store (the store closes it), with any credentials and endpoint. */
    static S3Client client(java.net.URI endpoint, String identity, String credential) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static StagedBlob stage(BlobStore store, byte[] content) throws IOException {
        return store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
    }

    static String commit(BlobStore store, byte[] content) throws IOException {
        try (StagedBlob staged = stage(store, content)) {
            store.commit(staged);
            return staged.sha256();
        }
    }

    static List<BlobStore.BlobInfo> list(BlobStore store) throws IOException {
        List<BlobStore.BlobInfo> all = new ArrayList<>();
        store.forEach(all::add);
        return all;
    }

    /** Regular files under {@code dir}, recursively; 0 when it does not exist. */
    static long files(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
