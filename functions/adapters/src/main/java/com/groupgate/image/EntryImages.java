package com.groupgate.image;

import com.groupgate.aws.AwsClients;
import com.groupgate.id.Id;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Groups' entry pictures (a WeChat group's own QR code), stored privately under
 * {@code entries/<tenant>/<group>/} and handed out only presigned, to accepted joiners.
 * Used by the codes API, which stores them; the scan function only signs links
 * ({@link S3GetSigner}).
 */
public final class EntryImages {
    private final S3Client s3;
    private final String bucket;

    public EntryImages(AwsClients aws, String bucket) {
        this.s3 = aws.build(S3Client.builder().forcePathStyle(aws.endpoint() != null));
        this.bucket = bucket;
    }

    /** Stores a picture; its new key. */
    public String put(Id tenantId, Id groupId, byte[] bytes, String contentType) {
        String key = "entries/" + tenantId + "/" + groupId + "/" + Id.random()
                + ("image/png".equals(contentType) ? ".png" : ".jpg");
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).cacheControl("private, no-store"),
                RequestBody.fromBytes(bytes));
        return key;
    }

    /**
     * Removes a picture no group uses any more; a failure leaves it (logged) — it is
     * private and never handed out again.
     */
    public void discard(String key) {
        try {
            s3.deleteObject(d -> d.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            com.groupgate.telemetry.Log.info("entry_image_discard_failed", java.util.Map.of("imageKey", key,
                    "exception", e.getClass().getSimpleName()));
        }
    }
}
