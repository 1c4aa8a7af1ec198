package com.groupgate.aggregate;

import com.groupgate.analytics.BatchPlan;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.RollupWriter;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.StreamShard;
import com.groupgate.telemetry.Log;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Counts one shard's batch exactly once: plan against the stored checkpoint, then commit
 * the plan chunk by chunk, each chunk one transaction that also moves the checkpoint (see
 * {@link BatchPlan} and {@link RollupWriter}).
 *
 * <p>A chunk that loses a race (the checkpoint or a sketch changed under it, or another
 * transaction held an item) is not counted; the batch is planned again from the checkpoint
 * as it now stands, which skips whatever another run already counted, up to
 * {@link #MAX_CONFLICTS} times. Any other failure stops the batch at the failed chunk: the
 * result names its first record, Lambda redelivers from there, and the checkpoint makes the
 * redelivery count only what was not counted.
 *
 * <p>Poison records are committed like any other (the checkpoint moves past them), so that
 * they never block the shard. Before their chunk commits they are handed to the
 * {@link PoisonSink} (the on-failure queue), once per invocation; after it commits they
 * are reported in a log line and a metric.
 */
final class ShardAggregator {
    static final int MAX_CONFLICTS = 5;

    private final RollupWriter writer;
    private final PoisonSink poisonSink;

    /** Where poison records go before their chunk commits; a failure there fails the chunk. */
    @FunctionalInterface
    interface PoisonSink {
        void send(StreamShard shard, List<ShardRecord.Poison> poison);
    }

    ShardAggregator(RollupWriter writer, PoisonSink poisonSink) {
        this.writer = writer;
        this.poisonSink = poisonSink;
    }

    /** What happened to a batch: how much was counted, and where to resume if not all. */
    record Result(int counted, int skipped, int poison, int transactions, Optional<String> failedFrom) {
    }

    Result aggregate(StreamShard shard, List<ShardRecord> records) {
        int counted = 0;
        int poison = 0;
        int transactions = 0;
        int skipped = 0;
        int conflicts = 0;
        Set<String> poisonSent = new HashSet<>();
        String resumeAt = records.isEmpty() ? null : records.get(0).sequenceNumber();
        try {
            attempts:
            while (true) {
                String checkpoint = writer.checkpoint(shard).orElse(null);
                BatchPlan plan = BatchPlan.of(records, checkpoint);
                if (conflicts == 0) {
                    skipped = plan.skipped();
                }
                for (BatchPlan.Chunk chunk : chunks(plan.fresh(), checkpoint)) {
                    resumeAt = chunk.firstSequenceNumber();
                    List<ShardRecord.Poison> unsent = chunk.poison().stream()
                            .filter(p -> !poisonSent.contains(p.sequenceNumber())).toList();
                    if (!unsent.isEmpty()) {
                        poisonSink.send(shard, unsent);
                        unsent.forEach(p -> poisonSent.add(p.sequenceNumber()));
                    }
                    Map<RollupKey, RollupWriter.StoredSketch> stored = writer.sketches(RollupWriter.sketchedKeys(chunk));
                    if (!writer.commit(shard, chunk, stored)) {
                        conflicts++;
                        if (conflicts > MAX_CONFLICTS) {
                            Log.error("aggregate.conflicts", Map.of("shard", shard.toString(), "resumeAt", resumeAt,
                                    "conflicts", conflicts));
                            return new Result(counted, skipped, poison, transactions, Optional.of(resumeAt));
                        }
                        backOff(conflicts);
                        continue attempts;
                    }
                    transactions++;
                    counted += chunk.records() - chunk.poison().size();
                    poison += chunk.poison().size();
                    reportPoison(shard, chunk.poison());
                }
                return new Result(counted, skipped, poison, transactions, Optional.empty());
            }
        } catch (SdkException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("shard", shard.toString());
            fields.put("resumeAt", resumeAt);
            fields.put("error", e.getClass().getSimpleName());
            fields.put("message", String.valueOf(e.getMessage()));
            Log.error("aggregate.failed", fields);
            return new Result(counted, skipped, poison, transactions, Optional.ofNullable(resumeAt));
        }
    }

    /**
     * The plan's chunks, with any chunk whose update expressions would exceed DynamoDB's
     * limit (many distinct cities on one busy item) split in halves until each fits; a
     * single record always fits.
     */
    private static List<BatchPlan.Chunk> chunks(List<ShardRecord> fresh, String checkpoint) {
        List<BatchPlan.Chunk> out = new ArrayList<>();
        for (BatchPlan.Chunk chunk : BatchPlan.of(fresh, checkpoint).chunks(BatchPlan.DYNAMODB_MAX_TRANSACTION_ITEMS)) {
            if (chunk.records() == 1 || RollupWriter.fits(chunk)) {
                out.add(chunk);
                continue;
            }
            List<ShardRecord> range = range(fresh, chunk);
            List<ShardRecord> left = range.subList(0, range.size() / 2);
            List<ShardRecord> right = range.subList(range.size() / 2, range.size());
            out.addAll(chunks(left, chunk.expectedCheckpoint()));
            out.addAll(chunks(right, left.get(left.size() - 1).sequenceNumber()));
        }
        return out;
    }

    private static List<ShardRecord> range(List<ShardRecord> fresh, BatchPlan.Chunk chunk) {
        int from = 0;
        while (!fresh.get(from).sequenceNumber().equals(chunk.firstSequenceNumber())) {
            from++;
        }
        return fresh.subList(from, from + chunk.records());
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
    private static void backOff(int conflicts) {
        long maxMillis = 5L << Math.min(conflicts, 5);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis) * 1_000_000L);
    }
}
