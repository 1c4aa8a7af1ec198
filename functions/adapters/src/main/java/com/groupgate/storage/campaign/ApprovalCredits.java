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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
 * <p>The approval's own transaction records the credit ({@link #owed}, {@code joined}), and
 * the step right after it completes it ({@link #complete}), as the join path does; if the
 * function dies in between, the qualification run completes it. An approval retried
 * (answered {@code joined} again, {@link com.groupgate.storage.join.JoinRequestTable#approve})
 * writes a credit that is missing altogether ({@link #creditApproved}); the credit's own
 * conditional write makes any repeat a no-op. A rejected request is never credited (its status is not {@code joined}).
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
     * The credit the approval of pending request {@code requestId} at {@code approvedAt} owes
     * (the same rules as {@link #creditApproved}), with its record for the approval's own
     * transaction ({@link CreditTable#joined}); empty when it owes nothing or the request is
     * not pending.
     */
    public Optional<Owed> owed(TenantId tenantId, RequestId requestId, Instant approvedAt) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.request(tenantId, requestId))).item();
        if (item == null || item.isEmpty() || !RequestStatus.PENDING.wireName().equals(Attr.str(item, "status"))) {
            return Optional.empty();
        }
        return owedBy(tenantId, item, approvedAt).filter(o -> !o.join().inviterRef().equals(o.join().inviteeRef()))
                .map(o -> new Owed(o.campaign(), o.join(), o.sameViewer(), o.day(),
                        credits.joined(tenantId, o.campaign(), o.join(), o.sameViewer(), o.day())));
    }

    /** What an approval owes an inviter, and its record for the approval's transaction (null until built). */
    public record Owed(Campaign campaign, CreditTable.Join join, boolean sameViewer, String day,
                       TransactWriteItem record) {
    }

    /** Completes the record the approval's transaction wrote ({@link CreditTable#complete(TenantId, Campaign, CreditTable.Join, boolean, String)}). */
    public CreditTable.Credited complete(TenantId tenantId, Owed owed) {
        return credits.complete(tenantId, owed.campaign(), owed.join(), owed.sameViewer(), owed.day());
    }

    private Optional<Owed> owedBy(TenantId tenantId, Map<String, AttributeValue> item, Instant approvedAt) {
        Optional<CampaignId> campaignId = CampaignId.parse(Attr.str(item, INVITE_CAMPAIGN));
        Optional<Id> inviteId = Id.parse(Attr.str(item, INVITE_ID));
        Optional<GroupId> groupId = GroupId.parse(Attr.str(item, "groupId"));
        String invitee = Attr.str(item, "memberRef");
        if (campaignId.isEmpty() || inviteId.isEmpty() || groupId.isEmpty() || invitee == null
                || !item.containsKey("pendingFact")) {
            return Optional.empty();
        }
        Optional<Campaign> campaign = campaigns.find(tenantId, campaignId.get()).filter(c -> c.activeAt(approvedAt));
        Optional<InviteTable.Invite> invite = campaign.flatMap(c -> invites.find(tenantId, c.campaignId(), inviteId.get()));
        if (invite.isEmpty()) {
            return Optional.empty();
        }
        RecordedFact viewed = FactCodec.decode(Attr.mapOf(item, "pendingFact"));
        boolean sameViewer = CreditRules.sameViewer(invite.get().ipHash(), invite.get().device(), invite.get().issuedAt(),
                viewed.ipHash(), viewed.device(), viewed.at());
        Campaign c = campaign.get();
        return Optional.of(new Owed(c, new CreditTable.Join(invitee, invite.get().memberRef(), inviteId.get(),
                groupId.get(), approvedAt), sameViewer, DailyCap.dayKey(approvedAt, c.timezone()), null));
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
        long decidedAt = Attr.num(item, "decidedAt", -1);
        if (decidedAt < 0) {
            return Optional.empty();
        }
        return owedBy(tenantId, item, Instant.ofEpochSecond(decidedAt)).map(o -> o.join().inviterRef()
                .equals(o.join().inviteeRef()) ? CreditTable.Credited.REFUSED
                : credits.credit(tenantId, o.campaign(), o.join(), o.sameViewer(), o.day()));
    }
}
