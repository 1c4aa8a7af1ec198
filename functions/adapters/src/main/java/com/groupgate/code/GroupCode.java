package com.groupgate.code;

import com.groupgate.id.Id;
import com.groupgate.scan.GeoRules;
import java.time.Instant;

/**
 * A group code as stored. The token is never stored: it is re-derived from the key
 * version, the salt and the code's own fields whenever the scan URL is shown. The group's
 * name, policy and welcome message are copied in at issue so a scan needs no second read.
 */
public record GroupCode(
        Id tenantId,
        Id codeId,
        Id groupId,
        String channel,
        int dailyScanLimit,
        GeoRules geo,
        String ecc,
        int modulePx,
        long ttlSeconds,
        long issuedAt,
        long expiresAt,
        String status,
        String supersededBy,
        int keyVersion,
        byte[] salt,
        String imageKey,
        long imageBytes,
        int qrVersion,
        String timezone,
        String groupName,
        String joinPolicy,
        String welcomeMessage) {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String SUPERSEDED = "superseded";
    public static final String EXPIRED = "expired";

    /** The status a caller sees: an active code past its expiry reads as expired. */
    public String statusAt(Instant now) {
        if (ACTIVE.equals(status) && now.getEpochSecond() >= expiresAt) {
            return EXPIRED;
        }
        return status;
    }
}
