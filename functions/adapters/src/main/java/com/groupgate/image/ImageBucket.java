package com.groupgate.image;

import com.groupgate.aws.AwsClients;
import com.groupgate.campaign.Posters;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The images bucket: code images (served by the edge, {@link EdgeImages}), entry pictures
 * and word lists. Only the codes API uses this class; the scan function's jar does not
 * carry S3 at all.
 */
public final class ImageBucket {
    private final S3Client s3;
    private final String bucket;

    public ImageBucket(AwsClients aws, String bucket) {
        // Path-style addressing against an emulator (its host is not a bucket's).
        this.s3 = aws.build(S3Client.builder().forcePathStyle(aws.endpoint() != null));
        this.bucket = bucket;
    }

    /** Stores a code image under its content-addressed {@code key}, cacheable for a year by anyone. */
    public void putCodeImage(String key, byte[] png) {
        if (!key.startsWith(EdgeImages.PREFIX)) {
            throw new IllegalArgumentException("code images go under " + EdgeImages.PREFIX + ", not " + key);
        }
        s3.putObject(p -> p.bucket(bucket).key(key).contentType("image/png").cacheControl(EdgeImages.CACHE_CONTROL),
                RequestBody.fromBytes(png));
    }

    /**
     * Stores an edge-served picture of another type (a tenant's logo) under {@code key}, with
     * {@code cacheControl}: {@link EdgeImages#CACHE_CONTROL} for a content-addressed name,
     * {@link EdgeImages#ALIAS_CACHE_CONTROL} for one that is overwritten.
     */
    public void putEdgeImage(String key, byte[] bytes, String contentType, String cacheControl) {
        if (!key.startsWith(EdgeImages.PREFIX)) {
            throw new IllegalArgumentException("edge images go under " + EdgeImages.PREFIX + ", not " + key);
        }
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                RequestBody.fromBytes(bytes));
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

    /** Where a tenant's entry pictures are: {@code entries/<tenant>/<group>/<id>.png|jpg}. */
    public static String entryImageKey(TenantId tenantId, GroupId groupId, String extension) {
        return entriesPrefix(tenantId) + groupId + "/" + Id.random() + "." + extension;
    }

    /** Every prefix under which a tenant's objects are stored. */
    public static List<String> tenantPrefixes(TenantId tenantId) {
        List<String> out = new ArrayList<>(EdgeImages.tenantPrefixes(tenantId));
        out.add(entriesPrefix(tenantId));
        out.add(Posters.tenantPrefix(tenantId));
        return List.copyOf(out);
    }

    private static String entriesPrefix(TenantId tenantId) {
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

    /** The object under {@code key}, or empty when there is none (S3's NoSuchKey). */
    public java.util.Optional<byte[]> find(String key) {
        try {
            return java.util.Optional.of(get(key));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException absent) {
            return java.util.Optional.empty();
        }
    }

    public byte[] get(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }
}
