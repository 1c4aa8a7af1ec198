package com.groupgate.image;

import com.groupgate.aws.AwsClients;
import java.net.URL;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * QR PNGs in S3, handed out as presigned GET URLs. Only the codes API uses this class; the
 * scan function's jar does not carry S3 at all.
 */
public final class ImageBucket {
    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_PRESIGN = Duration.ofDays(7);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public ImageBucket(AwsClients aws, String bucket) {
        boolean emulated = aws.endpoint() != null;
        // Path-style addressing against an emulator (its host is not a bucket's).
        this.s3 = aws.build(S3Client.builder().forcePathStyle(emulated));
        var presignBuilder = S3Presigner.builder().region(aws.region()).credentialsProvider(aws.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(emulated).build());
        if (emulated) {
            presignBuilder.endpointOverride(aws.endpoint());
        }
        this.presigner = presignBuilder.build();
        this.bucket = bucket;
    }

    /** Stores a PNG that browsers and CDNs may cache for {@code cacheFor}. */
    public void putPng(String key, byte[] png, Duration cacheFor) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType("image/png")
                .cacheControl("private, max-age=" + Math.max(0, cacheFor.toSeconds()) + ", immutable"),
                RequestBody.fromBytes(png));
    }

    /** A GET URL valid for {@code validFor}, capped at seven days and at least one second. */
    public URL presignGet(String key, Duration validFor) {
        Duration d = validFor.compareTo(MAX_PRESIGN) > 0 ? MAX_PRESIGN
                : validFor.isNegative() || validFor.isZero() ? Duration.ofSeconds(1) : validFor;
        return presigner.presignGetObject(p -> p.signatureDuration(d).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url();
    }

    /** Stores a picture that is never cached (a group's entry picture, handed out presigned). */
    public void putPrivate(String key, byte[] bytes, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).cacheControl("private, no-store"),
                RequestBody.fromBytes(bytes));
    }

    /** Removes an image (deleting one that is not there is not an error). */
    public void delete(String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    public byte[] get(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }
}
