package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.campaign.Invites;
import com.groupgate.fact.FactCodec;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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
        issueNamed(tenantId, campaignId, invite, null);
    }

    /**
     * Issues the invite as {@link #issue} does, carrying the member's poster name
     * ({@value #DISPLAY_NAME}; null: none given), and answers the name the invite now has:
     * the one given, or, when the join gives none, the one stored by an earlier join. One
     * conditional PutItem; a later join with another name also updates it.
     */
    public String issueNamed(TenantId tenantId, CampaignId campaignId, Invite invite, String displayName) {
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
        if (displayName != null) {
            item.put(DISPLAY_NAME, s(displayName));
        }
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return displayName;
        } catch (ConditionalCheckFailedException issuedBefore) {
            String stored = issuedBefore.hasItem() ? Attr.str(issuedBefore.item(), DISPLAY_NAME) : null;
            if (displayName == null || displayName.equals(stored)) {
                return stored;
            }
            try {
                dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.invite(tenantId, campaignId, invite.inviteId()))
                        .updateExpression("SET #n = :n").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#n", DISPLAY_NAME))
                        .expressionAttributeValues(Map.of(":n", s(displayName))));
            } catch (ConditionalCheckFailedException erasedMeanwhile) {
                // The member was erased between the two writes: nothing to name.
            }
            return displayName;
        }
    }

    /** On an invite: the member's poster name. */
    public static final String DISPLAY_NAME = "displayName";
    /** On an invite: every poster file drawn for it (a string set), for the member's erasure. */
    public static final String POSTER_KEYS = "posterKeys";

    /** What the poster of an invite needs of it: whose it is and the name to draw (null: none). */
    public record Named(String memberRef, String displayName) {
    }

    /** The invite's member and poster name; empty once it is gone (erased). */
    public Optional<Named> named(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.invite(tenantId, campaignId, inviteId))
                .projectionExpression("memberRef, #n").expressionAttributeNames(Map.of("#n", DISPLAY_NAME))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Named(Attr.str(item, "memberRef"), Attr.str(item, DISPLAY_NAME)));
    }

    /**
     * Records that the poster file {@code key} was drawn for the invite, so that the member's
     * erasure finds it; false when the invite is gone (erased meanwhile: the caller removes the file).
     */
    public boolean recordPoster(TenantId tenantId, CampaignId campaignId, Id inviteId, String key) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.invite(tenantId, campaignId, inviteId))
                    .updateExpression("ADD #k :k").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#k", POSTER_KEYS))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromSs(List.of(key)))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /** The poster files drawn for an invite (none when it has none, or is gone). */
    public List<String> posterKeys(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.invite(tenantId, campaignId, inviteId))
                .projectionExpression("#k").expressionAttributeNames(Map.of("#k", POSTER_KEYS))).item();
        if (item == null || !item.containsKey(POSTER_KEYS)) {
            return List.of();
        }
        return List.copyOf(item.get(POSTER_KEYS).ss());
    }

    /**
     * The poster names of the invites of {@code memberRefs} in one campaign (members without
     * one are left out): BatchGetItem, up to 100 refs.
     */
    public Map<String, String> displayNames(TenantId tenantId, CampaignId campaignId, List<String> memberRefs) {
        if (memberRefs.isEmpty()) {
            return Map.of();
        }
        if (memberRefs.size() > 100) {
            throw new IllegalArgumentException("at most 100 memberRefs a read, was " + memberRefs.size());
        }
        List<Map<String, AttributeValue>> keys = memberRefs.stream().distinct()
                .map(ref -> MainTableKeys.invite(tenantId, campaignId, Invites.idOf(campaignId, ref))).toList();
        Map<String, String> out = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).projectionExpression("memberRef, #n")
                .expressionAttributeNames(Map.of("#n", DISPLAY_NAME)).build());
        // DynamoDB may leave keys unprocessed under load: asked again, a bounded number of times.
        for (int round = 0; round < 10 && request != null && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(asked));
            for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                String name = Attr.str(item, DISPLAY_NAME);
                if (name != null) {
                    out.put(Attr.str(item, "memberRef"), name);
                }
            }
            request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : null;
        }
        return out;
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
