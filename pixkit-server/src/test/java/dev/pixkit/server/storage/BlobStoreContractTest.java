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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link BlobStore} promises, run against the local file system and against a real S3-compatible server
 * (S3Proxy on loopback). Each case gets a fresh data dir and, for S3, a fresh bucket.
 */
class BlobStoreContractTest {
    enum Backend {
        LOCAL, S3
    }

    @TempDir
    Path dataDir;

    private BlobStore store;
    private String bucket;

    private BlobStore open(Backend backend) throws IOException {
        store = switch (backend) {
            case LOCAL -> new LocalBlobStore(dataDir);
            case S3 -> {
                bucket = S3ProxyServer.shared().newBucket();
                yield StoreFixtures.s3(bucket, dataDir, 64L << 20, S3BlobStore.CACHE_GRACE);
            }
        };
        return store;
    }

    /** Removes the blob from where the store keeps it, without telling the store. */
    private void removeBehindTheStoresBack(String sha) throws IOException {
        if (store instanceof LocalBlobStore local) {
            Files.delete(local.pathOf(sha));
        } else {
            S3BlobStore s3 = (S3BlobStore) store;
            S3ProxyServer.shared().client().deleteObject(b -> b.bucket(bucket).key(s3.key(sha)));
        }
    }

    @AfterEach
    void close() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    private long tmpFiles() {
        return files(dataDir.resolve("tmp"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staged_content_is_hashed_committed_and_read_back_byte_identical(Backend backend) throws IOException {
        BlobStore s = open(backend);
        byte[] content = random(300_000, 1);
        String sha;
        try (StagedBlob staged = stage(s, content)) {
            sha = staged.sha256();
            assertThat(sha).isEqualTo(Images.sha256(content));
            assertThat(staged.size()).isEqualTo(content.length);
            assertThat(staged.head()).isEqualTo(Arrays.copyOf(content, 512));
            assertThat(Files.readAllBytes(staged.file())).isEqualTo(content);
            s.commit(staged);
        }
        assertThat(s.exists(sha)).isTrue();
        StoredBlob found = s.find(sha).orElseThrow();
        assertThat(found.sha256()).isEqualTo(sha);
        assertThat(found.size()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(found.file())).isEqualTo(content);
        assertThat(tmpFiles()).as("files left in tmp/").isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void committing_the_same_content_again_keeps_one_blob(Backend backend) throws IOException {
        BlobStore s = open(backend);
        byte[] content = random(10_000, 2);
        String first = commit(s, content);
        String second = commit(s, content);
        assertThat(second).isEqualTo(first);
        assertThat(list(s)).extracting(BlobStore.BlobInfo::sha256).containsExactly(first);
        assertThat(Files.readAllBytes(s.find(first).orElseThrow().file())).isEqualTo(content);
        assertThat(tmpFiles()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staged_but_uncommitted_content_is_invisible_and_closing_leaves_no_file(Backend backend) throws IOException {
        BlobStore s = open(backend);
        byte[] content = random(5_000, 3);
        String sha;
        try (StagedBlob staged = stage(s, content)) {
            sha = staged.sha256();
            assertThat(tmpFiles()).isEqualTo(1);
            assertThat(s.exists(sha)).isFalse();
            assertThat(s.find(sha)).isEmpty();
            assertThat(list(s)).isEmpty();
        }
        assertThat(tmpFiles()).isZero();
        assertThat(s.exists(sha)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staging_more_than_the_limit_fails_and_leaves_nothing(Backend backend) throws IOException {
        BlobStore s = open(backend);
        assertThatThrownBy(() -> s.stage(new ByteArrayInputStream(random(200_000, 4)), 100_000))
                .isInstanceOf(BlobStore.TooLargeException.class)
                .hasMessage("content exceeds 100000 bytes");
        assertThat(tmpFiles()).isZero();
        assertThat(list(s)).isEmpty();
        // exactly at the limit is fine
        try (StagedBlob staged = s.stage(new ByteArrayInputStream(random(100_000, 4)), 100_000)) {
            assertThat(staged.size()).isEqualTo(100_000);
        }
        assertThat(tmpFiles()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void delete_removes_the_blob_and_absent_blobs_are_no_error(Backend backend) throws IOException {
        BlobStore s = open(backend);
        String sha = commit(s, random(20_000, 5));
        String kept = commit(s, random(20_000, 6));
        s.delete(sha);
        assertThat(s.exists(sha)).isFalse();
        assertThat(s.find(sha)).isEmpty();
        assertThat(list(s)).extracting(BlobStore.BlobInfo::sha256).containsExactly(kept);
        s.delete(sha); // again
        s.delete(Images.sha256(new byte[] {42})); // never stored
        assertThat(s.exists(kept)).isTrue();
        assertThatThrownBy(() -> s.exists("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void for_each_lists_exactly_the_committed_blobs(Backend backend) throws IOException {
        BlobStore s = open(backend);
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
        byte[] a = random(1_000, 7);
        byte[] b = random(2_000, 8);
        String shaA = commit(s, a);
        String shaB = commit(s, b);
        String deleted = commit(s, random(3_000, 9));
        s.delete(deleted);
        try (StagedBlob uncommitted = stage(s, random(4_000, 10))) {
            List<BlobStore.BlobInfo> all = list(s);
            assertThat(all).extracting(BlobStore.BlobInfo::sha256).containsExactlyInAnyOrder(shaA, shaB);
            assertThat(all).filteredOn(i -> i.sha256().equals(shaA)).singleElement()
                    .satisfies(i -> assertThat(i.size()).isEqualTo(a.length));
            assertThat(all).filteredOn(i -> i.sha256().equals(shaB)).singleElement()
                    .satisfies(i -> assertThat(i.size()).isEqualTo(b.length));
            assertThat(all).allSatisfy(i -> assertThat(i.modified()).isAfter(before));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_blob_above_the_multipart_threshold_round_trips(Backend backend) throws IOException {
        BlobStore s = open(backend);
        // S3: 1 MiB threshold, 5 MiB parts → three parts, the last a short one
        byte[] content = random((int) (2 * StoreFixtures.SMALL_PARTS.partSize() + 123_457), 11);
        String sha = commit(s, content);
        assertThat(sha).isEqualTo(Images.sha256(content));
        assertThat(list(s)).singleElement().satisfies(i -> assertThat(i.size()).isEqualTo(content.length));
        if (s instanceof S3BlobStore s3) {
            s3.cache().drop(sha); // read it from the bucket, not from the copy adopted at commit
        }
        assertThat(Files.readAllBytes(s.find(sha).orElseThrow().file())).isEqualTo(content);
        assertThat(tmpFiles()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_blob_removed_behind_the_stores_back_is_reported_gone_and_never_served_wrong(Backend backend)
            throws IOException {
        BlobStore s = open(backend);
        byte[] read = random(30_000, 12);
        byte[] unread = random(30_000, 13);
        String readSha = commit(s, read);
        String unreadSha = commit(s, unread);
        s.find(readSha).orElseThrow();
        if (s instanceof S3BlobStore s3) {
            s3.cache().drop(unreadSha); // as if evicted: only the bucket has it
        }
        removeBehindTheStoresBack(readSha);
        removeBehindTheStoresBack(unreadSha);

        // exists and forEach (fsck's view) tell the truth at once
        assertThat(s.exists(readSha)).isFalse();
        assertThat(s.exists(unreadSha)).isFalse();
        assertThat(list(s)).isEmpty();
        // find is empty, except that a remote store's cache may still hold verified bytes: never a wrong file
        assertThat(s.find(unreadSha)).isEmpty();
        Optional<StoredBlob> cached = s.find(readSha);
        if (backend == Backend.LOCAL) {
            assertThat(cached).isEmpty();
        } else {
            assertThat(Files.readAllBytes(cached.orElseThrow().file())).isEqualTo(read);
        }
        // committing the content again heals it
        assertThat(commit(s, unread)).isEqualTo(unreadSha);
        assertThat(s.exists(unreadSha)).isTrue();
        assertThat(Files.readAllBytes(s.find(unreadSha).orElseThrow().file())).isEqualTo(unread);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrent_commits_of_the_same_content_store_one_blob(Backend backend) throws Exception {
        BlobStore s = open(backend);
        byte[] content = random(2_000_000, 14);
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    try (StagedBlob staged = stage(s, content)) {
                        go.await();
                        s.commit(staged);
                        return staged.sha256();
                    }
                }));
            }
            go.countDown();
            for (Future<String> r : results) {
                assertThat(r.get()).isEqualTo(Images.sha256(content));
            }
        }
        assertThat(list(s)).singleElement().satisfies(i -> {
            assertThat(i.sha256()).isEqualTo(Images.sha256(content));
            assertThat(i.size()).isEqualTo(content.length);
        });
        assertThat(Files.readAllBytes(s.find(Images.sha256(content)).orElseThrow().file())).isEqualTo(content);
        assertThat(tmpFiles()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_empty_blob_is_a_blob(Backend backend) throws IOException {
        BlobStore s = open(backend);
        String sha = commit(s, new byte[0]);
        assertThat(sha).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(s.exists(sha)).isTrue();
        assertThat(s.find(sha).orElseThrow().size()).isZero();
        assertThat(list(s)).singleElement().satisfies(i -> assertThat(i.size()).isZero());
    }
}
