package com.groupgate.scan;

import com.groupgate.analytics.Fact;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.Invites;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.group.GroupCache;
import com.groupgate.storage.live.LiveCodeCache;
import com.groupgate.token.JoinTickets;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ScanToken;
import java.time.Instant;

/**
 * A scan of a member's personal invite: a scan of the campaign's group under channel
 * {@code invite}. The campaign must be active and the invite still there (an erased
 * inviter's invite is gone); the group is checked as a group code's scan checks it; the
 * accepted scan is counted on the invite item with its fact (the one write), and the join
 * ticket names the campaign as its code, so that the join finds the invite again from the
 * same URL. A live code's campaign routes the scan as the live code does (the first open
 * group of its pool with room), not to the inviter's group; the live code's daily scan cap is
 * not charged for invite scans, which are counted on the invite.
 */
final class InviteScanService {
    private final CampaignInvites invites;
    private final GroupCache groups;
    private final LiveCodeCache live;

    InviteScanService(CampaignInvites invites, GroupCache groups, LiveCodeCache live) {
        this.invites = invites;
        this.groups = groups;
        this.live = live;
    }

    ScanService.Landing scan(KeyRing ticketRing, ScanToken token, RecordedFact.Origin origin, Instant now) {
        Campaign campaign = invites.activeCampaign(token, now);
        InviteTable.Invite invite = invites.invite(token);
        Group group = campaign.target().liveCodeId() != null ? routed(campaign, now)
                : groups.get(token.tenant(), CampaignInvites.groupOf(campaign, invite)).orElseThrow(RefusalException::notFound);
        GroupId groupId = group.groupId();
        if (group.blocked()) {
            throw ScanService.blocked();
        }
        if (group.archived()) {
            throw new RefusalException(Refusal.ARCHIVED, Messages.EN.text("refusal.archived"));
        }
        if (group.entryExpiredAt(now)) {
            throw new RefusalException(Refusal.ENTRY_EXPIRED, Messages.EN.text("refusal.entry_expired"));
        }
        invites.countScan(token, RecordedFact.scan(origin, token.tenant()).group(groupId)
                .channel(Invites.CHANNEL).outcome(Fact.ACCEPTED).build());
        String ticket = JoinTickets.issue(ticketRing, Id.random(), token.codeId(), token.tenantId(), groupId.id(), null,
                now.getEpochSecond());
        return new ScanService.Landing(token.codeId(), token.tenant(), group.name(), group.joinPolicy(),
                group.welcomeMessage(), ticket);
    }

    /** The group a live code's campaign sends this scan to: its pool's first open group with room. */
    private Group routed(Campaign campaign, Instant now) {
        LiveCodeCache.Entry entry = live.get(campaign.tenantId(), campaign.target().liveCodeId())
                .orElseThrow(RefusalException::notFound);
        if (!entry.code().active()) {
            throw new RefusalException(Refusal.REVOKED, Messages.EN.text("refusal.revoked"));
        }
        return LiveScanService.route(entry, now).orElseThrow(() ->
                new RefusalException(Refusal.GROUP_FULL, Messages.EN.text("refusal.group_full.pool")));
    }
}
