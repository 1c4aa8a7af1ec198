package com.groupgate.campaign;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A referral campaign (裂变) on a group or a live code: members who join while it is active
 * get a personal invite; an inviter whose invitees stay reaches the goal and earns the reward.
 *
 * @param timezone  the tenant's, when the campaign was created: whose day the daily limit counts
 * @param createdAt when the tenant created it
 * @param endedAt   when the tenant ended it ({@code PATCH status=ended}); null while it was not
 */
public record Campaign(TenantId tenantId, CampaignId campaignId, CampaignTarget target, CampaignSettings settings,
                       CampaignStatus status, ZoneId timezone, Instant createdAt, Instant endedAt) {
    public Campaign {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether it gives invites and credits at {@code now}: not ended by the tenant, and before {@code endsAt}. */
    public boolean activeAt(Instant now) {
        return status == CampaignStatus.ACTIVE && (settings.endsAt() == null || now.isBefore(settings.endsAt()));
    }

    /** The status as the tenant sees it at {@code now}: a campaign past its {@code endsAt} reads ended. */
    public CampaignStatus statusAt(Instant now) {
        return activeAt(now) ? CampaignStatus.ACTIVE : CampaignStatus.ENDED;
    }

    /** What {@code PATCH} may change; null fields stay. */
    public record Change(String reward, boolean setsEndsAt, Instant endsAt, CampaignStatus status) {
    }

    /**
     * This campaign with {@code change} applied at {@code now}. An ended campaign stays ended
     * (409, naming {@code status}): its invites were told it is over. A new {@code endsAt}
     * must be in the future; {@code null} makes it open-ended.
     */
    public Campaign with(Change change, Instant now) {
        if (!activeAt(now)) {
            throw new RefusalException(Refusal.CONFLICT, "status: the campaign has ended",
                    "status", -1);
        }
        if (change.setsEndsAt() && change.endsAt() != null && !change.endsAt().isAfter(now)) {
            throw RefusalException.badField("endsAt", "must be in the future");
        }
        CampaignSettings s = settings;
        CampaignSettings next = new CampaignSettings(s.name(), s.goal(),
                change.reward() == null ? s.reward() : change.reward(),
                change.setsEndsAt() ? change.endsAt() : s.endsAt(), s.qualifyAfterMinutes(), s.perInviterDailyLimit());
        boolean ends = change.status() == CampaignStatus.ENDED;
        return new Campaign(tenantId, campaignId, target, next, ends ? CampaignStatus.ENDED : status, timezone, createdAt,
                ends ? now : endedAt);
    }
}
