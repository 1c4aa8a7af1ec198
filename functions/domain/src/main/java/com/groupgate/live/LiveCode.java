package com.groupgate.live;

import com.groupgate.code.Channel;
import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import java.time.ZoneId;
import java.util.List;

/**
 * A live code (活码) as stored: a permanent, unchanging image whose scans route to the
 * first group of {@code groupIds} with room. {@code poolVersion} rises with every edit
 * and revoke; the counter shards carry a copy, so a scan counted against a stale pool is
 * refused by DynamoDB itself and re-routed.
 */
public record LiveCode(
        TenantId tenantId,
        LiveCodeId liveCodeId,
        String name,
        List<GroupId> groupIds,
        Integer switchAfterJoins,
        Channel channel,
        Integer dailyScanLimit,
        LiveCodeStatus status,
        long poolVersion,
        int keyVersion,
        byte[] salt,
        String imageKey,
        long imageBytes,
        int qrVersion,
        ZoneId timezone,
        long createdAt) {

    public LiveCode {
        groupIds = List.copyOf(groupIds);
    }

    public boolean active() {
        return status == LiveCodeStatus.ACTIVE;
    }

    public LiveCode withPool(String newName, List<GroupId> newGroups, Integer newSwitchAfter, Channel newChannel,
                             Integer newCap) {
        return new LiveCode(tenantId, liveCodeId, newName, newGroups, newSwitchAfter, newChannel, newCap, status,
                poolVersion + 1, keyVersion, salt, imageKey, imageBytes, qrVersion, timezone, createdAt);
    }
}
