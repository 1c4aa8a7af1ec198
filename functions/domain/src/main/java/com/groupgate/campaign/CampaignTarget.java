package com.groupgate.campaign;

import com.groupgate.id.GroupId;
import com.groupgate.id.LiveCodeId;

/**
 * What a campaign grows: one group, or a live code (活码) and so every group of its pool.
 * Exactly one of the two ids is set.
 */
public record CampaignTarget(GroupId groupId, LiveCodeId liveCodeId) {
    public CampaignTarget {
        if ((groupId == null) == (liveCodeId == null)) {
            throw new IllegalArgumentException("exactly one of groupId and liveCodeId");
        }
    }

    public static CampaignTarget group(GroupId groupId) {
        return new CampaignTarget(groupId, null);
    }

    public static CampaignTarget liveCode(LiveCodeId liveCodeId) {
        return new CampaignTarget(null, liveCodeId);
    }

    /** The request field that names the target: {@code groupId} or {@code liveCodeId}. */
    public String field() {
        return groupId != null ? "groupId" : "liveCodeId";
    }

    @Override
    public String toString() {
        return groupId != null ? "group/" + groupId : "live-code/" + liveCodeId;
    }
}
