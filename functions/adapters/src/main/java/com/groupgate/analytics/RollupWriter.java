package com.groupgate.analytics;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Commits {@link BatchPlan.Chunk}s to AnalyticsTable: each chunk is ONE TransactWriteItems
 * holding the move of the shard's checkpoint, one Update per rollup item and one per usage
 * item. The checkpoint update is conditioned on the checkpoint still being the chunk's
 * expected one, so a chunk commits at most once however often its records are delivered;
 * items whose sketch changes are conditioned on the {@code version} read just before.
 *
 * <p>Items: one checkpoint per shard, {@code pk=CHECKPOINT#<stream arn>, sk=SHARD#<shard id>},
 * with {@code seq} (S, the shard's last counted sequence number) and {@code updatedAt} (N,
 * epoch seconds); usage {@code pk=T#<tenant>#USAGE, sk=M#yyyy-MM} ({@link UsageKey}) with
 * {@code scansVerified} and {@code joins} (N, ADDed); rollups as in {@link RollupItem}.
 */
public final class RollupWriter {
    /**
     * DynamoDB refuses expressions over 4 KB; a chunk whose largest update would be longer
     * than this must be split (see {@link #fits}). Leaves room for the fixed parts.
     */
    static final int MAX_EXPRESSION_CHARS = 3_800;
    static final String SEQ = "seq";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public RollupWriter(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** A stored sketch and the version it was read at; version null when the item has none. */
    public record StoredSketch(byte[] bytes, Long version) {
        public static final StoredSketch NONE = new StoredSketch(null, null);
    }

    public static Map<String, AttributeValue> checkpointKey(StreamShard shard) {
        return Map.of("pk", s("CHECKPOINT#" + shard.streamArn()), "sk", s("SHARD#" + shard.shardId()));
    }

    /** The last sequence number counted for {@code shard}; empty before the first commit. */
    public Optional<String> checkpoint(StreamShard shard) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(checkpointKey(shard))
                .consistentRead(true)).item();
        return Optional.ofNullable(item == null ? null : Attr.str(item, SEQ));
    }

    /** The rollup items of {@code chunk} whose sketch changes: read before, written back merged. */
    public static List<RollupKey> sketchedKeys(BatchPlan.Chunk chunk) {
        List<RollupKey> keys = new ArrayList<>();
        chunk.rollups().forEach((k, d) -> {
            if (d.uniqueScannersEstimate() > 0) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** The stored sketches of {@code keys} (at most 100), read consistently; missing items map to NONE. */
    public Map<RollupKey, StoredSketch> sketches(Collection<RollupKey> keys) {
        Map<RollupKey, StoredSketch> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, RollupKey> byId = new HashMap<>();
        List<Map<String, AttributeValue>> wanted = new ArrayList<>();
        for (RollupKey k : keys) {
            byId.put(k.pk() + "\n" + k.sk(), k);
            wanted.add(Map.of("pk", s(k.pk()), "sk", s(k.sk())));
            out.put(k, StoredSketch.NONE);
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(wanted)
                .consistentRead(true).projectionExpression("pk, sk, #s, #v")
                .expressionAttributeNames(Map.of("#s", RollupItem.SCANNERS, "#v", RollupItem.VERSION)).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse got = dynamo.batchGetItem(r -> r.requestItems(ask));
            for (Map<String, AttributeValue> item : got.responses().getOrDefault(table, List.of())) {
                RollupKey k = byId.get(Attr.str(item, "pk") + "\n" + Attr.str(item, "sk"));
                AttributeValue v = item.get(RollupItem.VERSION);
                out.put(k, new StoredSketch(Attr.bytes(item, RollupItem.SCANNERS),
                        v == null ? null : Long.parseLong(v.n())));
            }
            request = got.hasUnprocessedKeys() ? got.unprocessedKeys() : Map.of();
        }
        return out;
    }

    /** Whether every update of {@code chunk} stays within DynamoDB's expression limit. */
    public static boolean fits(BatchPlan.Chunk chunk) {
        for (Map.Entry<RollupKey, RollupDelta> e : chunk.rollups().entrySet()) {
            if (rollupUpdate("t", e.getKey(), e.getValue(), StoredSketch.NONE).updateExpression().length()
                    > MAX_EXPRESSION_CHARS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Commits {@code chunk} of {@code shard}, with sketches merged into
     * {@code stored} (from {@link #sketches}); false when a condition failed or the
     * transaction conflicted — the checkpoint moved, a sketch changed, or another
     * transaction held an item — so nothing was written and the caller re-reads and retries.
     */
    public boolean commit(StreamShard shard, BatchPlan.Chunk chunk, Map<RollupKey, StoredSketch> stored) {
        List<TransactWriteItem> items = new ArrayList<>(chunk.transactionItems());
        items.add(TransactWriteItem.builder().update(checkpointMove(shard, chunk)).build());
        chunk.rollups().forEach((key, delta) -> items.add(TransactWriteItem.builder()
                .update(rollupUpdate(table, key, delta, stored.getOrDefault(key, StoredSketch.NONE))).build()));
        chunk.usage().forEach((key, delta) -> items.add(TransactWriteItem.builder()
                .update(usageUpdate(key, delta)).build()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items));
            return true;
        } catch (TransactionCanceledException cancelled) {
            return false;
        }
    }

    private Update checkpointMove(StreamShard shard, BatchPlan.Chunk chunk) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":end", s(chunk.endSequenceNumber()));
        values.put(":now", n(clock.instant().getEpochSecond()));
        Update.Builder update = Update.builder().tableName(table).key(checkpointKey(shard))
                .updateExpression("SET #seq = :end, updatedAt = :now");
        if (chunk.expectedCheckpoint() == null) {
            update.conditionExpression("attribute_not_exists(pk)");
        } else {
            values.put(":expected", s(chunk.expectedCheckpoint()));
            update.conditionExpression("#seq = :expected");
        }
        return update.expressionAttributeNames(Map.of("#seq", SEQ)).expressionAttributeValues(values).build();
    }

    static Update rollupUpdate(String table, RollupKey key, RollupDelta delta, StoredSketch stored) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<Long, String> valueNames = new HashMap<>();
        List<String> adds = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        RollupItem.additions(delta).forEach((name, count) -> {
            String nameRef = "#a" + names.size();
            names.put(nameRef, name);
            String valueRef = valueNames.computeIfAbsent(count, c -> ":n" + c);
            values.put(valueRef, n(count));
            adds.add(nameRef + " " + valueRef);
        });
        if (RollupItem.indexed(key.dimension())) {
            names.put("#gp", RollupItem.GSI_PK);
            names.put("#gs", RollupItem.GSI_SK);
            values.put(":gp", s(RollupItem.indexPartition(key.tenantId(), key.dimension())));
            values.put(":gs", s(RollupItem.indexSort(key)));
            sets.add("#gp = :gp");
            sets.add("#gs = :gs");
        }
        Update.Builder update = Update.builder().tableName(table).key(Map.of("pk", s(key.pk()), "sk", s(key.sk())));
        if (delta.uniqueScannersEstimate() > 0) {
            names.put("#sk", RollupItem.SCANNERS);
            names.put("#ver", RollupItem.VERSION);
            values.put(":sk", b(delta.mergeSketchInto(stored.bytes())));
            values.put(":one", n(1));
            sets.add("#sk = :sk");
            adds.add("#ver :one");
            if (stored.version() == null) {
                update.conditionExpression("attribute_not_exists(#ver)");
            } else {
                values.put(":ver", n(stored.version()));
                update.conditionExpression("#ver = :ver");
            }
        }
        StringBuilder expression = new StringBuilder();
        if (!adds.isEmpty()) {
            expression.append("ADD ").append(String.join(", ", adds));
        }
        if (!sets.isEmpty()) {
            expression.append(expression.length() > 0 ? " " : "").append("SET ").append(String.join(", ", sets));
        }
        return update.updateExpression(expression.toString()).expressionAttributeNames(names)
                .expressionAttributeValues(values).build();
    }

    private Update usageUpdate(UsageKey key, UsageDelta delta) {
        return Update.builder().tableName(table).key(Map.of("pk", s(key.pk()), "sk", s(key.sk())))
                .updateExpression("ADD scansVerified :s, joins :j")
                .expressionAttributeValues(Map.of(":s", n(delta.scansVerified()), ":j", n(delta.joins()))).build();
    }
}
