package com.groupgate.token;

import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import java.util.Objects;

/**
 * What a verified join ticket says: a scan of {@code codeId} succeeded and the scanner may
 * join {@code groupId} of {@code tenantId} until {@code expiresAtEpochSecond}.
 *
 * @param keyVersion the signing key version the ticket was issued under, 1..255
 * @param ticketId the ticket's own id (lockout after wrong passcodes is kept per ticket)
 * @param codeId the code that was scanned
 * @param tenantId the owning tenant
 * @param groupId the group to join (for a live code, the pool group the scan was routed to)
 * @param liveCodeId the live code scanned, or null when the scan was of a group code
 * @param expiresAtEpochSecond first second at which the ticket is expired, 1..0xFFFFFFFF
 */
public record JoinTicket(int keyVersion, Id ticketId, Id codeId, Id tenantId, Id groupId, Id liveCodeId,
                         long expiresAtEpochSecond) {
    public JoinTicket {
        if (keyVersion < SigningKey.MIN_VERSION || keyVersion > SigningKey.MAX_VERSION) {
            throw new IllegalArgumentException("keyVersion must be 1..255, was " + keyVersion);
        }
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(groupId, "groupId");
        if (liveCodeId != null && liveCodeId.value() == 0) {
            // Zero is how "no live code" travels; an id of zero would read back as null.
            throw new IllegalArgumentException("liveCodeId must not be the zero id; pass null for none");
        }
        if (expiresAtEpochSecond < 1 || expiresAtEpochSecond > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(
                    "expiresAtEpochSecond must be 1..0xFFFFFFFF, was " + expiresAtEpochSecond);
        }
    }

    public boolean expiredAt(long nowEpochSecond) {
        return nowEpochSecond >= expiresAtEpochSecond;
    }

    /** The ticket's own id as its entity's type (the token carries the raw bytes). */
    public TicketId id() {
        return new TicketId(ticketId);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public GroupId group() {
        return new GroupId(groupId);
    }

    public CodeId code() {
        return new CodeId(codeId);
    }

    /** The live code scanned, or null when the scan was of a group code. */
    public LiveCodeId liveCode() {
        return liveCodeId == null ? null : new LiveCodeId(liveCodeId);
    }
}
