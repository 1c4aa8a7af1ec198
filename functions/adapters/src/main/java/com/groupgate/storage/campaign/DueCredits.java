package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.campaign.Campaign;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.telemetry.Log;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The qualification run: settles every tenant's credits due by now, read from the due index
 * ({@link MainTableKeys#dueCreditsIndex}) a page at a time, shard by shard, for as long as
 * the caller allows and at most {@code maxCredits} a run. A settled credit leaves the index,
 * so the next run starts again from the oldest still due; within a run, the page cursor
 * moves past credits that could not be settled this time. Never a scan: each page is a
 * query of due items only. Safe under redelivery and concurrent runs: each credit settles
 * once ({@link CreditTable#settle}). A join's {@code joined} record still there
 * {@link CreditTable#COMPLETE_AFTER} after its join (the function died before its next
 * step) is completed as that step would have ({@link CreditTable#complete(Campaign, Map)}),
 * once; the credit it becomes is settled by a later run, when it qualifies.
 */
public final class DueCredits {
    /** Credits read per query. */
    static final int PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final CampaignTable campaigns;
    private final CreditTable credits;

    public DueCredits(DynamoDbClient dynamo, String table, CampaignTable campaigns, CreditTable credits) {
        this.dynamo = dynamo;
        this.table = table;
        this.campaigns = campaigns;
        this.credits = credits;
    }

    /** What one run did. */
    public record Run(int seen, int settled) {
    }

    /** Settles the credits due by {@code now}: at most {@code maxCredits} seen, while {@code more} says yes. */
    public Run settle(Instant now, int maxCredits, BooleanSupplier more, CreditTable.RewardSigner rewards) {
        Map<String, Optional<Campaign>> campaignsSeen = new HashMap<>();
        int seen = 0;
        int settled = 0;
        for (int shard = 0; shard < MainTableKeys.DUE_SHARDS && seen < maxCredits && more.getAsBoolean(); shard++) {
            String pk = MainTableKeys.dueCreditsIndex(shard);
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                int limit = Math.min(PAGE, maxCredits - seen);
                QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1").limit(limit)
                        .keyConditionExpression("gsi1pk = :pk AND gsi1sk < :due")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":due", s(MainTableKeys.pendingDueBound(now))))
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> credit : page.items()) {
                    seen++;
                    Optional<Campaign> campaign = campaignsSeen.computeIfAbsent(
                            Attr.str(credit, "tenantId") + "#" + Attr.str(credit, "campaignId"), k -> campaignOf(credit));
                    if (campaign.isPresent() && CreditTable.joined(credit)) {
                        // A join's record whose join died before completing it: completed as the join would have.
                        if (credits.complete(campaign.get(), credit) != CreditTable.Credited.BEFORE) {
                            settled++;
                        }
                    } else if (campaign.isPresent() && credits.settle(campaign.get(), credit, now, rewards)) {
                        settled++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && seen < maxCredits && more.getAsBoolean());
        }
        return new Run(seen, settled);
    }

    /** The credit's campaign; empty (and the credit left as it is) when it is gone, as a tenant's deletion takes both. */
    private Optional<Campaign> campaignOf(Map<String, AttributeValue> credit) {
        Optional<TenantId> tenant = TenantId.parse(Attr.str(credit, "tenantId"));
        Optional<CampaignId> campaign = CampaignId.parse(Attr.str(credit, "campaignId"));
        Optional<Campaign> found = tenant.isPresent() && campaign.isPresent()
                ? campaigns.find(tenant.get(), campaign.get()) : Optional.empty();
        if (found.isEmpty()) {
            Log.info("due_credit_without_campaign", Map.of("campaignId", String.valueOf(Attr.str(credit, "campaignId"))));
        }
        return found;
    }
}
