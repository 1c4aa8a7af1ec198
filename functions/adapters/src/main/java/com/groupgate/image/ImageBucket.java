package com.groupgate.image;

import com.groupgate.aws.AwsClients;
import com.groupgate.id.Id;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
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

    /** Where a tenant's QR code pictures are: {@code codes/<tenant>/<code>.png}. */
    public static String codeImageKey(Id tenantId, Id codeId) {
        return codesPrefix(tenantId) + codeId + ".png";
    }

    /** Where a tenant's live code pictures are: {@code live/<tenant>/<liveCode>.png}. */
    public static String liveCodeImageKey(Id tenantId, Id liveCodeId) {
        return livePrefix(tenantId) + liveCodeId + ".png";
    }

    /** Where a tenant's entry pictures are: {@code entries/<tenant>/<group>/<id>.png|jpg}. */
    public static String entryImageKey(Id tenantId, Id groupId, String extension) {
        return entriesPrefix(tenantId) + groupId + "/" + Id.random() + "." + extension;
    }

    /** Every prefix under which a tenant's objects are stored. */
    public static List<String> tenantPrefixes(Id tenantId) {
        return List.of(codesPrefix(tenantId), livePrefix(tenantId), entriesPrefix(tenantId));
    }

    private static String codesPrefix(Id tenantId) {
        return "codes/" + tenantId + "/";
    }

    private static String livePrefix(Id tenantId) {
        return "live/" + tenantId + "/";
    }

    private static String entriesPrefix(Id tenantId) {
        return "entries/" + tenantId + "/";
    }

    /** One listing page's outcome: how many objects went, and the listing's next token (null: none left). */
    public record Swept(int deleted, String next) {
    }

    /**
     * Lists at most {@code max} keys under {@code prefix} from {@code token} (null: the
     * start) and deletes each (one DeleteObject per key, each authorized as
     * {@code s3:DeleteObject} on that key).
     */
    public Swept deleteUnder(String prefix, String token, int max) {
        ListObjectsV2Response page = s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix).maxKeys(max)
                .continuationToken(token));
        page.contents().forEach(o -> delete(o.key()));
        return new Swept(page.contents().size(), Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken()
                : null);
    }

    public byte[] get(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }
}
