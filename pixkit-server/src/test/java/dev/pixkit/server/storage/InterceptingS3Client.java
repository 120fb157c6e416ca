package dev.pixkit.server.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A real client with hooks: counts the calls the store makes and lets a test fail one of them (say, the second part
 * of a multipart upload) as a broken connection would, while everything else reaches S3Proxy.
 */
final class InterceptingS3Client implements S3Client {
    private final S3Client real;
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger parts = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    volatile Consumer<UploadPartRequest> beforePart = r -> {};
    volatile Consumer<CompleteMultipartUploadRequest> beforeComplete = r -> {};
    volatile Runnable beforeGet = () -> {};

    InterceptingS3Client(S3Client real) {
        this.real = real;
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest r) {
        return real.headBucket(r);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest r) {
        return real.headObject(r);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
        puts.incrementAndGet();
        return real.putObject(r, body);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest r) {
        gets.incrementAndGet();
        beforeGet.run();
        return real.getObject(r);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest r) {
        return real.deleteObject(r);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request r) {
        return real.listObjectsV2(r);
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest r) {
        return real.createMultipartUpload(r);
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest r, RequestBody body) {
        parts.incrementAndGet();
        beforePart.accept(r);
        return real.uploadPart(r, body);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest r) {
        beforeComplete.accept(r);
        return real.completeMultipartUpload(r);
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest r) {
        aborts.incrementAndGet();
        return real.abortMultipartUpload(r);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        real.close();
    }
}
