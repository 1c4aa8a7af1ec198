package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRangeTest {
    private static RollupBucket hour(String start) {
        return new RollupBucket(Granularity.HOUR, Instant.parse(start));
    }

    private static RollupBucket day(String start) {
        return new RollupBucket(Granularity.DAY, Instant.parse(start));
    }

    private static StatsRange range(String from, String to) {
        return new StatsRange(Instant.parse(from), Instant.parse(to));
    }

    /** The buckets follow each other without gap or overlap from the first to the last. */
    private static void assertContiguous(List<RollupBucket> buckets, Instant from, Instant to) {
        assertEquals(from, buckets.get(0).start());
        for (int i = 1; i < buckets.size(); i++) {
            assertEquals(buckets.get(i - 1).end(), buckets.get(i).start(), buckets.toString());
        }
        assertEquals(to, buckets.get(buckets.size() - 1).end());
    }

    @Test
    void utcMidnightsAreCoveredByDayBucketsOnly() {
        List<RollupBucket> buckets = range("2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z").coveringBuckets();
        assertEquals(7, buckets.size());
        assertTrue(buckets.stream().allMatch(b -> b.granularity() == Granularity.DAY));
        assertContiguous(buckets, Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void aWeekInShanghaiIsItsEdgeHoursAndTheWholeUtcDaysBetween() {
        StatsRange week = StatsRange.parse("2026-11-20", "2026-11-27", ZoneId.of("Asia/Shanghai"));
        List<RollupBucket> buckets = week.coveringBuckets();
        assertEquals(8 + 6 + 16, buckets.size(), "16:00-24:00 on the 19th, the 20th to the 25th, 00:00-16:00 on the 26th");
        assertEquals(hour("2026-11-19T16:00:00Z"), buckets.get(0));
        assertEquals(day("2026-11-20T00:00:00Z"), buckets.get(8));
        assertEquals(hour("2026-11-26T15:00:00Z"), buckets.get(buckets.size() - 1));
        assertContiguous(buckets, week.from(), week.to());
    }

    @Test
    void edgesInsideAnHourAreWidenedToTheWholeHour() {
        List<RollupBucket> buckets = range("2026-11-26T03:20:00Z", "2026-11-26T05:10:00Z").coveringBuckets();
        assertEquals(List.of(hour("2026-11-26T03:00:00Z"), hour("2026-11-26T04:00:00Z"), hour("2026-11-26T05:00:00Z")),
                buckets);
    }

    @Test
    void aRangeOverMidnightWithoutAWholeDayIsHoursOnly() {
        List<RollupBucket> buckets = range("2026-11-26T22:00:00Z", "2026-11-28T01:00:00Z").coveringBuckets();
        assertEquals(2 + 1 + 1, buckets.size());
        List<RollupBucket> noWholeDay = range("2026-11-26T22:00:00Z", "2026-11-27T23:00:00Z").coveringBuckets();
        assertEquals(25, noWholeDay.size());
        assertTrue(noWholeDay.stream().allMatch(b -> b.granularity() == Granularity.HOUR));
    }

    @Test
    void theLongestRangeNeedsAtMostAHundredAndThirtySixBuckets() {
        Instant from = Instant.parse("2026-08-01T01:30:00Z");
        StatsRange longest = new StatsRange(from, from.plus(StatsRange.MAX_LENGTH));
        List<RollupBucket> buckets = longest.coveringBuckets();
        assertEquals(23 + 89 + 2, buckets.size(), "01:00-24:00, 89 days, 00:00-02:00");
        assertTrue(buckets.size() <= 23 + 90 + 23);
        assertContiguous(buckets, Instant.parse("2026-08-01T01:00:00Z"), Instant.parse("2026-10-30T02:00:00Z"));
    }

    @Test
    void rowsOverMixedBucketsCountWhatHourBucketsAloneCount() {
        StatsRange week = StatsRange.parse("2026-11-20", "2026-11-27", ZoneOffset.ofHours(8));
        Instant inside = Instant.parse("2026-11-22T09:00:00Z");
        RollupValue hourValue = new RollupValue(Granularity.HOUR, inside, 5, 4, Map.of(), 2, Breakdown.none(),
                new byte[0]);
        RollupValue dayValue = new RollupValue(Granularity.DAY, Granularity.DAY.bucketStart(inside), 5, 4, Map.of(), 2,
                Breakdown.none(), new byte[0]);
        RollupValue edge = new RollupValue(Granularity.HOUR, Instant.parse("2026-11-19T16:00:00Z"), 1, 1, Map.of(), 0,
                Breakdown.none(), new byte[0]);
        assertEquals(Stats.rowsInKeyOrder(week, Map.of("k", List.of(hourValue, edge))),
                Stats.rowsInKeyOrder(week, Map.of("k", List.of(dayValue, edge))));
        assertEquals(List.of("a", "b", "c"), Stats.rowsInKeyOrder(week, Map.of(
                "c", List.of(dayValue), "a", List.of(edge), "b", List.of(hourValue))).stream().map(StatsRow::key).toList(),
                "key order, whatever the counts");
    }
}
