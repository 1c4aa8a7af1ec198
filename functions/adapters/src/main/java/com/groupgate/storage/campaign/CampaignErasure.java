package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.s;

import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.Invites;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Removes one memberRef from a tenant's referral campaigns: the member's own invite (its id
 * derives from the ref, {@link Invites#idOf}) and their counts as an inviter (the
 * leaderboard forgets them); their name on their own credit and on the credits of the
 * members they invited, which stay (so counts still equal credits, and those members are
 * still credited once per campaign) naming the erased member by the erasure's keyed hash.
 * Safe to repeat: what is gone is not found again.
 */
public final class CampaignErasure {
    private static final int PAGE = 100;
    /** On an invitee's record whose inviter was erased: the keyed hash the erasure named them by. */
    public static final String INVITER_ERASED_AS = "inviterErasedAs";
    /** The memberRef an erased member's credit is kept under, before the erasure's hash. */
    public static final String ERASED_PREFIX = "erased:";

    private final DynamoDbClient dynamo;
    private final String table;
    private final CampaignTable campaigns;

    public CampaignErasure(DynamoDbClient dynamo, String table, CampaignTable campaigns) {
        this.dynamo = dynamo;
        this.table = table;
        this.campaigns = campaigns;
    }

    /** Erases {@code memberRef} from every campaign of the tenant; the number of records removed or cleared. */
    public int erase(TenantId tenantId, String memberRef, String hash) {
        int erased = 0;
        CampaignId after = null;
        do {
            CampaignTable.Page page = campaigns.list(tenantId, PAGE, after);
            for (Campaign c : page.items()) {
                erased += erase(tenantId, c.campaignId(), memberRef, hash);
            }
            after = page.nextCursor() == null ? null : CampaignId.parse(page.nextCursor()).orElseThrow();
        } while (after != null);
        return erased;
    }

    private int erase(TenantId tenantId, CampaignId campaignId, String memberRef, String hash) {
        int erased = delete(MainTableKeys.invite(tenantId, campaignId, Invites.idOf(campaignId, memberRef)))
                + delete(MainTableKeys.inviter(tenantId, campaignId, memberRef))
                + renameCredit(tenantId, campaignId, memberRef, hash);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :invitee)")
                    .filterExpression("inviterRef = :ref")
                    .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.campaignPartition(tenantId, campaignId)),
                            ":invitee", s("INVITEE#"), ":ref", s(memberRef)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> link : page.items()) {
                try {
                    dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", link.get("pk"), "sk", link.get("sk")))
                            .updateExpression("SET #erased = :hash REMOVE inviterRef")
                            .conditionExpression("inviterRef = :ref")
                            .expressionAttributeNames(Map.of("#erased", INVITER_ERASED_AS))
                            .expressionAttributeValues(Map.of(":hash", s(hash), ":ref", s(memberRef))));
                    erased++;
                } catch (ConditionalCheckFailedException changed) {
                    // cleared meanwhile (a repeated erasure)
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return erased;
    }

    /**
     * The member's own credit to their inviter stays, so the inviter's counts still equal
     * their credits, but under the erasure's hash: the same item with {@code memberRef}
     * {@code erased:<hash>} in its key, gsi1 sort key and body. A pending one then settles
     * as removed (no member has that ref).
     */
    private int renameCredit(TenantId tenantId, CampaignId campaignId, String memberRef, String hash) {
        Map<String, AttributeValue> key = MainTableKeys.invitee(tenantId, campaignId, memberRef);
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key)).item();
        if (item == null || item.isEmpty()) {
            return 0;
        }
        String renamed = ERASED_PREFIX + hash;
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.putAll(MainTableKeys.invitee(tenantId, campaignId, renamed));
        copy.put("memberRef", s(renamed));
        if (item.containsKey("gsi1sk")) {
            // A pending credit's place in the due index: the same time, the renamed invitee.
            String sort = item.get("gsi1sk").s();
            copy.put("gsi1sk", s(MainTableKeys.dueSort(java.time.Instant.ofEpochSecond(
                    Long.parseLong(sort.substring(0, sort.indexOf('#')))), tenantId, campaignId, renamed)));
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)
                            .conditionExpression("attribute_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(copy)).build()));
            return 1;
        } catch (TransactionCanceledException changed) {
            return 0; // gone meanwhile (a repeated erasure)
        }
    }

    private int delete(Map<String, AttributeValue> key) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key).conditionExpression("attribute_exists(pk)"));
            return 1;
        } catch (ConditionalCheckFailedException absent) {
            return 0;
        }
    }
}
