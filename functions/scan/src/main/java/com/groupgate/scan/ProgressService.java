package com.groupgate.scan;

import com.groupgate.campaign.Campaign;
import com.groupgate.error.RefusalException;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.campaign.InviterProgress;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ProgressTokens;
import java.time.Clock;

/**
 * {@code GET /P/{token}}: an inviter's progress in one campaign — qualified and pending
 * credits, the goal, and the reward code once reached — for whoever holds the progressUrl.
 * The token is verified before anything is read: forged, tampered, expired, or naming
 * another tenant's campaign, it is 404 without a table read. A token whose invite is gone
 * (the inviter was erased) or whose campaign is gone is 404 too, all alike; an ended
 * campaign still shows its final count. A blocked tenant's links answer 451 {@code blocked},
 * as its codes' scans do ({@link ScanService#refuseIfTenantBlocked}).
 */
final class ProgressService {
    private final SigningKeyTable keys;
    private final CampaignInvites invites;
    private final InviterProgress progress;
    private final ScanService scans;
    private final Clock clock;

    ProgressService(SigningKeyTable keys, CampaignInvites invites, InviterProgress progress, ScanService scans,
                    Clock clock) {
        this.scans = scans;
        this.keys = keys;
        this.invites = invites;
        this.progress = progress;
        this.clock = clock;
    }

    /** What a progress link shows: {@code rewardCode} only once the goal is reached. */
    record Progress(long qualified, long pending, int goal, String rewardCode, String campaignName, String reward) {
    }

    Progress progress(String token) {
        KeyRing ring = keys.verifyingRing().orElseThrow(RefusalException::notFound);
        ProgressTokens.InviteRef ref = ProgressTokens.verify(ring, token, clock.instant().getEpochSecond())
                .orElseThrow(RefusalException::notFound);
        // A blocked tenant's progress links answer as its codes and invites do (451, no reason given).
        scans.refuseIfTenantBlocked(ref.tenant());
        Campaign campaign = invites.campaign(ref.tenant(), ref.campaign()).orElseThrow(RefusalException::notFound);
        InviteTable.Invite invite = invites.invite(ref.tenant(), ref.campaign(), ref.inviteId())
                .orElseThrow(RefusalException::notFound);
        int goal = campaign.settings().goal();
        InviterProgress.Progress p = progress.of(ref.tenant(), ref.campaign(), invite.memberRef(), goal);
        return new Progress(p.qualified(), p.pending(), goal, p.rewardCode(), campaign.settings().name(),
                campaign.settings().reward());
    }
}
