package com.groupgate.storage.block;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.block.Block;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
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
     * Blocks the group (a block already there is replaced by this one's reason and time);
     * false when there is no such group (nothing written).
     */
    public boolean blockGroup(TenantId tenantId, GroupId groupId, Block block) {
        return block(MainTableKeys.group(tenantId, groupId), block);
    }

    /** Lifts any block of the group; false when there is no such group. */
    public boolean unblockGroup(TenantId tenantId, GroupId groupId) {
        return unblock(MainTableKeys.group(tenantId, groupId));
    }

    /** Blocks the tenant, as {@link #blockGroup}; false when there is no such tenant. */
    public boolean blockTenant(TenantId tenantId, Block block) {
        return block(MainTableKeys.tenant(tenantId), block);
    }

    /** Lifts any block of the tenant; false when there is no such tenant. */
    public boolean unblockTenant(TenantId tenantId) {
        return unblock(MainTableKeys.tenant(tenantId));
    }

    private boolean block(Map<String, AttributeValue> key, Block block) {
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

    private boolean unblock(Map<String, AttributeValue> key) {
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
