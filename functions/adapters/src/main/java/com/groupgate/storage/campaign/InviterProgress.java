package com.groupgate.storage.campaign;

import com.groupgate.aws.Attr;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One inviter's standing in a campaign, for their progress link: their counts item
 * ({@code INVITER#<memberRef>}, one consistent GetItem of two numbers) and, only once the
 * count has reached the goal, their reward code from the campaign's rewards. An inviter
 * nobody has joined through yet has no counts item: zero and zero.
 */
public final class InviterProgress {
    private final DynamoDbClient dynamo;
    private final String table;
    private final CreditTable credits;

    public InviterProgress(DynamoDbClient dynamo, String table, CreditTable credits) {
        this.dynamo = dynamo;
        this.table = table;
        this.credits = credits;
    }

    /** Qualified and pending credits, and the reward code once issued. */
    public record Progress(long qualified, long pending, String rewardCode) {
    }

    public Progress of(TenantId tenantId, CampaignId campaignId, String inviterRef, int goal) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.inviter(tenantId, campaignId, inviterRef)).projectionExpression("qualified, pending"))
                .item();
        long qualified = item == null ? 0 : Attr.num(item, "qualified", 0);
        long pending = item == null ? 0 : Attr.num(item, "pending", 0);
        String reward = qualified >= goal ? credits.rewardCodes(tenantId, campaignId).get(inviterRef) : null;
        return new Progress(qualified, pending, reward);
    }
}
