package com.groupgate.webhook;

import com.groupgate.id.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change to a MainTable item, as the stream reports it, in plain values: strings,
 * {@code Long} numbers, booleans, maps and lists. The adapter that reads the stream names
 * the kind of item from its key; events are built from the images alone.
 *
 * @param recordId the stream record's id: unique per change, the same on every redelivery
 * @param at       when the change entered the stream
 * @param oldImage the item before (empty for an insert)
 * @param newImage the item after (empty for a removal)
 */
public record ItemChange(Kind kind, String recordId, Instant at, Map<String, Object> oldImage,
                         Map<String, Object> newImage) {
    /** The items whose changes are events. */
    public enum Kind { MEMBER, JOIN_REQUEST, GROUP, CODE, CODE_COUNTER, FACT }

    public ItemChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(at, "at");
        oldImage = oldImage == null ? Map.of() : oldImage;
        newImage = newImage == null ? Map.of() : newImage;
    }

    public boolean inserted() {
        return oldImage.isEmpty() && !newImage.isEmpty();
    }

    public boolean removed() {
        return !oldImage.isEmpty() && newImage.isEmpty();
    }

    static String str(Map<String, Object> image, String name) {
        return image.get(name) instanceof String s ? s : null;
    }

    /** The image's {@code tenantId}, decoded; null when it holds none or not a tenant id. */
    static TenantId tenant(Map<String, Object> image) {
        return TenantId.parse(str(image, "tenantId")).orElse(null);
    }

    static Long num(Map<String, Object> image, String name) {
        return image.get(name) instanceof Long n ? n : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> image, String name) {
        return image.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
