package com.groupgate.webhook;

import com.groupgate.hash.Sha256;
import com.groupgate.id.Base32;
import com.groupgate.id.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event for a tenant's webhooks: its id (the {@code webhook-id} of every delivery and
 * retry of it), type, time and data. The delivered body is
 * {@code {"type","timestamp","data"}} (written by the adapters, which own JSON).
 *
 * <p>Ids are derived, not drawn: the same happening gives the same id however often the
 * stream hands it over, so storing an event is conditioned on its id being new and a
 * retried or bisected batch emits nothing twice ({@link #idOf}).
 *
 * @param data values are strings, numbers and booleans only, in the order given
 */
public record WebhookEvent(String id, TenantId tenantId, WebhookEventType type, Instant at, Map<String, Object> data) {
    /** {@code evt_} and 26 lowercase base32 characters (130 bits). */
    public static final Pattern ID = Pattern.compile("evt_[a-z2-7]{26}");

    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: not an event id: " + id);
        }
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId: required");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException("data." + k + ": strings, numbers and booleans only");
                }
                copy.put(k, v);
            }
        });
        data = java.util.Collections.unmodifiableMap(copy);
    }

    /** An event whose id is derived from {@code identity}: what makes this happening this one. */
    public static WebhookEvent of(WebhookEventType type, TenantId tenantId, Instant at, Map<String, Object> data,
                                  String... identity) {
        return new WebhookEvent(idOf(type, tenantId, identity), tenantId, type, at, data);
    }

    /**
     * The id of the event of {@code type} for {@code tenantId} named by {@code identity}
     * (a fact id, a request id, a code and a day, a stream record id): SHA-256 over the parts,
     * each length-prefixed so that no two lists of parts give the same input.
     */
    public static String idOf(WebhookEventType type, TenantId tenantId, String... identity) {
        MessageDigest sha = Sha256.digest();
        update(sha, type.wireName());
        update(sha, Objects.requireNonNull(tenantId, "tenantId").text());
        for (String part : identity) {
            update(sha, Objects.requireNonNull(part, "identity part"));
        }
        byte[] head = java.util.Arrays.copyOf(sha.digest(), 17);
        return "evt_" + Base32.encode(head).substring(0, 26).toLowerCase(Locale.ROOT);
    }

    /** A fresh random id, for events asked for by a person (a test send). */
    public static String randomId() {
        byte[] bytes = new byte[17];
        new java.security.SecureRandom().nextBytes(bytes);
        return "evt_" + Base32.encode(bytes).substring(0, 26).toLowerCase(Locale.ROOT);
    }

    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
            (byte) bytes.length});
        sha.update(bytes);
    }
}
