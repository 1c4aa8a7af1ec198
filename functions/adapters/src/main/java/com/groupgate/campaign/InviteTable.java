package com.groupgate.campaign;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A campaign's personal invites, in the campaign's own
 * partition {@code T#<tenant>#CAMPAIGN#<campaign>}:
 *
 * <ul>
 * <li>{@code sk=INVITE#<invite>}: the inviter's memberRef, the group they joined, when, and
 *     the keyed hash of their address and their device class (never the address), for the
 *     self-invite rule; its scans are counted on it, each carrying its fact for analytics;
 * </ul>
 * Who joined through whose invite is {@link CreditTable}'s.
 */
public final class InviteTable {
    private final DynamoDbClient dynamo;
    private final String table;

    public InviteTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** An invite as stored. */
    public record Invite(Id inviteId, String memberRef, GroupId groupId, String ipHash, String device, Instant issuedAt) {
    }

    /**
     * Stores the invite unless it is there already (the same member's invite is the same
     * item): one conditional PutItem.
     */
    public void issue(TenantId tenantId, CampaignId campaignId, Invite invite) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.invite(tenantId, campaignId, invite.inviteId()));
        item.put("tenantId", s(tenantId.text()));
        item.put("campaignId", s(campaignId.text()));
        item.put("inviteId", s(invite.inviteId().toString()));
        item.put("memberRef", s(invite.memberRef()));
        item.put("groupId", s(invite.groupId().text()));
        if (invite.ipHash() != null) {
            item.put("ipHash", s(invite.ipHash()));
        }
        item.put("device", s(invite.device()));
        item.put("issuedAt", n(invite.issuedAt().getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException issuedBefore) {
            // The member's invite exists: the same one.
        }
    }

    public Optional<Invite> find(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.invite(tenantId, campaignId, inviteId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Invite(inviteId, Attr.str(item, "memberRef"),
                StoredValues.id(item, "groupId", GroupId::parse), Attr.str(item, "ipHash"), Attr.str(item, "device"),
                Instant.ofEpochSecond(Attr.num(item, "issuedAt", 0))));
    }

    /**
     * Counts one accepted scan of the invite, its fact on the item for the stream (the scan's
     * one write); false when the invite is gone (erased).
     */
    public boolean countScan(TenantId tenantId, CampaignId campaignId, Id inviteId, RecordedFact fact) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.invite(tenantId, campaignId, inviteId))
                    .updateExpression("SET fact = :fact ADD scans :one")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":fact", Attr.map(FactCodec.encode(fact)), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }
}
