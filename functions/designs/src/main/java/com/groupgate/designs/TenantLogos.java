package com.groupgate.designs;

import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.EdgeImages;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.telemetry.Log;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Tenants' logos: the file in the images bucket under its content's hash (served by the
 * edge, so a landing page can show it by URL), and one item per tenant saying which file is
 * the logo ({@code T#<tenant>} / {@code LOGO}), which designs read; and a copy under the
 * tenant's alias ({@link EdgeImages#logoAliasKey}), which landing pages show without any read.
 *
 * <p>A replaced logo's file is deleted by the upload that replaced it, once the item names
 * the new one: the item's write returns the key it overwrote, so each file is deleted exactly
 * by its successor, and since every upload has a file of its own, never one that is current.
 * Served designs do not need it: each carries the logo's pixels (PNG, PDF) or bytes (SVG),
 * and its ETag names the logo's key, so a design asked again after a replacement is drawn
 * anew with the new logo. A design being drawn while its logo is replaced reads the item
 * again ({@link #file(TenantId, Logo)}).
 */
final class TenantLogos {
    /** Logo files kept per container, most recent first: a tenant renders many designs in a row. */
    private static final int CACHED_FILES = 8;

    /** A tenant's logo: where its file is and what type it is. */
    record Logo(String imageKey, String contentType) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ImageBucket images;
    private final Clock clock;
    private final Map<String, byte[]> files = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_FILES;
        }
    };

    TenantLogos(DynamoDbClient dynamo, String table, ImageBucket images, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.images = images;
        this.clock = clock;
    }

    /** Stores {@code file} (a checked PNG or JPEG) and makes it the tenant's logo. */
    Logo store(TenantId tenantId, byte[] file, String contentType) {
        String key = EdgeImages.logoKey(tenantId, file, Id.random(), "image/png".equals(contentType) ? "png" : "jpg");
        images.putEdgeImage(key, file, contentType, EdgeImages.CACHE_CONTROL);
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.tenantLogo(tenantId));
        item.put("tenantId", AttributeValue.fromS(tenantId.toString()));
        item.put("imageKey", AttributeValue.fromS(key));
        item.put("contentType", AttributeValue.fromS(contentType));
        item.put("bytes", AttributeValue.fromN(Integer.toString(file.length)));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
        Map<String, AttributeValue> replaced = dynamo.putItem(p -> p.tableName(table).item(item)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        // Landing pages show the alias: no read of this item on the scan path.
        images.putEdgeImage(EdgeImages.logoAliasKey(tenantId), file, contentType, EdgeImages.ALIAS_CACHE_CONTROL);
        synchronized (files) {
            files.put(key, file.clone());
        }
        if (replaced != null && replaced.containsKey("imageKey")) {
            discard(replaced.get("imageKey").s());
        }
        return new Logo(key, contentType);
    }

    /**
     * The replaced logo's file, deleted; a failure leaves it (logged) for the tenant's
     * deletion to sweep: the new logo is stored and current either way.
     */
    private void discard(String key) {
        synchronized (files) {
            files.remove(key);
        }
        try {
            images.delete(key);
        } catch (RuntimeException e) {
            Log.info("logo_discard_failed", Map.of("imageKey", key, "exception", e.getClass().getSimpleName()));
        }
    }

    Optional<Logo> find(TenantId tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(MainTableKeys.tenantLogo(tenantId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Logo(item.get("imageKey").s(), item.get("contentType").s()));
    }

    /**
     * The file of {@code logo}, which {@link #find} just named; when an upload replaced it
     * (and deleted its file) in between, the tenant's logo as it is now.
     */
    Stored file(TenantId tenantId, Logo logo) {
        try {
            return new Stored(logo, file(logo));
        } catch (NoSuchKeyException replaced) {
            Logo now = find(tenantId).filter(current -> !current.equals(logo)).orElseThrow(() -> replaced);
            return new Stored(now, file(now));
        }
    }

    /** A logo and its file. */
    record Stored(Logo logo, byte[] file) {
    }

    /** The logo's file: from this container's few recent ones, else read from the bucket. */
    byte[] file(Logo logo) {
        synchronized (files) {
            byte[] cached = files.get(logo.imageKey());
            if (cached != null) {
                return cached;
            }
        }
        byte[] file = images.get(logo.imageKey());
        synchronized (files) {
            files.put(logo.imageKey(), file);
        }
        return file;
    }
}
