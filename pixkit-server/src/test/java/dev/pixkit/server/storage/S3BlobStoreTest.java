package dev.pixkit.server.storage;

import static dev.pixkit.server.storage.StoreFixtures.commit;
import static dev.pixkit.server.storage.StoreFixtures.files;
import static dev.pixkit.server.storage.StoreFixtures.list;
import static dev.pixkit.server.storage.StoreFixtures.random;
import static dev.pixkit.server.storage.StoreFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What only the S3 store has: checksums, multipart aborts, its read-through cache, and failures of the store. */
class S3BlobStoreTest {
    private final S3ProxyServer s3proxy = S3ProxyServer.shared();
    private final String bucket = s3proxy.newBucket();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private S3BlobStore store(S3Client client, long cacheMaxBytes, Duration grace) throws IOException {
        S3BlobStore s = StoreFixtures.s3(client, bucket, dataDir, cacheMaxBytes, grace, StoreFixtures.SMALL_PARTS);
        opened.add(s);
        return s;
    }

    private InterceptingS3Client intercepting() {
        return new InterceptingS3Client(StoreFixtures.ownClient());
    }

    private long tmpFiles() {
        return files(dataDir.resolve("tmp"));
    }

    @Test
    void objects_carry_the_sha256_the_store_verified_and_wrong_bytes_are_refused() throws IOException {
        S3BlobStore store = store(StoreFixtures.ownClient(), 64L << 20, Duration.ZERO);
        byte[] content = random(50_000, 1);
        String sha = commit(store, content);
        String key = store.key(sha);
        assertThat(key).isEqualTo("blobs/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha);

        HeadObjectResponse head = s3proxy.client().headObject(b -> b.bucket(bucket).key(key)
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.checksumSHA256()).isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)));

        // The server checks the header against the body: what commit relies on to refuse damaged uploads.
        String other = Images.sha256(new byte[] {1, 2, 3});
        String otherChecksum = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(other));
        assertThatThrownBy(() -> s3proxy.client().putObject(b -> b.bucket(bucket).key(store.key(other))
                        .checksumSHA256(otherChecksum), RequestBody.fromBytes(new byte[] {1, 2, 4})))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
        assertThat(store.exists(other)).isFalse();
    }

    @Test
    void large_blobs_go_up_in_parts() throws IOException {
        InterceptingS3Client client = intercepting();
        S3BlobStore store = store(client, 64L << 20, Duration.ZERO);
        byte[] content = random((int) (2 * StoreFixtures.SMALL_PARTS.partSize() + 1), 2);
        String sha = commit(store, content);
        assertThat(client.parts.get()).isEqualTo(3);
        assertThat(client.puts.get()).isZero();
        HeadObjectResponse head = s3proxy.client().headObject(b -> b.bucket(bucket).key(store.key(sha)));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.eTag()).endsWith("-3\""); // the ETag of a three-part upload

        byte[] small = random((int) StoreFixtures.SMALL_PARTS.threshold(), 3); // at the threshold: one PUT
        commit(store, small);
        assertThat(client.puts.get()).isEqualTo(1);
        assertThat(client.parts.get()).isEqualTo(3);
    }

    @Test
    void a_failed_part_aborts_the_upload_and_leaves_no_object_and_no_pending_parts() throws IOException {
        InterceptingS3Client client = intercepting();
        S3BlobStore store = store(client, 64L << 20, Duration.ZERO);
        client.beforePart = part -> {
            if (part.partNumber() == 2) {
                throw SdkClientException.create("injected", new IOException("Connection reset"));
            }
        };
        byte[] content = random((int) (2 * StoreFixtures.SMALL_PARTS.partSize() + 1), 4);
        String sha;
        try (StagedBlob staged = stage(store, content)) {
            sha = staged.sha256();
            assertThatThrownBy(() -> store.commit(staged))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("could not upload part 2 of s3://" + bucket + "/" + store.key(sha));
            assertThat(staged.file()).exists(); // the caller still owns it and closes it
        }
        assertThat(client.aborts.get()).isEqualTo(1);
        assertThat(s3proxy.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3proxy.keys(bucket)).isEmpty();
        assertThat(store.exists(sha)).isFalse();
        assertThat(store.find(sha)).isEmpty();
        assertThat(tmpFiles()).isZero();

        // the same failure at CompleteMultipartUpload, after every part went up
        client.beforePart = part -> {};
        client.beforeComplete = complete -> {
            throw SdkClientException.create("injected", new IOException("Read timed out"));
        };
        try (StagedBlob staged = stage(store, content)) {
            assertThatThrownBy(() -> store.commit(staged)).isInstanceOf(StorageUnavailableException.class);
        }
        assertThat(client.aborts.get()).isEqualTo(2);
        assertThat(s3proxy.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3proxy.keys(bucket)).isEmpty();

        client.beforeComplete = complete -> {};
        assertThat(commit(store, content)).isEqualTo(sha); // and a retry succeeds
        assertThat(s3proxy.keys(bucket)).containsExactly(store.key(sha));
    }

    @Test
    void an_unreachable_store_is_reported_unavailable_and_the_staged_file_stays_with_the_caller() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        S3Client client = StoreFixtures.client(URI.create("http://127.0.0.1:" + closedPort), S3ProxyServer.IDENTITY,
                S3ProxyServer.CREDENTIAL);
        S3BlobStore store = store(client, 64L << 20, Duration.ZERO);
        String sha = Images.sha256(new byte[] {7});
        assertThatThrownBy(() -> store.exists(sha))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("S3 at s3proxy is unreachable: could not look up s3://" + bucket + "/blobs/");
        assertThatThrownBy(() -> store.find(sha)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> list(store)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> store.delete(sha)).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(store::verifyBucket).isInstanceOf(StorageUnavailableException.class);
        try (StagedBlob staged = stage(store, random(1_000, 5))) {
            assertThatThrownBy(() -> store.commit(staged)).isInstanceOf(StorageUnavailableException.class);
            assertThat(staged.file()).exists();
        }
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void refusals_are_errors_not_unavailability() throws IOException {
        S3BlobStore wrongKey = store(StoreFixtures.client(s3proxy.endpoint(), S3ProxyServer.IDENTITY, "not-the-secret"),
                64L << 20, Duration.ZERO);
        assertThatThrownBy(() -> wrongKey.exists(Images.sha256(new byte[] {8})))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("HTTP 403");
        S3BlobStore noBucket = new S3BlobStore(StoreFixtures.ownClient(), "no-such-bucket-here", "blobs/", "s3proxy",
                new Staging(dataDir, true), new BlobCache(dataDir.resolve("blob-cache"), 1 << 20, Duration.ZERO),
                StoreFixtures.SMALL_PARTS);
        opened.add(noBucket);
        assertThatThrownBy(noBucket::verifyBucket)
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void the_cache_stays_within_its_budget_least_recently_used_first() throws Exception {
        InterceptingS3Client client = intercepting();
        S3BlobStore store = store(client, 1_000_000, Duration.ZERO);
        byte[] a = random(400_000, 6);
        byte[] b = random(400_000, 7);
        byte[] c = random(400_000, 8);
        String shaA = commit(store, a); // each commit keeps its staged file as the cached copy
        Thread.sleep(5);
        String shaB = commit(store, b);
        Thread.sleep(5);
        store.find(shaA).orElseThrow(); // A is now more recent than B
        Thread.sleep(5);
        String shaC = commit(store, c); // over budget: B goes
        assertThat(store.cache().size()).isLessThanOrEqualTo(1_000_000);
        assertThat(store.cache().pathOf(shaB)).doesNotExist();
        assertThat(store.cache().pathOf(shaA)).exists();
        assertThat(store.cache().pathOf(shaC)).exists();
        assertThat(client.gets.get()).isZero();

        assertThat(Files.readAllBytes(store.find(shaB).orElseThrow().file())).isEqualTo(b); // downloaded again
        assertThat(client.gets.get()).isEqualTo(1);
        assertThat(store.cache().size()).isLessThanOrEqualTo(1_000_000);
        assertThat(files(dataDir.resolve("blob-cache"))).isEqualTo(2);
    }

    @Test
    void concurrent_finds_of_a_missing_copy_download_it_once() throws Exception {
        InterceptingS3Client client = intercepting();
        S3BlobStore store = store(client, 64L << 20, Duration.ZERO);
        byte[] content = random(3_000_000, 9);
        String sha = commit(store, content);
        store.cache().drop(sha);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.beforeGet = () -> {
            started.countDown();
            await(release); // hold the download until every reader waits for it
        };
        int readers = 6;
        List<Future<Path>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
            for (int i = 0; i < readers; i++) {
                results.add(pool.submit(() -> store.find(sha).orElseThrow().file()));
            }
            started.await();
            Thread.sleep(200);
            release.countDown();
            for (Future<Path> r : results) {
                assertThat(Files.readAllBytes(r.get())).isEqualTo(content);
            }
        }
        assertThat(client.gets.get()).isEqualTo(1);
        assertThat(files(dataDir.resolve("blob-cache"))).isEqualTo(1);
    }

    @Test
    void a_cached_copy_deleted_behind_the_caches_back_is_downloaded_again() throws IOException {
        InterceptingS3Client client = intercepting();
        S3BlobStore store = store(client, 64L << 20, Duration.ZERO);
        byte[] content = random(100_000, 10);
        String sha = commit(store, content);
        Path cached = store.find(sha).orElseThrow().file();
        assertThat(client.gets.get()).isZero(); // adopted at commit
        Files.delete(cached);
        StoredBlob again = store.find(sha).orElseThrow();
        assertThat(again.file()).isEqualTo(cached);
        assertThat(Files.readAllBytes(again.file())).isEqualTo(content);
        assertThat(client.gets.get()).isEqualTo(1);
        assertThat(store.cache().size()).isEqualTo(content.length);
    }

    @Test
    void a_corrupt_object_is_refused_and_nothing_is_cached() throws IOException {
        S3BlobStore store = store(StoreFixtures.ownClient(), 64L << 20, Duration.ZERO);
        byte[] claimed = random(10_000, 11);
        String sha = Images.sha256(claimed);
        byte[] damaged = claimed.clone();
        damaged[5000] ^= 1;
        s3proxy.client().putObject(b -> b.bucket(bucket).key(store.key(sha)), RequestBody.fromBytes(damaged));
        assertThatThrownBy(() -> store.find(sha))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Blob " + sha + " is corrupt in the store: its 10000 bytes hash to "
                        + Images.sha256(damaged));
        assertThat(files(dataDir.resolve("blob-cache"))).isZero();
        assertThat(store.cache().size()).isZero();
    }

    @Test
    void for_each_reports_only_keys_of_the_layout_under_the_prefix() throws IOException {
        S3BlobStore store = store(StoreFixtures.ownClient(), 64L << 20, Duration.ZERO);
        String sha = commit(store, random(1_000, 12));
        String other = Images.sha256(new byte[] {9});
        var raw = s3proxy.client();
        raw.putObject(b -> b.bucket(bucket).key("blobs/README.txt"), RequestBody.fromString("not a blob"));
        raw.putObject(b -> b.bucket(bucket).key("blobs/" + other), RequestBody.fromString("flat, not sharded"));
        raw.putObject(b -> b.bucket(bucket).key("blobs/00/00/" + other), RequestBody.fromString("wrong shard"));
        raw.putObject(b -> b.bucket(bucket).key("elsewhere/" + store.key(other).substring(6)),
                RequestBody.fromString("outside the prefix"));
        assertThat(list(store)).extracting(BlobStore.BlobInfo::sha256).containsExactly(sha);
    }

    @Test
    void a_restarted_store_finds_its_cache_and_clears_interrupted_downloads() throws IOException {
        S3BlobStore first = store(StoreFixtures.ownClient(), 64L << 20, Duration.ZERO);
        byte[] content = random(70_000, 13);
        String sha = commit(first, content);
        first.close();
        opened.remove(first);
        Path leftover = Files.writeString(dataDir.resolve("blob-cache/tmp/cut-short.download"), "partial");

        InterceptingS3Client client = intercepting();
        S3BlobStore second = store(client, 64L << 20, Duration.ZERO);
        assertThat(leftover).doesNotExist();
        assertThat(second.cache().size()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(second.find(sha).orElseThrow().file())).isEqualTo(content);
        assertThat(client.gets.get()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
