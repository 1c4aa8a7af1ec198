package com.groupgate.storage.batch;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.batch.BatchStatus;
import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Batches in MainTable: the batch ({@link MainTableKeys#batch}) with its status and
 * progress, and, when the upload carried an {@code Idempotency-Key}, the key's item
 * ({@link MainTableKeys#batchIdempotency}) naming the batch it made, written in one
 * transaction so that a key names at most one batch. Both expire with the batch's files
 * ({@link #KEEP}).
 */
public final class BatchTable {
    /** How long a batch, its key and its files are kept: the ZIP is downloaded within days. */
    public static final Duration KEEP = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;

    public BatchTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Stores a new queued batch; with {@code idempotencyKeyHash}, only if the key names no
     * batch yet. Empty when stored; the batch the key already names otherwise.
     */
    public Optional<Batch> create(Batch batch, String idempotencyKeyHash) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.batch(batch.tenantId(), batch.batchId()));
        item.put("tenantId", s(batch.tenantId().toString()));
        item.put("batchId", s(batch.batchId().toString()));
        item.put("status", s(batch.status().wireName()));
        item.put("done", n(batch.done()));
        item.put("total", n(batch.total()));
        item.put("createdAt", n(batch.createdAt()));
        item.put("bodySha256", s(batch.bodySha256()));
        item.put("ttl", n(batch.createdAt() + KEEP.toSeconds()));
        TransactWriteItem putBatch = TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        if (idempotencyKeyHash == null) {
            dynamo.transactWriteItems(t -> t.transactItems(putBatch));
            return Optional.empty();
        }
        Map<String, AttributeValue> key = new HashMap<>(MainTableKeys.batchIdempotency(batch.tenantId(),
                idempotencyKeyHash));
        key.put("tenantId", s(batch.tenantId().toString()));
        key.put("batchId", s(batch.batchId().toString()));
        key.put("ttl", n(batch.createdAt() + KEEP.toSeconds()));
        TransactWriteItem putKey = TransactWriteItem.builder().put(Put.builder().tableName(table).item(key)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        try {
            dynamo.transactWriteItems(t -> t.transactItems(putBatch, putKey));
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            Optional<Batch> earlier = findByKey(batch.tenantId(), idempotencyKeyHash);
            if (earlier.isEmpty()) {
                throw e;
            }
            return earlier;
        }
    }

    /** The batch an Idempotency-Key (by its hash) made, if any. */
    public Optional<Batch> findByKey(TenantId tenantId, String idempotencyKeyHash) {
        Map<String, AttributeValue> found = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.batchIdempotency(tenantId, idempotencyKeyHash))).item();
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        return find(tenantId, StoredValues.id(found, "batchId", BatchId::parse));
    }

    /** The batch as stored (a consistent read). */
    public Optional<Batch> find(TenantId tenantId, BatchId batchId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.batch(tenantId, batchId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Marks a queued (or, after a crash, running) batch running; false when it is done or failed. */
    public boolean start(TenantId tenantId, BatchId batchId) {
        return set(tenantId, batchId, "SET #st = :running", "#st IN (:queued, :running)",
                Map.of(":running", s(BatchStatus.RUNNING.wireName()), ":queued", s(BatchStatus.QUEUED.wireName())));
    }

    /** Raises {@code done} to {@code done}; a lower value (a resumed run going over issued rows) changes nothing. */
    public void progress(TenantId tenantId, BatchId batchId, int done) {
        set(tenantId, batchId, "SET done = :done", "done < :done AND #st = :running",
                Map.of(":done", n(done), ":running", s(BatchStatus.RUNNING.wireName())));
    }

    /** Done: every row issued, the ZIP stored at {@code zipKey}. */
    public void finish(TenantId tenantId, BatchId batchId, int total, String zipKey) {
        set(tenantId, batchId, "SET #st = :done, done = :total, zipKey = :zip", "#st = :running",
                Map.of(":done", s(BatchStatus.DONE.wireName()), ":total", n(total), ":zip", s(zipKey),
                        ":running", s(BatchStatus.RUNNING.wireName())));
    }

    /** Failed for good, with the reason a tenant sees. */
    public void fail(TenantId tenantId, BatchId batchId, String error) {
        set(tenantId, batchId, "SET #st = :failed, #err = :error", "#st IN (:queued, :running)",
                Map.of(":failed", s(BatchStatus.FAILED.wireName()), ":error", s(error),
                        ":queued", s(BatchStatus.QUEUED.wireName()), ":running", s(BatchStatus.RUNNING.wireName())));
    }

    private boolean set(TenantId tenantId, BatchId batchId, String update, String condition, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>(Map.of("#st", "status"));
        if (update.contains("#err")) {
            names.put("#err", "error");
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.batch(tenantId, batchId))
                    .updateExpression(update).conditionExpression("attribute_exists(pk) AND " + condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Batch fromItem(Map<String, AttributeValue> item) {
        return new Batch(StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, "batchId", BatchId::parse),
                StoredValues.oneOf("status", Attr.str(item, "status"), BatchStatus.values(), BatchStatus::wireName),
                (int) Attr.num(item, "done", 0), (int) Attr.num(item, "total", 0), Attr.num(item, "createdAt", 0),
                Attr.str(item, "bodySha256"), Attr.str(item, "zipKey"), Attr.str(item, "error"));
    }
}
