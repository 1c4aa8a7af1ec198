package com.groupgate.storage.join;

import static com.groupgate.aws.Attr.s;

import com.groupgate.campaign.CampaignStatus;
import com.groupgate.code.CodeStatus;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.MainTableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What a join re-checks inside its own transaction, so a ticket issued before the tenant
 * revoked the code or archived the group admits no one after: the code (a group code's
 * counter, which revoke marks in the same transaction as the code; a live code's item) and
 * the group.
 */
final class Guards {
    private Guards() {
    }

    /**
     * The code the ticket came through: not revoked (a refreshed code's tickets still join);
     * for a personal invite, its campaign: not ended by the tenant.
     */
    static TransactWriteItem code(String table, JoinAttempt a) {
        TenantId tenantId = a.tenantId();
        if (a.campaignId() != null) {
            return check(table, MainTableKeys.campaign(tenantId, a.campaignId()), "#st = :ok", CampaignStatus.ACTIVE.wireName());
        }
        if (a.ticket().liveCode() != null) {
            return check(table, MainTableKeys.liveCode(tenantId, a.ticket().liveCode()), "#st = :ok",
                    LiveCodeStatus.ACTIVE.wireName());
        }
        return check(table, MainTableKeys.codeCounter(tenantId, a.ticket().code()), "#st <> :ok",
                CodeStatus.REVOKED.wireName());
    }

    /** The group exists and is not archived (for a request; a join's count update checks it itself). */
    static TransactWriteItem group(String table, TenantId tenantId, GroupId groupId) {
        return check(table, MainTableKeys.group(tenantId, groupId), "attribute_not_exists(#st) OR #st = :ok",
                GroupStatus.ACTIVE.wireName());
    }

    private static TransactWriteItem check(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key,
                                           String condition, String status) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key)
                .conditionExpression("attribute_exists(pk) AND (" + condition + ")")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":ok", s(status)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }
}
