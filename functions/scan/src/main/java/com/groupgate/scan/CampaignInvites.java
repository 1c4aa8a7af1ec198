package com.groupgate.scan;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.CreditRules;
import com.groupgate.campaign.Invites;
import com.groupgate.campaign.PosterTemplate;
import com.groupgate.campaign.Posters;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.EdgeImages;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.token.CodeKind;
import com.groupgate.token.KeyRing;
import com.groupgate.token.ProgressTokens;
import com.groupgate.token.ScanToken;
import com.groupgate.token.TokenCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Referral campaigns as the scan function meets them: the campaign a group's item is marked
 * with (remembered a minute per container, as groups are), a joiner's personal invite
 * (issued once per member and campaign, handed out as a signed scan URL), and the invite
 * behind a scanned invite token.
 */
final class CampaignInvites {
    /** How long a container trusts its memory of a campaign (an ended one is also refused by the join's own check). */
    static final Duration REMEMBER = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final CampaignTable campaigns;
    private final InviteTable invites;
    private final CreditTable credits;
    private final String scanBaseUrl;
    private final EdgeImages edge;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    CampaignInvites(CampaignTable campaigns, InviteTable invites, CreditTable credits, String scanBaseUrl, Clock clock) {
        this.campaigns = campaigns;
        this.invites = invites;
        this.credits = credits;
        this.scanBaseUrl = scanBaseUrl;
        this.edge = EdgeImages.onScanHost(scanBaseUrl);
        this.clock = clock;
    }

    private record Remembered(Optional<CampaignTable.WithPoster> read, Instant readAt) {
    }

    /** The campaign, from this container's memory when it is under a minute old. */
    Optional<Campaign> campaign(TenantId tenantId, CampaignId campaignId) {
        return remembered(tenantId, campaignId).map(CampaignTable.WithPoster::campaign);
    }

    /** The campaign and its poster template, from the same memory. */
    private Optional<CampaignTable.WithPoster> remembered(TenantId tenantId, CampaignId campaignId) {
        String key = tenantId.text() + "/" + campaignId.text();
        Instant now = clock.instant();
        Remembered r = remembered.get(key);
        if (r == null || r.readAt().plus(REMEMBER).isBefore(now)) {
            if (remembered.size() > MAX_REMEMBERED) {
                remembered.clear();
            }
            r = new Remembered(campaigns.findWithPoster(tenantId, campaignId), now);
            remembered.put(key, r);
        }
        return r.read();
    }

    /** The campaign an invite token names, while it gives invites: 404 when there is none, 410 {@code expired} once ended. */
    Campaign activeCampaign(ScanToken token, Instant now) {
        Campaign campaign = campaign(token.tenant(), new CampaignId(token.codeId())).orElseThrow(RefusalException::notFound);
        if (!campaign.activeAt(now)) {
            throw new RefusalException(Refusal.EXPIRED, Messages.EN.text("refusal.expired"));
        }
        return campaign;
    }

    /** The invite an invite token names: 404 once it is gone (its inviter erased). */
    InviteTable.Invite invite(ScanToken token) {
        return invites.find(token.tenant(), new CampaignId(token.codeId()), token.targetId())
                .orElseThrow(RefusalException::notFound);
    }

    /** The invite {@code inviteId} of a campaign, as stored; empty once it is gone (its inviter erased). */
    Optional<InviteTable.Invite> invite(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        return invites.find(tenantId, campaignId, inviteId);
    }

    /** The group an invite leads to: the campaign's group, or for a live code's campaign the inviter's. */
    static GroupId groupOf(Campaign campaign, InviteTable.Invite invite) {
        return campaign.target().groupId() != null ? campaign.target().groupId() : invite.groupId();
    }

    /** Counts an accepted scan of the invite; 404 when it went meanwhile. */
    void countScan(ScanToken token, RecordedFact fact) {
        if (!invites.countScan(token.tenant(), new CampaignId(token.codeId()), token.targetId(), fact)) {
            throw RefusalException.notFound();
        }
    }

    /**
     * The personal invite of {@code memberRef}, who has just joined {@code groupId} whose
     * item is marked with {@code mark}: its URL and the inviter's progress URL; empty when
     * the campaign is not active. One conditional write the first time, the same invite after.
     */
    Optional<Invitation> invitation(KeyRing ring, TenantId tenantId, CampaignId mark, String memberRef, GroupId groupId,
                               RecordedFact.Origin origin, Instant now) {
        return issue(ring, tenantId, mark, memberRef, null, groupId, origin, now);
    }

