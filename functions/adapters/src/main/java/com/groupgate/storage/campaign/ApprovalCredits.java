package com.groupgate.storage.campaign;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.CreditRules;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.join.RequestStatus;
import com.groupgate.scan.DailyCap;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The credit of a friend who came through a personal invite into a group that needs
 * approval: the request remembers the invite ({@code inviteCampaignId}, {@code inviteId})
 * and, in its pending fact, the viewer (keyed address hash, device class, when) — so that
 * once the tenant approves it, the inviter is credited under the same rules as an invite's
 * direct join ({@link CreditTable#credit}): once per invitee and campaign, the daily limit
 * (of the approval's day), nothing once the campaign ended (at the approval) or the invite is
 * gone (its inviter erased), and no self-invite (the same memberRef, or the inviter's own
 * viewer within a day of the inviter's join, judged when the request was filed).
 *
 * <p>Written right after the approval's transaction, as the join path writes it right after
 * the join's: an approval retried after a failure in between (answered {@code joined} again,
 * {@link com.groupgate.storage.join.JoinRequestTable#approve}) writes the missing credit; the credit's
 * own conditional write makes any repeat a no-op. A rejected request is never credited (its status is not {@code joined}).
 */
public final class ApprovalCredits {
    public static final String INVITE_CAMPAIGN = "inviteCampaignId";
    public static final String INVITE_ID = "inviteId";

    private final DynamoDbClient dynamo;
    private final String table;
    private final CampaignTable campaigns;
    private final InviteTable invites;
    private final CreditTable credits;

    public ApprovalCredits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.campaigns = new CampaignTable(dynamo, table);
        this.invites = new InviteTable(dynamo, table);
        this.credits = new CreditTable(dynamo, table);
    }

    /**
     * Credits the inviter of request {@code requestId} when it was filed through an invite
     * and is approved (the member joined at its {@code decidedAt}); empty when there is
     * nothing to credit.
     */
    public Optional<CreditTable.Credited> creditApproved(TenantId tenantId, RequestId requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.request(tenantId, requestId))).item();
        if (item == null || item.isEmpty() || !RequestStatus.JOINED.wireName().equals(Attr.str(item, "status"))) {
            return Optional.empty();
        }
        Optional<CampaignId> campaignId = CampaignId.parse(Attr.str(item, INVITE_CAMPAIGN));
        Optional<Id> inviteId = Id.parse(Attr.str(item, INVITE_ID));
        Optional<GroupId> groupId = GroupId.parse(Attr.str(item, "groupId"));
        String invitee = Attr.str(item, "memberRef");
        long decidedAt = Attr.num(item, "decidedAt", -1);
        if (campaignId.isEmpty() || inviteId.isEmpty() || groupId.isEmpty() || invitee == null || decidedAt < 0
                || !item.containsKey("pendingFact")) {
            return Optional.empty();
        }
        Instant approvedAt = Instant.ofEpochSecond(decidedAt);
        Optional<Campaign> campaign = campaigns.find(tenantId, campaignId.get()).filter(c -> c.activeAt(approvedAt));
        Optional<InviteTable.Invite> invite = campaign.flatMap(c -> invites.find(tenantId, c.campaignId(), inviteId.get()));
        if (invite.isEmpty()) {
            return Optional.empty();
        }
        if (invite.get().memberRef().equals(invitee)) {
            return Optional.of(CreditTable.Credited.REFUSED);
        }
        RecordedFact viewed = FactCodec.decode(Attr.mapOf(item, "pendingFact"));
        boolean sameViewer = CreditRules.sameViewer(invite.get().ipHash(), invite.get().device(), invite.get().issuedAt(),
                viewed.ipHash(), viewed.device(), viewed.at());
        Campaign c = campaign.get();
        return Optional.of(credits.credit(tenantId, c, new CreditTable.Join(invitee, invite.get().memberRef(),
                inviteId.get(), groupId.get(), approvedAt), sameViewer, DailyCap.dayKey(approvedAt, c.timezone())));
    }
}
