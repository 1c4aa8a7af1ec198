package com.groupgate.storage.join;

import static com.groupgate.aws.Attr.n;

import com.groupgate.aws.Attr;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.id.TicketId;
import com.groupgate.join.PasscodeAttempts;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The passcode budgets of {@link PasscodeAttempts}: per ticket, per client per hour, per
 * group per hour. Each try is claimed with one conditional increment before the passcode is
 * judged, so concurrent guesses cannot have more judged between them than the budget
 * (reading the count first and adding wrong tries afterwards let every guess in flight pass
 * the check). Hourly budgets expire by TTL.
 */
public final class PasscodeTries {
    private final DynamoDbClient dynamo;
    private final String table;

    public PasscodeTries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The ticket's tries used including this one, or empty when it has used all {@code maxTries}. */
    public OptionalInt claimTicketTry(TicketId ticketId, long ticketExpiresAt, int maxTries) {
        return claim(MainTableKeys.ticket(ticketId), maxTries, ticketExpiresAt + 3600);
    }

    /** Claims one of the client's tries this hour; false when its budget is spent. */
    public boolean claimClientTry(String ipHash, Instant at) {
        return claim(MainTableKeys.clientTries(ipHash, PasscodeAttempts.window(at)), PasscodeAttempts.PER_CLIENT_PER_HOUR,
                expiry(at)).isPresent();
    }

    /** Claims one of the group's tries this hour; false when its budget is spent. */
    public boolean claimGroupTry(TenantId tenantId, GroupId groupId, Instant at) {
        return claim(MainTableKeys.groupTries(tenantId, groupId, PasscodeAttempts.window(at)),
                PasscodeAttempts.PER_GROUP_PER_HOUR, expiry(at)).isPresent();
    }

    /** Gives back a client's and a group's claims of a passcode that was right. */
    public void refund(String ipHash, TenantId tenantId, GroupId groupId, Instant at) {
        long window = PasscodeAttempts.window(at);
        if (ipHash != null) {
            giveBack(MainTableKeys.clientTries(ipHash, window));
        }
        giveBack(MainTableKeys.groupTries(tenantId, groupId, window));
    }

    private OptionalInt claim(Map<String, AttributeValue> key, int max, long ttl) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("ADD #tries :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#tries) OR #tries < :max")
                    .expressionAttributeNames(Map.of("#tries", "tries", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max), ":ttl", n(ttl)))
                    .returnValues("UPDATED_NEW")).attributes();
            return OptionalInt.of((int) Attr.num(after, "tries", 0));
        } catch (ConditionalCheckFailedException spent) {
            return OptionalInt.empty();
        }
    }

    private void giveBack(Map<String, AttributeValue> key) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("ADD #tries :minus")
                    .conditionExpression("#tries > :zero")
                    .expressionAttributeNames(Map.of("#tries", "tries"))
                    .expressionAttributeValues(Map.of(":minus", n(-1), ":zero", n(0))));
        } catch (ConditionalCheckFailedException nothingToGiveBack) {
            // Expired with its window meanwhile.
        }
    }

    /** An hourly budget outlives its window by an hour, then expires. */
    private static long expiry(Instant at) {
        return (PasscodeAttempts.window(at) + 2) * 3600;
    }
}
