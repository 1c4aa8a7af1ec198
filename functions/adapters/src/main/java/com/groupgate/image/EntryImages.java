package com.groupgate.image;

import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.telemetry.Log;
import java.util.Map;

/**
 * Groups' entry pictures (a WeChat group's own QR code), stored privately under
 * {@code entries/<tenant>/<group>/} and handed out only presigned, to accepted joiners.
 * Used by the codes API, which stores them; the scan function only signs links
 * ({@link S3GetSigner}).
 */
public final class EntryImages {
    private final ImageBucket bucket;

    /** @param bucket the images bucket, whose client the QR PNGs already use */
    public EntryImages(ImageBucket bucket) {
        this.bucket = bucket;
    }

    /** Stores a picture; its new key. */
    public String put(TenantId tenantId, GroupId groupId, byte[] bytes, String contentType) {
        String key = ImageBucket.entryImageKey(tenantId, groupId, "image/png".equals(contentType) ? "png" : "jpg");
        bucket.putPrivate(key, bytes, contentType);
        return key;
    }

    /**
     * Removes a picture no group uses any more; a failure leaves it (logged) — it is
     * private and never handed out again.
     */
    public void discard(String key) {
        try {
            bucket.delete(key);
        } catch (RuntimeException e) {
            Log.info("entry_image_discard_failed", Map.of("imageKey", key,
                    "exception", e.getClass().getSimpleName()));
        }
    }
}
