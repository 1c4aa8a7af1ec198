package com.groupgate.scan;

import com.groupgate.analytics.Fact;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.InviteTable;
import com.groupgate.campaign.Invites;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.group.Group;
import com.groupgate.group.GroupCache;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
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
 * same URL.
 */
final class InviteScanService {
    private final CampaignInvites invites;
    private final GroupCache groups;

    InviteScanService(CampaignInvites invites, GroupCache groups) {
        this.invites = invites;
        this.groups = groups;
    }

    ScanService.Landing scan(KeyRing ticketRing, ScanToken token, RecordedFact.Origin origin, Instant now) {
        Campaign campaign = invites.activeCampaign(token, now);
        InviteTable.Invite invite = invites.invite(token);
        GroupId groupId = CampaignInvites.groupOf(campaign, invite);
        Group group = groups.get(token.tenant(), groupId).orElseThrow(RefusalException::notFound);
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
}
