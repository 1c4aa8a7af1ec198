package com.groupgate.aggregate;

import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.ShardBatch;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageKey;
import com.groupgate.storage.analytics.RollupWriter;
import com.groupgate.storage.analytics.RollupWriter.ItemState;
import com.groupgate.telemetry.Log;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Counts one shard's batch exactly once (see {@link ShardBatch}): drop what the shard's
 * checkpoint says is done, read every touched item's version and watermark, write each item
 * once with its records after its watermark, then move the checkpoint.
 *
 * <p>An item that changed between its read and its write (another shard or run wrote it)
 * is read again and its write recomputed, up to {@link #MAX_CONFLICTS} rounds. Any other
 * failure stops the batch: the result names the first record touching an item not yet
 * written; every record before it is counted on all its items, and Lambda's redelivery
 * from there adds to each item only what its watermark has not seen.
 *
 * <p>Poison records are handed to the {@link PoisonSink} (the on-failure queue) before any
 * item is written, then reported in a log line and a metric once the batch is done; the
 * checkpoint moves past them, so they never block the shard.
 */
final class ShardAggregator {
    static final int MAX_CONFLICTS = 5;

    private final RollupWriter writer;
    private final PoisonSink poisonSink;

    /** Where poison records go before the batch's items are written; a failure there fails the batch. */
    @FunctionalInterface
    interface PoisonSink {
        void send(StreamShard shard, List<ShardRecord.Poison> poison);
    }

    ShardAggregator(RollupWriter writer, PoisonSink poisonSink) {
        this.writer = writer;
        this.poisonSink = poisonSink;
    }

    /** What happened to a batch: how much was counted, and where to resume if not all. */
    record Result(int counted, int skipped, int poison, int writes, Optional<String> failedFrom) {
    }

    Result aggregate(StreamShard shard, List<ShardRecord> records) {
        String checkpoint;
        ShardBatch batch;
        try {
            checkpoint = writer.checkpoint(shard).orElse(null);
        } catch (SdkException e) {
            failed(shard, e, records.isEmpty() ? null : records.get(0).sequenceNumber());
            return new Result(0, 0, 0, 0, records.stream().findFirst().map(ShardRecord::sequenceNumber));
        }
        batch = ShardBatch.of(records, checkpoint);
        if (batch.fresh().isEmpty()) {
            return new Result(0, batch.skipped(), 0, 0, Optional.empty());
        }
        Set<RollupKey> rollups = new LinkedHashSet<>(batch.rollupKeys());
        Set<UsageKey> usage = new LinkedHashSet<>(batch.usageKeys());
        Writes writes = new Writes();
        try {
            if (!batch.poison().isEmpty()) {
                poisonSink.send(shard, batch.poison());
            }
            for (int round = 0; !rollups.isEmpty() || !usage.isEmpty(); round++) {
                if (round > MAX_CONFLICTS) {
                    String resumeAt = batch.firstTouching(rollups, usage).orElseThrow();
                    Log.error("aggregate.conflicts", Map.of("shard", shard.toString(), "resumeAt", resumeAt,
                            "items", rollups.size() + usage.size()));
                    return new Result(0, batch.skipped(), 0, writes.count, Optional.of(resumeAt));
                }
                if (round > 0) {
                    backOff(round);
                }
                // In the order the records first touch the items (usage, touched by nearly every
                // record, first), so that a failure leaves a resume point as late as it can be.
                writeUsage(shard, batch, usage, writes);
                writeRollups(shard, batch, rollups, writes);
            }
        } catch (SdkException e) {
            String resumeAt = batch.firstTouching(rollups, usage).orElse(batch.fresh().get(0).sequenceNumber());
            failed(shard, e, resumeAt);
            return new Result(0, batch.skipped(), 0, writes.count, Optional.of(resumeAt));
        }
        try {
            writer.advance(shard, checkpoint, batch.lastSequenceNumber().orElseThrow());
        } catch (SdkException e) {
            // Every item is written; a redelivery would find nothing to add. Only a lost shortcut.
            Log.error("aggregate.checkpoint_not_moved", Map.of("shard", shard.toString(),
                    "error", e.getClass().getSimpleName()));
        }
        reportPoison(shard, batch.poison());
        return new Result(batch.facts(), batch.skipped(), batch.poison().size(), writes.count, Optional.empty());
    }

    private static final class Writes {
        int count;
    }

    /** Writes every rollup item of {@code pending} it can; those written leave the set. */
    private void writeRollups(StreamShard shard, ShardBatch batch, Set<RollupKey> pending, Writes writes) {
        Map<RollupKey, ItemState> states = writer.rollupStates(shard, pending);
        for (Iterator<RollupKey> it = pending.iterator(); it.hasNext(); ) {
            RollupKey key = it.next();
            ItemState state = states.get(key);
            List<ShardRecord.Decoded> left = batch.after(key, state.watermark());
            while (!left.isEmpty()) {
                int n = left.size();
                RollupDelta delta = ShardBatch.rollupDelta(key, left);
                while (n > 1 && !RollupWriter.fits(key, delta)) { // many distinct cities on one busy item
                    n /= 2;
                    delta = ShardBatch.rollupDelta(key, left.subList(0, n));
                }
                Optional<ItemState> next = writer.applyRollup(shard, key, state, delta,
                        left.get(n - 1).sequenceNumber());
                if (next.isEmpty()) {
                    break; // changed under us: read again next round
                }
                writes.count++;
                state = next.get();
                left = left.subList(n, left.size());
            }
            if (left.isEmpty()) {
                it.remove();
            }
        }
    }

    private void writeUsage(StreamShard shard, ShardBatch batch, Set<UsageKey> pending, Writes writes) {
        Map<UsageKey, ItemState> states = writer.usageStates(shard, pending);
        for (Iterator<UsageKey> it = pending.iterator(); it.hasNext(); ) {
            UsageKey key = it.next();
            List<ShardRecord.Decoded> left = batch.after(key, states.get(key).watermark());
            if (left.isEmpty() || writer.applyUsage(shard, key, states.get(key), ShardBatch.usageDelta(left),
                    left.get(left.size() - 1).sequenceNumber()).isPresent()) {
                writes.count += left.isEmpty() ? 0 : 1;
                it.remove();
            }
        }
    }

    private static void failed(StreamShard shard, SdkException e, String resumeAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shard", shard.toString());
        fields.put("resumeAt", resumeAt);
        fields.put("error", e.getClass().getSimpleName());
        fields.put("message", String.valueOf(e.getMessage()));
        Log.error("aggregate.failed", fields);
    }

    private static void reportPoison(StreamShard shard, List<ShardRecord.Poison> poison) {
        for (ShardRecord.Poison p : poison) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("shard", shard.toString());
            fields.put("sequenceNumber", p.sequenceNumber());
            fields.put("reason", p.reason());
            Log.error("aggregate.poison", fields);
        }
        if (!poison.isEmpty()) {
            Log.count("PoisonRecords", "Function", "aggregate", poison.size());
        }
    }

    /** Spreads retries of racing shards apart: a few milliseconds, growing, jittered. */
    private static void backOff(int round) {
        long maxMillis = 5L << Math.min(round, 5);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis) * 1_000_000L);
    }
}
