package com.groupgate.join;

import static com.groupgate.aws.Attr.s;

import com.groupgate.code.CodeTable;
import com.groupgate.code.GroupCode;
import com.groupgate.group.Group;
import com.groupgate.group.GroupTable;
import com.groupgate.id.Id;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeTable;
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

    /** The code the ticket came through: not revoked (a refreshed code's tickets still join). */
    static TransactWriteItem code(String table, JoinAttempt a) {
        Id tenantId = a.tenantId();
        if (a.ticket().liveCodeId() != null) {
            return check(table, LiveCodeTable.key(tenantId, a.ticket().liveCodeId()), "#st = :ok", LiveCode.ACTIVE);
        }
        return check(table, CodeTable.counterKey(tenantId, a.ticket().codeId()), "#st <> :ok", GroupCode.REVOKED);
    }

    /** The group exists and is not archived (for a request; a join's count update checks it itself). */
    static TransactWriteItem group(String table, Id tenantId, Id groupId) {
        return check(table, GroupTable.key(tenantId, groupId), "attribute_not_exists(#st) OR #st = :ok", Group.ACTIVE);
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
