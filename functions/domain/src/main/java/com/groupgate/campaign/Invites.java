package com.groupgate.campaign;

import com.groupgate.code.Channel;
import com.groupgate.hash.Sha256;
import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import java.util.Objects;

/**
 * A member's personal invite to a campaign is named by an id derived from the campaign and
 * the memberRef, so that issuing it again (a retried join, a member who joins twice) gives
 * the same invite, and an erasure finds it from the ref alone. The id travels only inside a
 * signed token's sealed part: a URL never shows it, and knowing it forges nothing.
 */
public final class Invites {
    /** The channel an invite's scans and joins are counted under. */
    public static final Channel CHANNEL = Channel.of("invite");

    private Invites() {
    }

    /** The first 8 bytes of SHA-256("invite", campaign, memberRef), NUL-separated. */
    public static Id idOf(CampaignId campaignId, String memberRef) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(memberRef, "memberRef");
        byte[] digest = Sha256.of("invite\0" + campaignId.text() + "\0" + memberRef);
        return Id.fromBytes(digest, 0);
    }
}
