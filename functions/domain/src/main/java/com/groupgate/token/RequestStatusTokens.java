package com.groupgate.token;

import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The capability in a join request's {@code statusUrl}: whoever holds it may see whether
 * the request was approved and, once it is, the group's entry — nothing else, and only for
 * that request. Signed, not stored; verifying it costs CPU only.
 *
 * <p>Layout, 37 bytes, 50 characters of base64url without padding:
 * <pre>
 *  [0]       key version
 *  [1..8]    tenant id
 *  [9..16]   request id
 *  [17..20]  expiry, uint32 big-endian epoch seconds
 *  [21..36]  first 16 bytes of HMAC-SHA256(statusKey, bytes[0..20])
 * </pre>
 * Its key is derived apart from the token and ticket keys, so none can pass for another.
 */
public final class RequestStatusTokens {
    /** How long a status link works: long enough for a tenant to decide, then the joiner scans again. */
    public static final long VALIDITY_SECONDS = 30L * 24 * 3600;
    private static final int VERSION = 0;
    private static final int TENANT_ID = 1;
    private static final int REQUEST_ID = 9;
    private static final int EXPIRY = 17;
    private static final int TAG = 21;
    private static final int TAG_BYTES = 16;
    private static final int BYTES = TAG + TAG_BYTES;
    private static final String LABEL = "groupgate/request-status";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private RequestStatusTokens() {
    }

    /** What a valid token names. */
    public record RequestRef(Id tenantId, Id requestId) {
        public TenantId tenant() {
            return new TenantId(tenantId);
        }

        public RequestId request() {
            return new RequestId(requestId);
        }
    }

    /** A token for {@code requestId} of {@code tenantId} under the ring's current key. */
    public static String issue(KeyRing ring, Id tenantId, Id requestId, long nowEpochSecond) {
        Objects.requireNonNull(ring, "ring");
        SigningKey key = ring.current();
        byte[] out = new byte[BYTES];
        out[VERSION] = (byte) key.version();
        tenantId.writeTo(out, TENANT_ID);
        requestId.writeTo(out, REQUEST_ID);
        TokenCodec.writeUint32(out, EXPIRY, nowEpochSecond + VALIDITY_SECONDS);
        System.arraycopy(tag(key, out), 0, out, TAG, TAG_BYTES);
        return ENCODER.encodeToString(out);
    }

    /** The request a token names when it verifies and has not expired; empty otherwise. */
    public static Optional<RequestRef> verify(KeyRing ring, String text, long nowEpochSecond) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BYTES || !ENCODER.encodeToString(bytes).equals(text)) {
            return Optional.empty();
        }
        SigningKey key = ring.activeOrNull(bytes[VERSION] & 0xFF);
        if (key == null || !MessageDigest.isEqual(Arrays.copyOf(tag(key, bytes), TAG_BYTES),
                Arrays.copyOfRange(bytes, TAG, BYTES))) {
            return Optional.empty();
        }
        if (nowEpochSecond >= TokenCodec.readUint32(bytes, EXPIRY)) {
            return Optional.empty();
        }
        return Optional.of(new RequestRef(Id.fromBytes(bytes, TENANT_ID), Id.fromBytes(bytes, REQUEST_ID)));
    }

    private static byte[] tag(SigningKey key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.derive(LABEL), "HmacSHA256"));
            mac.update(bytes, 0, TAG);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
