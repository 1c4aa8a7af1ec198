package com.groupgate.live;

import com.groupgate.id.Id;
import java.util.List;

/**
 * A live code (活码) as stored: a permanent, unchanging image whose scans route to the
 * first group of {@code groupIds} with room. {@code poolVersion} rises with every edit
 * and revoke; the counter shards carry a copy, so a scan counted against a stale pool is
 * refused by DynamoDB itself and re-routed.
 */
public record LiveCode(
        Id tenantId,
        Id liveCodeId,
        String name,
        List<Id> groupIds,
        Integer switchAfterJoins,
        String channel,
        Integer dailyScanLimit,
        String status,
        long poolVersion,
        int keyVersion,
        byte[] salt,
        String imageKey,
        long imageBytes,
        int qrVersion,
        String timezone,
        long createdAt) {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    public LiveCode {
        groupIds = List.copyOf(groupIds);
    }

    public LiveCode withPool(String newName, List<Id> newGroups, Integer newSwitchAfter, String newChannel,
                             Integer newCap) {
        return new LiveCode(tenantId, liveCodeId, newName, newGroups, newSwitchAfter, newChannel, newCap, status,
                poolVersion + 1, keyVersion, salt, imageKey, imageBytes, qrVersion, timezone, createdAt);
    }
}
