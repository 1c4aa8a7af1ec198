package com.groupgate.auditlog;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.tenant.TenantDeletionTable.Position;
import com.groupgate.storage.tenant.TenantItemSweep;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A deleted tenant's audit log, removed but for its signed checkpoints once one covers the
 * whole log: the head, the entries and the subtree hashes go, a page at a time; the
 * checkpoints ({@code C#<size>}) stay, so the signed statements of what the log held outlive it, as tenants' own copies
 * (the {@code audit.checkpoint} webhook) do.
 */
public final class AuditLogSweep {
    private final DynamoDbClient dynamo;
    private final String table;

    public AuditLogSweep(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Whether a signed checkpoint covers the whole log: its head no longer carries
     * {@code grown} (the hourly run takes it off when it signs the head's size). A deleted
     * tenant's log is removed only then, so its last entries — the deletion's own
     * included — end in a signed statement rather than vanishing unsigned.
     */
    public boolean signedThroughHead(TenantId tenantId) {
        Map<String, AttributeValue> head = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(AuditKeys.head(tenantId.toString())).projectionExpression("#g")
                .expressionAttributeNames(Map.of("#g", CheckpointTable.GROWN))).item();
        return head == null || !head.containsKey(CheckpointTable.GROWN);
    }

    /** One page of at most {@code limit} of the log's items from {@code from} (null: the start). */
    public TenantItemSweep.Page sweep(TenantId tenantId, Position from, int limit) {
        String pk = AuditKeys.pk(tenantId.toString());
        QueryResponse page = dynamo.query(q -> {
            q.tableName(table).limit(limit).consistentRead(true).projectionExpression("pk, sk")
                    .keyConditionExpression("pk = :pk").filterExpression("NOT begins_with(sk, :checkpoint)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":checkpoint", s(AuditKeys.CHECKPOINT_PREFIX)));
            if (from != null) {
                q.exclusiveStartKey(Map.of("pk", s(from.first()), "sk", s(from.second())));
            }
        });
        List<Map<String, AttributeValue>> keys = page.items();
        TenantItemSweep.deleteAll(dynamo, table, keys);
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        Position next = last == null || last.isEmpty() ? null : new Position(Attr.str(last, "pk"), Attr.str(last, "sk"));
        return new TenantItemSweep.Page(keys.size(), next);
    }
}
