package com.groupgate.code;

import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.join.JoinPolicy;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.GeoRules;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A group code as stored. The token is never stored: it is re-derived from the key
 * version, the salt and the code's own fields whenever the scan URL is shown. The group's
 * name, policy and welcome message are copied in at issue so a scan needs no second read.
 * {@code supersededBy}: the code that replaced this one, or null; {@code timezone}: the
 * tenant's at issue, the day the daily cap counts in; {@code label}: the store or
 * placement it hangs at ({@link Label}), or null.
 */
public record GroupCode(
        TenantId tenantId,
        CodeId codeId,
        GroupId groupId,
        Channel channel,
        int dailyScanLimit,
        GeoRules geo,
        Ecc ecc,
        int modulePx,
        long ttlSeconds,
        long issuedAt,
        long expiresAt,
        CodeStatus status,
        CodeId supersededBy,
        int keyVersion,
        byte[] salt,
        String imageKey,
        long imageBytes,
        int qrVersion,
        ZoneId timezone,
        String groupName,
        JoinPolicy joinPolicy,
        String welcomeMessage,
        String label) {

    /** A code without a label. */
    public GroupCode(TenantId tenantId, CodeId codeId, GroupId groupId, Channel channel, int dailyScanLimit,
            GeoRules geo, Ecc ecc, int modulePx, long ttlSeconds, long issuedAt, long expiresAt, CodeStatus status,
            CodeId supersededBy, int keyVersion, byte[] salt, String imageKey, long imageBytes, int qrVersion,
            ZoneId timezone, String groupName, JoinPolicy joinPolicy, String welcomeMessage) {
        this(tenantId, codeId, groupId, channel, dailyScanLimit, geo, ecc, modulePx, ttlSeconds, issuedAt, expiresAt,
                status, supersededBy, keyVersion, salt, imageKey, imageBytes, qrVersion, timezone, groupName,
                joinPolicy, welcomeMessage, null);
    }

    /** The status a caller sees: an active code past its expiry reads as expired. */
    public CodeStatus statusAt(Instant now) {
        if (status == CodeStatus.ACTIVE && now.getEpochSecond() >= expiresAt) {
            return CodeStatus.EXPIRED;
        }
        return status;
    }
}
