package com.groupgate.block;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An operator's block, kept on the item it blocks (a group item, or the tenant item) as
 * {@code blockReason} and {@code blockedAt} (epoch milliseconds): the scan path already
 * reads those items into its caches, so a block costs a scan no extra read. This is the
 * one place those attributes are written and read.
 */
public final class BlockTable {
    public static final String REASON = "blockReason";
    static final String AT = "blockedAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public BlockTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Blocks the item at {@code key} (a block already there is replaced by this one's
     * reason and time); false when there is no such item (nothing written).
     */
    public boolean block(Map<String, AttributeValue> key, Block block) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("SET #reason = :reason, #at = :at")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#reason", REASON, "#at", AT))
                    .expressionAttributeValues(Map.of(":reason", s(block.reason()),
                            ":at", n(block.blockedAt().toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Lifts any block of the item at {@code key}; false when there is no such item. */
    public boolean unblock(Map<String, AttributeValue> key) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression("REMOVE #reason, #at")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#reason", REASON, "#at", AT)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The block an item carries, or null. */
    public static Block from(Map<String, AttributeValue> item) {
        String reason = Attr.str(item, REASON);
        if (reason == null) {
            return null;
        }
        return new Block(reason, Instant.ofEpochMilli(Attr.num(item, AT, 0)));
    }

    /** The attributes a reader that projects must ask for to see a block. */
    public static final String PROJECTION = REASON + ", " + AT;
}
