package com.groupgate.token;

import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import java.util.Optional;

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
    private static final SignedIdToken TOKEN = new SignedIdToken("groupgate/request-status", 2, VALIDITY_SECONDS);

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
        return TOKEN.issue(ring, nowEpochSecond, tenantId, requestId);
    }

    /** The request a token names when it verifies and has not expired; empty otherwise. */
    public static Optional<RequestRef> verify(KeyRing ring, String text, long nowEpochSecond) {
        return TOKEN.verify(ring, text, nowEpochSecond).map(ids -> new RequestRef(ids.get(0), ids.get(1)));
    }
}
