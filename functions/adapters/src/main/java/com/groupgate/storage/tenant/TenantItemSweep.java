package com.groupgate.storage.tenant;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Finds a tenant's items in one table and deletes them, a page at a time: a Scan reading
 * keys only, filtered to the tenant, then BatchWriteItem deletes of 25. Items keyed by the
 * tenant ({@code T#<tenant>…}) are found by their key; the few kept under other keys are
 * found by what they carry: an API key's lookup ({@code tenantId}), a refusal fact
 * ({@code fact.tenantId}), an expiry reminder (the tenant in its sort key). A join ticket
 * names no tenant and is not found; it expires by TTL an hour after its ticket.
 *
 * <p>The scan reads the whole table once per deletion (0.5 read units per 4 KB read,
 * eventually consistent): a tenant's items are spread over many partitions by design.
 */
public final class TenantItemSweep {
    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;

    public TenantItemSweep(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One page's outcome: how many items went, and where the next page starts (null: the table is done). */
    public record Page(long deleted, TenantDeletionTable.Position next) {
    }

    /**
     * Scans one page of at most {@code limit} items from {@code from} (null: the start)
     * and deletes the tenant's among them.
     */
    public Page sweep(TenantId tenantId, TenantDeletionTable.Position from, int limit) {
        Map<String, String> names = Map.of("#pk", "pk", "#sk", "sk", "#tenant", "tenantId", "#fact", "fact");
        Map<String, AttributeValue> values = Map.of(":prefix", s(MainTableKeys.tenantPartition(tenantId)),
                ":id", s(tenantId.toString()), ":inKey", s("#" + tenantId + "#"));
        ScanResponse page = dynamo.scan(q -> {
            q.tableName(table).limit(limit).projectionExpression("#pk, #sk")
                    .filterExpression("begins_with(#pk, :prefix) OR #tenant = :id OR #fact.#tenant = :id"
                            + " OR contains(#sk, :inKey)")
                    .expressionAttributeNames(names).expressionAttributeValues(values);
            if (from != null) {
                q.exclusiveStartKey(Map.of("pk", s(from.first()), "sk", s(from.second())));
            }
        });
        deleteAll(dynamo, table, page.items());
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        TenantDeletionTable.Position next = last == null || last.isEmpty() ? null
                : new TenantDeletionTable.Position(Attr.str(last, "pk"), Attr.str(last, "sk"));
        return new Page(page.items().size(), next);
    }

    /** Deletes the items of {@code keys} from {@code table}, 25 to a BatchWriteItem, sending unprocessed ones again. */
    public static void deleteAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        for (int i = 0; i < keys.size(); i += BATCH) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Map<String, AttributeValue> key : keys.subList(i, Math.min(keys.size(), i + BATCH))) {
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(new HashMap<>(key)).build())
                        .build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            // Unprocessed deletes (throttling) are sent again; the SDK's retries pace them.
            for (int round = 0; !pending.isEmpty() && round < 10; round++) {
                pause(round);
                Map<String, List<WriteRequest>> send = pending;
                BatchWriteItemResponse answer = dynamo.batchWriteItem(b -> b.requestItems(send));
                pending = answer.hasUnprocessedItems() ? answer.unprocessedItems() : Map.of();
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("deletes left unprocessed after 10 rounds; the next run resumes");
            }
        }
    }

    private static void pause(int round) {
        if (round > 0) {
            try {
                Thread.sleep(50L << Math.min(round, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
