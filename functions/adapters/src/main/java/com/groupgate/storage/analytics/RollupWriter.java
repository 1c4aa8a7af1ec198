package com.groupgate.storage.analytics;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.ShardBatch;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.aws.Attr;
import com.groupgate.aws.BatchReads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Writes a shard's counts to AnalyticsTable item by item (see {@link ShardBatch}): each
 * rollup or usage item gets ONE UpdateItem per batch that adds the counts of its records
 * after its watermark for the shard, sets the watermark to the last of them, raises the
 * item's {@code version} and, for rollups, replaces the sketch with the merged one. The
 * update is conditioned on the version read just before, so an item written by another run
 * in between (another shard, a redelivery) is read again rather than overwritten.
 *
 * <p>Items: rollups as in {@link RollupItem}, plus {@code wm#<shard id>} (S, the last
 * sequence number of that shard counted on the item); usage {@code pk=T#<tenant>#USAGE,
 * sk=M#yyyy-MM} ({@link UsageKey}) with {@code scansVerified} and {@code joins} (N, ADDed),
 * {@code version} and the same watermarks; one checkpoint per shard,
 * {@code pk=CHECKPOINT#<stream arn>, sk=SHARD#<shard id>}, with {@code seq} (S, the last
 * sequence number of a batch whose every item is written) and {@code updatedAt} (N).
 */
public final class RollupWriter {
    /**
     * DynamoDB refuses expressions over 4 KB; an update whose expression would be longer than
     * this is split over fewer records (see {@link #fits}). Leaves room for the fixed parts.
     */
    static final int MAX_EXPRESSION_CHARS = 3_800;
    static final String SEQ = "seq";
    static final String WATERMARK_PREFIX = "wm#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public RollupWriter(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * An item as read before its update: its sketch (rollups; null when none), its version
     * (null before its first write) and its watermark for the shard (null: none yet).
     */
    public record ItemState(byte[] sketch, Long version, String watermark) {
        public static final ItemState NONE = new ItemState(null, null, null);
    }

    public static Map<String, AttributeValue> checkpointKey(StreamShard shard) {
        return Map.of("pk", s("CHECKPOINT#" + shard.streamArn()), "sk", s("SHARD#" + shard.shardId()));
    }

    /** The attribute holding an item's watermark for {@code shard}. */
    public static String watermarkAttribute(StreamShard shard) {
        return WATERMARK_PREFIX + shard.shardId();
    }

    /** The last sequence number of a fully written batch of {@code shard}; empty before the first. */
    public Optional<String> checkpoint(StreamShard shard) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(checkpointKey(shard))
                .consistentRead(true)).item();
        return Optional.ofNullable(item == null ? null : Attr.str(item, SEQ));
    }

    /**
     * Moves {@code shard}'s checkpoint from {@code expected} (null: none) to {@code to};
     * false when another run moved it first (then it is already at or past {@code to}'s
     * batch, or will be).
     */
    public boolean advance(StreamShard shard, String expected, String to) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to));
        values.put(":now", n(clock.instant().getEpochSecond()));
        String condition;
        if (expected == null) {
            condition = "attribute_not_exists(pk)";
        } else {
            values.put(":expected", s(expected));
            condition = "#seq = :expected";
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(checkpointKey(shard))
                    .updateExpression("SET #seq = :to, updatedAt = :now").conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#seq", SEQ)).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** The states of rollup items {@code keys} for {@code shard}, read consistently; missing items are NONE. */
    public Map<RollupKey, ItemState> rollupStates(StreamShard shard, Collection<RollupKey> keys) {
        return statesOf(shard, keys, k -> k.pk() + "\n" + k.sk());
    }

    /** The states of usage items {@code keys} for {@code shard}, read consistently; missing items are NONE. */
    public Map<UsageKey, ItemState> usageStates(StreamShard shard, Collection<UsageKey> keys) {
        return statesOf(shard, keys, k -> k.pk() + "\n" + k.sk());
    }

    private <K> Map<K, ItemState> statesOf(StreamShard shard, Collection<K> keys, Function<K, String> id) {
        Map<String, K> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(id.apply(k), k));
        Map<K, ItemState> out = new HashMap<>();
        states(shard, byId.keySet()).forEach((i, state) -> out.put(byId.get(i), state));
        return out;
    }

    /** By "pk\nsk": each item's state, 100 keys a BatchGetItem. */
    private Map<String, ItemState> states(StreamShard shard, Collection<String> ids) {
        Map<String, ItemState> out = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> wanted = new ArrayList<>();
            for (String id : all.subList(from, Math.min(all.size(), from + 100))) {
                int cut = id.indexOf('\n');
                wanted.add(Map.of("pk", s(id.substring(0, cut)), "sk", s(id.substring(cut + 1))));
                out.put(id, ItemState.NONE);
            }
            KeysAndAttributes request = KeysAndAttributes.builder().keys(wanted)
                    .consistentRead(true).projectionExpression("pk, sk, #s, #v, #w")
                    .expressionAttributeNames(Map.of("#s", RollupItem.SCANNERS, "#v", RollupItem.VERSION,
                            "#w", watermarkAttribute(shard))).build();
            for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table, request)) {
                AttributeValue v = item.get(RollupItem.VERSION);
                out.put(Attr.str(item, "pk") + "\n" + Attr.str(item, "sk"), new ItemState(
                        Attr.bytes(item, RollupItem.SCANNERS), v == null ? null : Long.parseLong(v.n()),
                        Attr.str(item, watermarkAttribute(shard))));
            }
        }
        return out;
    }

    /** Whether the update of {@code key} by {@code delta} stays within DynamoDB's expression limit. */
    public static boolean fits(RollupKey key, RollupDelta delta) {
        return rollupUpdate("t", key, delta, ItemState.NONE).updateExpression().length() <= MAX_EXPRESSION_CHARS;
    }

    /**
     * Adds {@code delta} (the records of {@code key} after {@code state}'s watermark, up to
     * {@code through}) and moves the watermark to {@code through}. The item's state after
     * the write, or empty when the item changed since {@code state} was read: nothing was
     * written and the caller reads it again.
     */
    public Optional<ItemState> applyRollup(StreamShard shard, RollupKey key, ItemState state, RollupDelta delta,
                                           String through) {
        Update base = rollupUpdate(table, key, delta, state);
        byte[] sketch = delta.uniqueScannersEstimate() > 0 ? delta.mergeSketchInto(state.sketch()) : state.sketch();
        return apply(shard, base, state, through).map(version -> new ItemState(sketch, version, through));
    }

    /** As {@link #applyRollup}, for a usage item. */
    public Optional<ItemState> applyUsage(StreamShard shard, UsageKey key, ItemState state, UsageDelta delta,
                                          String through) {
        Update base = Update.builder().tableName(table).key(Map.of("pk", s(key.pk()), "sk", s(key.sk())))
                .updateExpression("ADD scansVerified :s, joins :j")
                .expressionAttributeValues(Map.of(":s", n(delta.scansVerified()), ":j", n(delta.joins()))).build();
        return apply(shard, base, state, through).map(version -> new ItemState(null, version, through));
    }

    /**
     * {@code base} (an ADD of counts, perhaps with SETs) plus the watermark and version,
     * conditioned on the version in {@code state}; the new version, or empty if the condition
     * failed.
     */
    private Optional<Long> apply(StreamShard shard, Update base, ItemState state, String through) {
        Map<String, String> names = new HashMap<>(base.expressionAttributeNames());
        Map<String, AttributeValue> values = new HashMap<>(base.expressionAttributeValues());
        names.put("#ver", RollupItem.VERSION);
        names.put("#wm", watermarkAttribute(shard));
        values.put(":one", n(1));
        values.put(":through", s(through));
        // base is "ADD a, b" or "ADD a, b SET c, d" (see rollupUpdate): the version joins the
        // ADDs and the watermark the SETs.
        String expression = base.updateExpression();
        int set = expression.indexOf("SET ");
        String adds = (set < 0 ? expression : expression.substring(0, set)).trim();
        String sets = set < 0 ? "" : expression.substring(set + "SET ".length()).trim() + ", ";
        String update = (adds.isEmpty() ? "ADD " : adds + ", ") + "#ver :one SET " + sets + "#wm = :through";
        String condition;
        if (state.version() == null) {
            condition = "attribute_not_exists(#ver)";
        } else {
            values.put(":ver", n(state.version()));
            condition = "#ver = :ver";
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(base.key()).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
            return Optional.of(state.version() == null ? 1L : state.version() + 1);
        } catch (ConditionalCheckFailedException changed) {
            return Optional.empty();
        }
    }

    static Update rollupUpdate(String table, RollupKey key, RollupDelta delta, ItemState stored) {
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
            values.put(":sk", b(delta.mergeSketchInto(stored.sketch())));
            sets.add("#sk = :sk");
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
}
