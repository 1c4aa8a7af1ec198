package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    private static final BigInteger BASE = new BigInteger("49210000000000000000000000000000000000");

    @Test
    void replayingABatchAtOrUnderTheCheckpointCountsNothing() {
        List<ShardRecord> batch = records(BatchCoalescerTest.randomFacts(50, new Random(1)));
        String last = batch.get(batch.size() - 1).sequenceNumber();

        for (String checkpoint : List.of(last, BASE.add(BigInteger.valueOf(10_000)).toString())) {
            BatchPlan replay = BatchPlan.of(batch, checkpoint);
            assertEquals(List.of(), replay.fresh());
            assertEquals(50, replay.skipped());
            assertEquals(Map.of(), replay.deltas());
            assertEquals(Map.of(), replay.usage());
            assertEquals(List.of(), replay.chunks(100));
            assertEquals(Optional.empty(), replay.newCheckpoint());
        }
    }

    @Test
    void anOverlappingBatchCountsOnlyRecordsAfterTheCheckpoint() {
        List<Fact> facts = BatchCoalescerTest.randomFacts(40, new Random(2));
        List<ShardRecord> batch = records(facts);
        BatchPlan plan = BatchPlan.of(batch, batch.get(29).sequenceNumber());

        assertEquals(10, plan.fresh().size());
        assertEquals(30, plan.skipped());
        assertEquals(facts.subList(30, 40), plan.facts());
        assertEquals(Optional.of(batch.get(39).sequenceNumber()), plan.newCheckpoint());
    }

    @Test
    void retryAfterSomeChunksCommittedCountsEachRecordOnce() {
        List<Fact> facts = BatchCoalescerTest.randomFacts(400, new Random(3));
        List<ShardRecord> batch = records(facts);
        List<BatchPlan.Chunk> first = BatchPlan.of(batch, null).chunks(40);
        assertTrue(first.size() > 2, "the test needs several chunks");

        // The first two chunks commit, then the function dies; Lambda redelivers the batch.
        String committed = first.get(1).endSequenceNumber();
        List<BatchPlan.Chunk> retry = BatchPlan.of(batch, committed).chunks(40);

        List<BatchPlan.Chunk> applied = new ArrayList<>(first.subList(0, 2));
        applied.addAll(retry);
        assertEquals(committed, retry.get(0).expectedCheckpoint());
        assertEquals(summary(BatchCoalescer.coalesce(facts)), summary(merged(applied)));
    }

    @Test
    void poisonIsSkippedAndTheCheckpointMovesPastIt() {
        List<ShardRecord> batch = List.of(
                ShardRecord.of("101", Facts.scan().build()),
                ShardRecord.poison("102", "no outcome attribute"),
                ShardRecord.of("103", Facts.join().build()),
                ShardRecord.poison("104", "unknown fact type"));
        BatchPlan plan = BatchPlan.of(batch, "100");

        assertEquals(2, plan.facts().size());
        assertEquals(List.of("102", "104"), plan.poison().stream().map(ShardRecord::sequenceNumber).toList());
        List<BatchPlan.Chunk> chunks = plan.chunks(100);
        assertEquals(1, chunks.size());
        assertEquals("100", chunks.get(0).expectedCheckpoint());
        assertEquals("104", chunks.get(0).endSequenceNumber());
        assertEquals(2, chunks.get(0).poison().size());

        BatchPlan allPoison = BatchPlan.of(List.of(ShardRecord.poison("7", "garbage")), null);
        assertEquals(1, allPoison.chunks(100).get(0).transactionItems()); // just the checkpoint
    }

    @Test
    void badInputsAreRefused() {
        BatchPlan plan = BatchPlan.of(records(List.of(Facts.scan().build())), null);
        assertThrows(IllegalArgumentException.class, () -> plan.chunks(BatchPlan.MIN_ITEMS_PER_TRANSACTION - 1));
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.of(List.of(
                ShardRecord.of("20", Facts.scan().build()), ShardRecord.of("9", Facts.scan().build())), null));
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.of(List.of(), "not-a-number"));
    }

    @Property(tries = 60)
    void chunkingKeepsEachChunkWithinTheLimitAndTheChunksTogetherEqualTheWhole(
            @ForAll @IntRange(min = 0, max = 500) int count,
            @ForAll @IntRange(min = BatchPlan.MIN_ITEMS_PER_TRANSACTION, max = 100) int limit,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<ShardRecord> batch = new ArrayList<>();
        List<ShardRecord> all = records(BatchCoalescerTest.randomFacts(count, random));
        for (ShardRecord r : all) {
            batch.add(random.nextInt(20) == 0 ? ShardRecord.poison(r.sequenceNumber(), "bad") : r);
        }
        String checkpoint = count > 0 && random.nextBoolean()
                ? batch.get(random.nextInt(count)).sequenceNumber() : null;
        BatchPlan plan = BatchPlan.of(batch, checkpoint);

        List<BatchPlan.Chunk> chunks = plan.chunks(limit);

        String expected = checkpoint;
        int records = 0;
        for (BatchPlan.Chunk chunk : chunks) {
            assertTrue(chunk.transactionItems() <= limit, chunk.transactionItems() + " > " + limit);
            assertEquals(expected, chunk.expectedCheckpoint());
            assertEquals(plan.fresh().get(records).sequenceNumber(), chunk.firstSequenceNumber());
            records += chunk.records();
            assertEquals(plan.fresh().get(records - 1).sequenceNumber(), chunk.endSequenceNumber());
            expected = chunk.endSequenceNumber();
        }
        assertEquals(plan.fresh().size(), records);
        assertEquals(plan.newCheckpoint(), Optional.ofNullable(chunks.isEmpty() ? null : expected));
        assertEquals(summary(plan.deltas()), summary(merged(chunks)));
        Map<UsageKey, UsageDelta> usage = new LinkedHashMap<>();
        chunks.forEach(c -> c.usage().forEach((k, v) -> usage.merge(k, v, UsageDelta::plus)));
        assertEquals(plan.usage(), usage);
        assertEquals(plan.poison().size(), chunks.stream().mapToInt(c -> c.poison().size()).sum());
    }

    @Test
    void aBatchNeedingManyItemsSplitsIntoSeveralTransactions() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            facts.add(Facts.scan().code("code" + i).build()); // 2 new items per record
        }
        List<BatchPlan.Chunk> chunks = BatchPlan.of(records(facts), null).chunks(100);
        // 7 shared items (tenant, group and channel at two granularities, and usage) and
        // 2 per code: 46 codes fit in the 99 items beside the checkpoint, so 46+46+46+46+16.
        assertEquals(List.of(46, 46, 46, 46, 16), chunks.stream().map(BatchPlan.Chunk::records).toList());
        assertTrue(chunks.stream().allMatch(c -> c.transactionItems() <= 100));
    }

    static List<ShardRecord> records(List<Fact> facts) {
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            records.add(ShardRecord.of(BASE.add(BigInteger.valueOf(7L * i + 3)).toString(), facts.get(i)));
        }
        return records;
    }

    private static Map<RollupKey, RollupDelta> merged(List<BatchPlan.Chunk> chunks) {
        Map<RollupKey, RollupDelta> all = new LinkedHashMap<>();
        for (BatchPlan.Chunk chunk : chunks) {
            chunk.rollups().forEach((k, v) -> all.computeIfAbsent(k, x -> new RollupDelta()).merge(v));
        }
        return all;
    }

    /** The counts of each delta, comparable with equals. */
    private static Map<RollupKey, List<Object>> summary(Map<RollupKey, RollupDelta> deltas) {
        Map<RollupKey, List<Object>> out = new LinkedHashMap<>();
        deltas.forEach((k, d) -> out.put(k, List.of(d.scans(), d.accepted(), d.joins(), Map.copyOf(d.refused()),
                Map.copyOf(d.byCountry()), Map.copyOf(d.byHourOfDay()), d.uniqueScannersEstimate())));
        return out;
    }
}
