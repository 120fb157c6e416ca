package dev.pixkit.server.storage;

import dev.pixkit.server.system.PixkitSettings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Blobs as objects {@code <prefix>ab/cd/<sha256>} in an S3 bucket (AWS or any S3-compatible store); chosen by
 * {@link StorageConfig} when {@code PIXKIT_STORAGE=s3}.
 *
 * <ul>
 *   <li>Staging is local ({@code <dataDir>/tmp}): the hash names the object, so it must be known before the upload.
 *   <li>{@link #commit} sends the SHA-256 it already computed as {@code x-amz-checksum-sha256} (per part for
 *       multipart uploads), so the store itself refuses bytes that differ from the ones that were hashed. Large blobs
 *       go up in parts; an object becomes visible only at CompleteMultipartUpload, and any failure aborts the
 *       upload, so no partial object ever exists under a blob's key.
 *   <li>{@link #find} serves a local copy from a bounded read-through {@link BlobCache} in {@code <dataDir>/blob-cache}
 *       (delivery uses sendfile and libvips reads files); a committed blob is adopted into it from staging.
 *   <li>Failures to reach the store become {@link StorageUnavailableException} (503), refusals plain IOExceptions.
 * </ul>
 */
final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    /**
     * Blobs larger than {@code threshold} are uploaded in parts of {@code partSize} (S3's minimum part is 5 MiB, its
     * maximum part count 10,000).
     */
    record Multipart(long threshold, long partSize) {
        static final Multipart DEFAULT = new Multipart(16L << 20, 8L << 20);
    }

    /** How long a cached copy that was just handed out is safe from eviction. */
    static final Duration CACHE_GRACE = Duration.ofSeconds(30);

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String where;
    private final Staging staging;
    private final BlobCache cache;
    private final Multipart multipart;

    S3BlobStore(S3Client client, String bucket, String prefix, String where, Staging staging, BlobCache cache,
            Multipart multipart) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.where = where;
        this.staging = staging;
        this.cache = cache;
        this.multipart = multipart;
    }

    /** The store for the settings: an SDK client over Apache HttpClient, staging and cache under the data dir. */
    static S3BlobStore open(PixkitSettings.Storage.S3 s, Path dataDir) throws IOException {
        return new S3BlobStore(client(s), s.bucket(), s.prefix(),
                s.endpoint() != null ? s.endpoint().toString() : "AWS " + s.region(),
                new Staging(dataDir, true), new BlobCache(dataDir.resolve("blob-cache"), s.cacheMaxBytes(), CACHE_GRACE),
                Multipart.DEFAULT);
    }

    static S3Client client(PixkitSettings.Storage.S3 s) {
        AwsCredentialsProvider credentials = s.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(s.region()))
                .forcePathStyle(s.pathStyle())
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60))
                        .maxConnections(64))
                // Pixkit sends its own SHA-256 where it matters and verifies downloads itself; the SDK's default
                // CRC trailers (aws-chunked bodies) are what many S3-compatible stores get wrong.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }

    /**
     * Checks that the bucket exists and the credentials may use it: a StorageUnavailableException when the store
     * cannot be reached, an IOException naming the problem when it refuses.
     */
    void verifyBucket() throws IOException {
        call("check the bucket", "", () -> client.headBucket(b -> b.bucket(bucket)));
    }

    @Override
    public StagedBlob stage(InputStream in, long maxBytes) throws IOException {
        return staging.stage(in, maxBytes);
    }

    @Override
    public void commit(StagedBlob staged) throws IOException {
        String sha = staged.sha256();
        String key = key(sha);
        if (!exists(sha)) {
            if (staged.size() > multipart.threshold()) {
                uploadInParts(staged, key);
            } else {
                PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key)
                        .contentType(OCTET_STREAM).contentLength(staged.size())
                        .checksumSHA256(base64(sha)).build();
                call("upload", key, () -> client.putObject(put, RequestBody.fromFile(staged.file())));
            }
        }
        try {
            cache.adopt(sha, staged.file(), staged.size());
        } catch (IOException e) {
            log.warn("Could not keep blob {} in the local cache; it will be downloaded when read", sha, e);
        }
    }

    private void uploadInParts(StagedBlob staged, String key) throws IOException {
        String uploadId = call("start a multipart upload of", key, () -> client.createMultipartUpload(b -> b
                .bucket(bucket).key(key).contentType(OCTET_STREAM).checksumAlgorithm(ChecksumAlgorithm.SHA256)))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            Path file = staged.file();
            long size = staged.size();
            for (long offset = 0; offset < size; offset += multipart.partSize()) {
                long from = offset;
                long length = Math.min(multipart.partSize(), size - offset);
                int number = parts.size() + 1;
                String checksum = Base64.getEncoder().encodeToString(sha256(file, from, length));
                UploadPartRequest part = UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength(length).checksumSHA256(checksum).build();
                String etag = call("upload part " + number + " of", key, () -> client.uploadPart(part,
                        RequestBody.fromContentProvider(() -> slice(file, from, length), length, OCTET_STREAM)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).checksumSHA256(checksum).build());
            }
            call("complete the multipart upload of", key, () -> client.completeMultipartUpload(b -> b
                    .bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException | Error e) {
            // The parts are invisible and, once aborted, gone; if even the abort fails, a bucket lifecycle rule
            // (AbortIncompleteMultipartUpload) reclaims them.
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
                log.warn("Could not abort multipart upload {} of {}", uploadId, key, abortFailed);
            }
            throw e;
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        String key = key(sha256);
        try {
            call("look up", key, () -> client.headObject(b -> b.bucket(bucket).key(key)));
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    @Override
    public Optional<StoredBlob> find(String sha256) throws IOException {
        String key = key(sha256);
        return cache.find(sha256, sha -> {
            try {
                InputStream in = call("download", key, () -> client.getObject(b -> b.bucket(bucket).key(key)));
                return Optional.of(new FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            return super.read(b, off, len);
                        } catch (IOException | SdkException e) {
                            throw new StorageUnavailableException("S3 at " + where + " broke off the download of s3://"
                                    + bucket + "/" + key + ": " + e.getMessage(), e);
                        }
                    }
                });
            } catch (NotFound e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(String sha256) throws IOException {
        String key = key(sha256);
        call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(key))); // absent is no error
        cache.drop(sha256);
    }

    @Override
    public void forEach(Consumer<BlobInfo> each) throws IOException {
        call("list", prefix, () -> {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                String sha = BlobPaths.shaOf(o.key().substring(prefix.length()));
                if (sha != null) {
                    each.accept(new BlobInfo(sha, o.size(), o.lastModified()));
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    String key(String sha256) {
        return prefix + BlobPaths.relative(sha256);
    }

    BlobCache cache() {
        return cache;
    }

    /** A 404 from the store, which callers that expect absence turn into false or empty. */
    private static final class NotFound extends IOException {
        NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }

    /** Runs one SDK call, turning its exceptions into IOExceptions that say what failed, where and how. */
    private <T> T call(String action, String key, SdkCall<T> call) throws IOException {
        String object = "s3://" + bucket + "/" + key;
        try {
            return call.run();
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                    : " " + e.awsErrorDetails().errorCode();
            String message = "S3 at " + where + " refused to " + action + " " + object + ": HTTP " + status + code
                    + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                            : " (" + e.awsErrorDetails().errorMessage() + ")");
            if (status == 404 && !code.equals(" NoSuchBucket") && !code.equals(" NoSuchUpload")) {
                throw new NotFound(message, e);
            }
            if (status >= 500 || status == 429 || status == 408) {
                throw new StorageUnavailableException("S3 at " + where + " is unavailable: could not " + action + " "
                        + object + ": HTTP " + status + code, e);
            }
            throw new IOException(message, e);
        } catch (SdkClientException e) {
            if (e.getCause() instanceof IOException || e.getCause() instanceof UncheckedIOException) {
                throw new StorageUnavailableException("S3 at " + where + " is unreachable: could not " + action + " "
                        + object + ": " + e.getMessage(), e);
            }
            throw new IOException("Could not " + action + " " + object + " at " + where + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) { // from our own request bodies (reading the staged file)
            throw e.getCause();
        }
    }

    private static String base64(String sha256Hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }

    private static byte[] sha256(Path file, long from, long length) throws IOException {
        MessageDigest sha = BlobPaths.sha256();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(file)) {
            long left = length;
            long pos = from;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("staged file " + file + " is shorter than expected");
                }
                sha.update(buf.flip());
                pos += n;
                left -= n;
            }
        }
        return sha.digest();
    }

    /** {@code length} bytes of {@code file} from {@code from}; a fresh stream each time, as the SDK may retry. */
    private static InputStream slice(Path file, long from, long length) {
        try {
            FileChannel ch = FileChannel.open(file);
            ch.position(from);
            return new FilterInputStream(Channels.newInputStream(ch)) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(Math.min(n, left));
                    left -= skipped;
                    return skipped;
                }

                @Override
                public int available() throws IOException {
                    return (int) Math.min(super.available(), left);
                }

                @Override
                public boolean markSupported() {
                    return false;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
