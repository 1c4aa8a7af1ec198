package com.groupgate.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to count from one batch of one shard, given the checkpoint stored for that shard.
 *
 * <p>Exactly-once rests on two things. Records at or before the checkpoint are dropped,
 * so a redelivered, retried or overlapping batch counts nothing twice. And the writer
 * commits each {@link Chunk}'s deltas together with the move of the checkpoint to the
 * chunk's end, in one {@code TransactWriteItems} conditioned on the checkpoint still being
 * {@link Chunk#expectedCheckpoint()}; a concurrent or earlier run that got there first
 * makes the condition fail and the chunk is not counted again.
 *
 * <p>Records of a shard arrive in sequence order; the plan refuses a batch that is not
 * strictly increasing rather than guess.
 */
public final class BatchPlan {
    /** DynamoDB's limit on items in one TransactWriteItems. */
    public static final int DYNAMODB_MAX_TRANSACTION_ITEMS = 100;
    /**
     * The smallest transaction that always fits one record: every rollup key of a fact,
     * its usage item, and the checkpoint.
     */
    public static final int MIN_ITEMS_PER_TRANSACTION = RollupKey.MAX_KEYS_PER_FACT + 2;

    private final String storedCheckpoint;
    private final List<ShardRecord> fresh;
    private final int skipped;

    private BatchPlan(String storedCheckpoint, List<ShardRecord> fresh, int skipped) {
        this.storedCheckpoint = storedCheckpoint;
        this.fresh = fresh;
        this.skipped = skipped;
    }

    /**
     * Plans {@code records} (one shard's batch, in sequence order) against the shard's
     * stored {@code checkpoint}, or null when the shard has none yet.
     */
    public static BatchPlan of(List<ShardRecord> records, String checkpoint) {
        Objects.requireNonNull(records, "records");
        if (checkpoint != null) {
            ShardCheckpoint.requireSequenceNumber(checkpoint, "checkpoint");
        }
        List<ShardRecord> fresh = new ArrayList<>(records.size());
        String previous = null;
        for (ShardRecord r : records) {
            Objects.requireNonNull(r, "records must not contain null");
            if (previous != null && !ShardCheckpoint.isAfter(r.sequenceNumber(), previous)) {
                throw new IllegalArgumentException("records must be in strictly increasing sequence order: "
                        + r.sequenceNumber() + " follows " + previous);
            }
            previous = r.sequenceNumber();
            if (ShardCheckpoint.isAfter(r.sequenceNumber(), checkpoint)) {
                fresh.add(r);
            }
        }
        return new BatchPlan(checkpoint, List.copyOf(fresh), records.size() - fresh.size());
    }

    /** The checkpoint the plan was made against. */
    public Optional<String> storedCheckpoint() {
        return Optional.ofNullable(storedCheckpoint);
    }

    /** The records after the checkpoint, in order: the ones to count. */
    public List<ShardRecord> fresh() {
        return fresh;
    }

    /** How many records were at or before the checkpoint and are dropped as already counted. */
    public int skipped() {
        return skipped;
    }

    /** The facts to count. */
    public List<Fact> facts() {
        return factsOf(fresh);
    }

    /** The fresh records that did not decode; the checkpoint moves past them. */
    public List<ShardRecord.Poison> poison() {
        return poisonOf(fresh);
    }

    /** Where the checkpoint stands once the whole plan is committed; empty if nothing is fresh. */
    public Optional<String> newCheckpoint() {
        return fresh.isEmpty() ? Optional.empty() : Optional.of(fresh.get(fresh.size() - 1).sequenceNumber());
    }

    /** The whole batch's rollup deltas, one per distinct item. */
    public Map<RollupKey, RollupDelta> deltas() {
        return BatchCoalescer.coalesce(facts());
    }

    /** The whole batch's usage deltas, one per distinct usage item. */
    public Map<UsageKey, UsageDelta> usage() {
        return BatchCoalescer.usage(facts());
    }

    /**
     * The fresh records split into consecutive ranges whose writes each fit one
     * transaction of at most {@code maxItemsPerTransaction} items: distinct rollup items,
     * plus usage items, plus one for the checkpoint. Ranges are as long as they can be, in
     * order; together they hold every fresh record exactly once. Commit them in order,
     * each with its own checkpoint; a failure after some commits leaves the checkpoint at
     * the last committed chunk, and the retry skips what was counted.
     *
     * @param maxItemsPerTransaction at least {@link #MIN_ITEMS_PER_TRANSACTION}; DynamoDB
     *                               allows {@link #DYNAMODB_MAX_TRANSACTION_ITEMS}
     */
    public List<Chunk> chunks(int maxItemsPerTransaction) {
        if (maxItemsPerTransaction < MIN_ITEMS_PER_TRANSACTION) {
            throw new IllegalArgumentException("maxItemsPerTransaction must be at least "
                    + MIN_ITEMS_PER_TRANSACTION + " so that any one record fits: " + maxItemsPerTransaction);
        }
        int budget = maxItemsPerTransaction - 1; // one item is the checkpoint
        List<Chunk> chunks = new ArrayList<>();
        List<ShardRecord> range = new ArrayList<>();
        Set<Object> items = new HashSet<>();
        String expected = storedCheckpoint;
        for (ShardRecord r : fresh) {
            List<Object> touched = itemsOf(r);
            int added = 0;
            for (Object item : touched) {
                if (!items.contains(item)) {
                    added++;
                }
            }
            if (!range.isEmpty() && items.size() + added > budget) {
                Chunk chunk = Chunk.of(expected, range);
                chunks.add(chunk);
                expected = chunk.endSequenceNumber();
                range = new ArrayList<>();
                items.clear();
            }
            range.add(r);
            items.addAll(touched);
        }
        if (!range.isEmpty()) {
            chunks.add(Chunk.of(expected, range));
        }
        return Collections.unmodifiableList(chunks);
    }

    /** The table items a record writes, besides the checkpoint. */
    private static List<Object> itemsOf(ShardRecord r) {
        List<Object> items = new ArrayList<>(MIN_ITEMS_PER_TRANSACTION);
        if (r instanceof ShardRecord.Decoded d) {
            items.addAll(RollupKey.forFact(d.fact()));
            if (!UsageDelta.of(d.fact()).isZero()) {
                items.add(UsageKey.of(d.fact().tenantId(), d.fact().at()));
            }
        }
        return items;
    }

    private static List<Fact> factsOf(List<ShardRecord> records) {
        List<Fact> facts = new ArrayList<>(records.size());
        for (ShardRecord r : records) {
            if (r instanceof ShardRecord.Decoded d) {
                facts.add(d.fact());
            }
        }
        return facts;
    }

    private static List<ShardRecord.Poison> poisonOf(List<ShardRecord> records) {
        List<ShardRecord.Poison> poison = new ArrayList<>();
        for (ShardRecord r : records) {
            if (r instanceof ShardRecord.Poison p) {
                poison.add(p);
            }
        }
        return List.copyOf(poison);
    }

    /**
     * One transaction's worth of a batch: a consecutive range of records, its coalesced
     * deltas, and the checkpoint move that commits it.
     *
     * @param expectedCheckpoint  the checkpoint the transaction must find (null: none yet)
     * @param firstSequenceNumber the range's first record
     * @param endSequenceNumber   the range's last record: the checkpoint after commit
     * @param records             how many records the range holds, poison included
     * @param rollups             one delta per distinct rollup item of the range
     * @param usage               one delta per usage item the range changes
     * @param poison              the range's records that did not decode
     */
    public record Chunk(
            String expectedCheckpoint,
            String firstSequenceNumber,
            String endSequenceNumber,
            int records,
            Map<RollupKey, RollupDelta> rollups,
            Map<UsageKey, UsageDelta> usage,
            List<ShardRecord.Poison> poison) {

        public Chunk {
            if (expectedCheckpoint != null) {
                ShardCheckpoint.requireSequenceNumber(expectedCheckpoint, "expectedCheckpoint");
            }
            ShardCheckpoint.requireSequenceNumber(firstSequenceNumber, "firstSequenceNumber");
            ShardCheckpoint.requireSequenceNumber(endSequenceNumber, "endSequenceNumber");
            if (records < 1) {
                throw new IllegalArgumentException("records must be at least 1: " + records);
            }
            rollups = Collections.unmodifiableMap(Objects.requireNonNull(rollups, "rollups"));
            usage = Collections.unmodifiableMap(Objects.requireNonNull(usage, "usage"));
            poison = List.copyOf(Objects.requireNonNull(poison, "poison"));
        }

        private static Chunk of(String expectedCheckpoint, List<ShardRecord> range) {
            List<Fact> facts = factsOf(range);
            return new Chunk(expectedCheckpoint, range.get(0).sequenceNumber(),
                    range.get(range.size() - 1).sequenceNumber(), range.size(),
                    BatchCoalescer.coalesce(facts), BatchCoalescer.usage(facts), poisonOf(range));
        }

        /** Items the transaction writes: rollups, usage, and the checkpoint. */
        public int transactionItems() {
            return rollups.size() + usage.size() + 1;
        }
    }
}
