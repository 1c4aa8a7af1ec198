package com.groupgate.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One shard's batch as the aggregate counts it: the records after the shard's checkpoint,
 * in sequence order, and for each rollup and usage item they touch, the records that
 * touch it.
 *
 * <p><b>Exactly once, item by item.</b> Every item remembers, per shard, the sequence
 * number of the last record it has counted (its watermark). An item's update adds only
 * its records after that watermark and moves the watermark to the last of them, under a
 * condition that the item is still as it was read. Lambda hands a shard's records over in
 * order and redelivers from the first record reported failed, so whatever part of a batch
 * reached an item before a failure, a redelivered, overlapping or retried batch adds to it
 * exactly what it has not counted. Items are written one by one, so a batch touching a
 * thousand items costs a thousand writes and no more: writes grow with distinct items,
 * never with records, and no transaction limit cuts a batch into pieces that rewrite the
 * same busy items.
 *
 * <p>The shard's checkpoint moves only after every item of a batch is written; records at
 * or before it are dropped here without reading any item. It saves work and keeps a
 * poison record from being reported twice; correctness does not depend on it.
 */
public final class ShardBatch {
    private final List<ShardRecord> fresh;
    private final int skipped;
    private final Map<RollupKey, List<ShardRecord.Decoded>> rollups = new LinkedHashMap<>();
    private final Map<UsageKey, List<ShardRecord.Decoded>> usage = new LinkedHashMap<>();

    private ShardBatch(List<ShardRecord> fresh, int skipped) {
        this.fresh = fresh;
        this.skipped = skipped;
        for (ShardRecord r : fresh) {
            if (r instanceof ShardRecord.Decoded d) {
                for (RollupKey key : RollupKey.forFact(d.fact())) {
                    rollups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
                }
                if (!UsageDelta.of(d.fact()).isZero()) {
                    usage.computeIfAbsent(UsageKey.of(d.fact().tenantId(), d.fact().at()), k -> new ArrayList<>())
                            .add(d);
                }
            }
        }
    }

    /**
     * {@code records} (one shard's batch) without those at or before the shard's
     * {@code checkpoint} (null: none yet), in sequence order. Lambda hands a shard's records
     * over in order the first time; a retry may not (AWS says so of tumbling windows), and
     * records of one shard compare by sequence number, so they are put back in order and a
     * record delivered twice in one batch counts once.
     */
    public static ShardBatch of(List<ShardRecord> records, String checkpoint) {
        Objects.requireNonNull(records, "records");
        if (checkpoint != null) {
            ShardCheckpoint.requireSequenceNumber(checkpoint, "checkpoint");
        }
        List<ShardRecord> sorted = new ArrayList<>(records.size());
        for (ShardRecord r : records) {
            sorted.add(Objects.requireNonNull(r, "records must not contain null"));
        }
        sorted.sort((x, y) -> ShardCheckpoint.compare(x.sequenceNumber(), y.sequenceNumber()));
        List<ShardRecord> fresh = new ArrayList<>(sorted.size());
        String previous = null;
        for (ShardRecord r : sorted) {
            boolean repeated = previous != null && ShardCheckpoint.compare(r.sequenceNumber(), previous) == 0;
            previous = r.sequenceNumber();
            if (!repeated && ShardCheckpoint.isAfter(r.sequenceNumber(), checkpoint)) {
                fresh.add(r);
            }
        }
        return new ShardBatch(List.copyOf(fresh), records.size() - fresh.size());
    }

    /** The records after the checkpoint, in order. */
    public List<ShardRecord> fresh() {
        return fresh;
    }

    /** How many records were at or before the checkpoint. */
    public int skipped() {
        return skipped;
    }

    /** The fresh records that decoded into facts. */
    public int facts() {
        return (int) fresh.stream().filter(r -> r instanceof ShardRecord.Decoded).count();
    }

    /** The fresh records that did not decode. */
    public List<ShardRecord.Poison> poison() {
        List<ShardRecord.Poison> poison = new ArrayList<>();
        for (ShardRecord r : fresh) {
            if (r instanceof ShardRecord.Poison p) {
                poison.add(p);
            }
        }
        return List.copyOf(poison);
    }

    /** The last fresh record: where the checkpoint moves once every item is written. */
    public Optional<String> lastSequenceNumber() {
        return fresh.isEmpty() ? Optional.empty() : Optional.of(fresh.get(fresh.size() - 1).sequenceNumber());
    }

    /** The rollup items the fresh facts count toward, in first-touched order. */
    public Set<RollupKey> rollupKeys() {
        return Collections.unmodifiableSet(rollups.keySet());
    }

    /** The usage items the fresh facts change. */
    public Set<UsageKey> usageKeys() {
        return Collections.unmodifiableSet(usage.keySet());
    }

    /** The records of rollup item {@code key} after its {@code watermark} (null: all), in order. */
    public List<ShardRecord.Decoded> after(RollupKey key, String watermark) {
        return after(rollups.getOrDefault(key, List.of()), watermark);
    }

    /** The records of usage item {@code key} after its {@code watermark} (null: all), in order. */
    public List<ShardRecord.Decoded> after(UsageKey key, String watermark) {
        return after(usage.getOrDefault(key, List.of()), watermark);
    }

    /**
     * The first fresh record that touches any of {@code rollupKeys} or {@code usageKeys}:
     * where a redelivery must start when those items are not all written. Every record
     * before it touches only items that are.
     */
    public Optional<String> firstTouching(Set<RollupKey> rollupKeys, Set<UsageKey> usageKeys) {
        String first = null;
        for (RollupKey k : rollupKeys) {
            first = earlier(first, rollups.get(k));
        }
        for (UsageKey k : usageKeys) {
            first = earlier(first, usage.get(k));
        }
        return Optional.ofNullable(first);
    }

    /** What {@code records} add to rollup item {@code key}. */
    public static RollupDelta rollupDelta(RollupKey key, List<ShardRecord.Decoded> records) {
        RollupDelta delta = new RollupDelta();
        for (ShardRecord.Decoded r : records) {
            if (!RollupKey.forFact(r.fact()).contains(key)) {
                throw new IllegalArgumentException("record " + r.sequenceNumber() + " does not count toward " + key);
            }
            delta.add(r.fact());
        }
        return delta;
    }

    /** What {@code records} add to their usage item. */
    public static UsageDelta usageDelta(List<ShardRecord.Decoded> records) {
        UsageDelta delta = UsageDelta.ZERO;
        for (ShardRecord.Decoded r : records) {
            delta = delta.plus(UsageDelta.of(r.fact()));
        }
        return delta;
    }

    private static List<ShardRecord.Decoded> after(List<ShardRecord.Decoded> records, String watermark) {
        if (watermark == null) {
            return records;
        }
        int i = 0;
        while (i < records.size() && !ShardCheckpoint.isAfter(records.get(i).sequenceNumber(), watermark)) {
            i++;
        }
        return records.subList(i, records.size());
    }

    private static String earlier(String first, List<ShardRecord.Decoded> records) {
        if (records == null || records.isEmpty()) {
            return first;
        }
        String seq = records.get(0).sequenceNumber();
        return first == null || ShardCheckpoint.compare(seq, first) < 0 ? seq : first;
    }
}
