package com.groupgate.token;

import com.groupgate.id.CodeId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.util.Objects;

/**
 * What a verified scan token says. The tenant and target travel encrypted, so that a QR
 * image does not disclose which tenant or group it leads to.
 *
 * @param keyVersion the signing key version the token was issued under, 1..255
 * @param kind group code, live code or invite
 * @param codeId the code the token belongs to
 * @param expiresAtEpochSecond first second at which the token is expired, 1..{@link #NEVER}
 * @param tenantId the owning tenant
 * @param targetId the group id for group codes; the live code id for live codes; the invite id for invites; null in a
 *                 short (v2) group-code token, which leaves the group to the code's item (the
 *                 scan reads that item by tenant and code id anyway)
 */
public record ScanToken(int keyVersion, CodeKind kind, Id codeId, long expiresAtEpochSecond, Id tenantId, Id targetId) {
    /** The expiry of codes that never expire (live codes, presets without expiry): uint32 max. */
    public static final long NEVER = 0xFFFFFFFFL;

    public ScanToken {
        if (keyVersion < SigningKey.MIN_VERSION || keyVersion > SigningKey.MAX_VERSION) {
            throw new IllegalArgumentException("keyVersion must be 1..255, was " + keyVersion);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(tenantId, "tenantId");
        if (targetId == null && kind != CodeKind.GROUP_CODE) {
            throw new IllegalArgumentException("targetId is required for " + kind);
        }
        checkExpiry(expiresAtEpochSecond);
    }

    /** Whether the token is expired at {@code nowEpochSecond}; {@link #NEVER} never is. */
    public boolean expiredAt(long nowEpochSecond) {
        return expiresAtEpochSecond != NEVER && nowEpochSecond >= expiresAtEpochSecond;
    }

    static void checkExpiry(long expiresAtEpochSecond) {
        // Four bytes on the wire: seconds up to 2106, with the top value meaning never.
        if (expiresAtEpochSecond < 1 || expiresAtEpochSecond > NEVER) {
            throw new IllegalArgumentException(
                    "expiresAtEpochSecond must be 1..0xFFFFFFFF (NEVER), was " + expiresAtEpochSecond);
        }
    }

    /** The tenant as its entity's type (the token carries the raw bytes). */
    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public CodeId code() {
        return new CodeId(codeId);
    }
}