    /**
     * The invite as {@link #invitation} issues it, carrying the poster name the join gave
     * ({@code displayName}; null: keep the one an earlier join gave), and the poster's URL
     * when the campaign has a template: the edge path of the same invite token and the
     * poster's version ({@link Posters}). Nothing is drawn here: the designs function draws
     * a poster the first time its URL is asked for.
     */
    Optional<Invitation> issue(KeyRing ring, TenantId tenantId, CampaignId mark, String memberRef, String displayName,
                           GroupId groupId, RecordedFact.Origin origin, Instant now) {
        Optional<CampaignTable.WithPoster> read = remembered(tenantId, mark).filter(c -> c.campaign().activeAt(now));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Id inviteId = Invites.idOf(mark, memberRef);
        String name = invites.issueNamed(tenantId, mark, new InviteTable.Invite(inviteId, memberRef, groupId,
                origin.ipHash(), origin.agent().device().wireName(), now), displayName);
        String token = TokenCodec.issue(ring, CodeKind.INVITE, mark.id(), tenantId.id(), inviteId, ScanToken.NEVER,
                random);
        PosterTemplate poster = read.get().poster();
        return Optional.of(new Invitation(scanBaseUrl + token,
                progressBase(scanBaseUrl) + ProgressTokens.issue(ring, tenantId, mark, inviteId, now.getEpochSecond()),
                poster == null ? null : edge.posterUrl(Posters.path(token, Posters.version(poster, name)))));
    }

    /** The scan base's {@code /S/} becomes {@code /P/}: progress links live beside scan links, on the same host. */
    static String progressBase(String scanBaseUrl) {
        if (scanBaseUrl == null || !scanBaseUrl.endsWith("/S/")) {
            throw new IllegalArgumentException("GROUPGATE_SCAN_BASE_URL must end in /S/, was " + scanBaseUrl);
        }
        return scanBaseUrl.substring(0, scanBaseUrl.length() - 3) + "/P/";
    }

    /**
     * The record of the credit {@code inviteeRef}'s join through {@code invite} into
     * {@code groupId} owes its inviter, for the join's own transaction ({@link CreditTable#joined});
     * null for an inviter's own invite (the same memberRef: nothing recorded). The self-invite
     * verdict (the invitee from the inviter's own address hash and device class within a day
     * of the inviter's join) and the day (the campaign's, in the tenant's zone) travel on it.
     */
    TransactWriteItem creditRecord(Campaign campaign, InviteTable.Invite invite, String inviteeRef, GroupId groupId,
                                   RecordedFact.Origin origin) {
        if (invite.memberRef().equals(inviteeRef)) {
            return null;
        }
        return credits.joined(campaign.tenantId(), campaign, join(invite, inviteeRef, groupId, origin),
                sameViewer(invite, origin), DailyCap.dayKey(origin.at(), campaign.timezone()));
    }

    /**
     * Credits the inviter of {@code invite} with {@code inviteeRef}'s join (once per member
     * and campaign, {@link CreditTable}): completes the record the join wrote, as a pending
     * credit, or refused as a self-invite or past the inviter's daily limit; never an
     * inviter's own invite.
     */
    CreditTable.Credited credit(Campaign campaign, InviteTable.Invite invite, String inviteeRef, GroupId groupId,
                                RecordedFact.Origin origin) {
        if (invite.memberRef().equals(inviteeRef)) {
            return CreditTable.Credited.REFUSED;
        }
        return credits.complete(campaign.tenantId(), campaign, join(invite, inviteeRef, groupId, origin),
                sameViewer(invite, origin), DailyCap.dayKey(origin.at(), campaign.timezone()));
    }

    private static CreditTable.Join join(InviteTable.Invite invite, String inviteeRef, GroupId groupId,
                                         RecordedFact.Origin origin) {
        return new CreditTable.Join(inviteeRef, invite.memberRef(), invite.inviteId(), groupId, origin.at());
    }

    private static boolean sameViewer(InviteTable.Invite invite, RecordedFact.Origin origin) {
        return CreditRules.sameViewer(invite.ipHash(), invite.device(), invite.issuedAt(),
                origin.ipHash(), origin.agent().device().wireName(), origin.at());
    }
}
