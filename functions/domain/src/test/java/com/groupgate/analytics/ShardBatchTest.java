package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShardBatchTest {
    private static final BigInteger BASE = new BigInteger("49210000000000000000000000000000000000");

    @Test
    void replayingABatchAtOrUnderTheCheckpointCountsNothing() {
        List<ShardRecord> batch = records(BatchCoalescerTest.randomFacts(50, new Random(1)));
        String last = batch.get(batch.size() - 1).sequenceNumber();
        for (String checkpoint : List.of(last, BASE.add(BigInteger.valueOf(10_000)).toString())) {
            ShardBatch replay = ShardBatch.of(batch, checkpoint);
            assertEquals(List.of(), replay.fresh());
            assertEquals(50, replay.skipped());
            assertEquals(Set.of(), replay.rollupKeys());
            assertEquals(Set.of(), replay.usageKeys());
            assertEquals(Optional.empty(), replay.lastSequenceNumber());
        }
    }

    @Test
    void anOverlappingBatchHoldsOnlyRecordsAfterTheCheckpoint() {
        List<ShardRecord> batch = records(BatchCoalescerTest.randomFacts(40, new Random(2)));
        ShardBatch plan = ShardBatch.of(batch, batch.get(29).sequenceNumber());
        assertEquals(batch.subList(30, 40), plan.fresh());
        assertEquals(30, plan.skipped());
        assertEquals(10, plan.facts());
        assertEquals(Optional.of(batch.get(39).sequenceNumber()), plan.lastSequenceNumber());
    }

    @Test
    void recordsRedeliveredOutOfOrderAreCountedInSequenceOrderAndOnce() {
        List<ShardRecord> inOrder = records(BatchCoalescerTest.randomFacts(30, new Random(3)));
        List<ShardRecord> shuffled = new ArrayList<>(inOrder);
        java.util.Collections.shuffle(shuffled, new Random(4));
        shuffled.add(inOrder.get(7)); // delivered twice in one batch
        ShardBatch plan = ShardBatch.of(shuffled, inOrder.get(4).sequenceNumber());
        assertEquals(inOrder.subList(5, 30), plan.fresh());
        assertEquals(6, plan.skipped(), "five at or before the checkpoint, one repeated");
        assertEquals(Optional.of(inOrder.get(29).sequenceNumber()), plan.lastSequenceNumber());
    }

    @Test
    void poisonIsHeldApartAndCountsTowardNoItem() {
        List<ShardRecord> batch = new ArrayList<>(records(BatchCoalescerTest.randomFacts(5, new Random(4))));
        batch.add(ShardRecord.poison(BASE.add(BigInteger.valueOf(1_000)).toString(), "bad"));
        ShardBatch plan = ShardBatch.of(batch, null);
        assertEquals(1, plan.poison().size());
        assertEquals(5, plan.facts());
        assertEquals(Optional.of(batch.get(5).sequenceNumber()), plan.lastSequenceNumber());
    }

    /**
     * Whatever part of a batch each item has already counted (any watermark per item), what
     * is left after the watermark plus what came before adds up to the whole batch's delta
     * for that item: a retry neither loses nor repeats a record on any item.
     */
    @Property(tries = 60)
    void everyItemCountsEachOfItsRecordsExactlyOnceWhateverItsWatermark(
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
        Random random = new Random(seed);
        List<Fact> facts = BatchCoalescerTest.randomFacts(n, random);
        ShardBatch plan = ShardBatch.of(records(facts), null);
        Map<RollupKey, RollupDelta> whole = BatchCoalescer.coalesce(facts);
        assertEquals(whole.keySet(), plan.rollupKeys());
        for (RollupKey key : plan.rollupKeys()) {
            List<ShardRecord.Decoded> all = plan.after(key, null);
            int cut = random.nextInt(all.size() + 1);
            String watermark = cut == 0 ? null : all.get(cut - 1).sequenceNumber();
            RollupDelta sum = cut == 0 ? new RollupDelta() : ShardBatch.rollupDelta(key, all.subList(0, cut));
            List<ShardRecord.Decoded> left = plan.after(key, watermark);
            assertEquals(all.size() - cut, left.size());
            if (!left.isEmpty()) {
                sum.merge(ShardBatch.rollupDelta(key, left));
            }
            assertEquals(summary(whole.get(key)), summary(sum), key.toString());
        }
        Map<UsageKey, UsageDelta> usage = BatchCoalescer.usage(facts);
        assertEquals(usage.keySet(), plan.usageKeys());
        usage.forEach((key, delta) -> assertEquals(delta, ShardBatch.usageDelta(plan.after(key, null))));
    }

    @Test
    void aRetryStartsAtTheFirstRecordOfAnyItemNotWrittenAndEveryEarlierRecordTouchesOnlyWrittenItems() {
        List<ShardRecord> batch = records(BatchCoalescerTest.randomFacts(200, new Random(5)));
        ShardBatch plan = ShardBatch.of(batch, null);
        List<RollupKey> keys = new ArrayList<>(plan.rollupKeys());
        Set<RollupKey> unwritten = Set.copyOf(keys.subList(keys.size() / 2, keys.size()));
        String resumeAt = plan.firstTouching(unwritten, Set.of()).orElseThrow();
        for (ShardRecord r : batch) {
            if (ShardCheckpoint.compare(r.sequenceNumber(), resumeAt) >= 0) {
                break;
            }
            Fact fact = ((ShardRecord.Decoded) r).fact();
            assertFalse(RollupKey.forFact(fact).stream().anyMatch(unwritten::contains), r.sequenceNumber());
        }
        assertTrue(batch.stream().anyMatch(r -> r.sequenceNumber().equals(resumeAt)));
        assertEquals(Optional.empty(), plan.firstTouching(Set.of(), Set.of()));
    }

    @Test
    void aRecordIsAddedOnlyToAnItemItCountsToward() {
        List<Fact> facts = List.of(Facts.scan().code("a").build(), Facts.scan().code("b").build());
        ShardBatch plan = ShardBatch.of(records(facts), null);
        RollupKey codeA = RollupKey.forFact(facts.get(0)).stream()
                .filter(k -> k.dimension() == Dimension.CODE).findFirst().orElseThrow();
        List<ShardRecord.Decoded> ofB = plan.after(RollupKey.forFact(facts.get(1)).stream()
                .filter(k -> k.dimension() == Dimension.CODE).findFirst().orElseThrow(), null);
        assertThrows(IllegalArgumentException.class, () -> ShardBatch.rollupDelta(codeA, ofB));
    }

    static List<ShardRecord> records(List<Fact> facts) {
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            records.add(ShardRecord.of(BASE.add(BigInteger.valueOf(7L * i + 3)).toString(), facts.get(i)));
        }
        return records;
    }

    /** The counts of a delta, comparable with equals. */
    private static List<Object> summary(RollupDelta d) {
        List<Object> out = new ArrayList<>(List.of(d.scans(), d.accepted(), d.joins(), Map.copyOf(d.refused())));
        for (Breakdown.By by : Breakdown.By.ALL) {
            out.add(Map.copyOf(d.counts(by)));
        }
        out.add(d.uniqueScannersEstimate());
        return out;
    }
}
