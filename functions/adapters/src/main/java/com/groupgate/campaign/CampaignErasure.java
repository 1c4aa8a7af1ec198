package com.groupgate.campaign;

import static com.groupgate.aws.Attr.s;

import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Removes one memberRef from a tenant's referral campaigns: the member's own invite (its id
 * derives from the ref, {@link Invites#idOf}), the record of who invited them, and their
 * name on the records of the members they invited, which stay (so those members are still
 * counted once per campaign) naming the erased inviter by the erasure's keyed hash only.
 * Safe to repeat: what is gone is not found again.
 */
public final class CampaignErasure {
    private static final int PAGE = 100;
    /** On an invitee's record whose inviter was erased: the keyed hash the erasure named them by. */
    public static final String INVITER_ERASED_AS = "inviterErasedAs";

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
                + delete(MainTableKeys.invitee(tenantId, campaignId, memberRef));
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

    private int delete(Map<String, AttributeValue> key) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key).conditionExpression("attribute_exists(pk)"));
            return 1;
        } catch (ConditionalCheckFailedException absent) {
            return 0;
        }
    }
}
