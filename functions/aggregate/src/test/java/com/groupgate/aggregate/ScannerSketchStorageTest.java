package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.Breakdown;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.Granularity;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupValue;
import com.groupgate.analytics.Stats;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.id.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unique scanners for 100,000 distinct scanners along the writer's path — a sketch
 * merged into stored bytes chunk after chunk, hour items merged again on read — without
 * the emulator, which would take minutes for this many facts (the emulator test checks
 * 10,000 scans end to end).
 */
class ScannerSketchStorageTest {

    @Test
    void hundredThousandDistinctScannersStoredChunkByChunkEstimateWithinTwoPercent() {
        Instant day = Instant.parse("2026-11-26T00:00:00Z");
        byte[][] storedByHour = new byte[24][];
        int distinct = 100_000;
        int chunk = 500;
        for (int start = 0; start < distinct; start += chunk) {
            RollupDelta[] deltas = new RollupDelta[24];
            for (int i = start; i < start + chunk; i++) {
                int hour = i % 24;
                Fact f = new Fact("f" + i, FactType.SCAN, day.plusSeconds(hour * 3600L + i % 3600), Fact.ACCEPTED,
                        TenantId.random(), "c1", "g1", null, null, "CN", "CN-SH", null, "phone", "ios", "none", "ip" + i);
                if (deltas[hour] == null) {
                    deltas[hour] = new RollupDelta();
                }
                deltas[hour].add(f);
            }
            for (int h = 0; h < 24; h++) {
                if (deltas[h] != null) {
                    storedByHour[h] = deltas[h].mergeSketchInto(storedByHour[h]);
                }
            }
        }
        List<RollupValue> values = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            values.add(new RollupValue(Granularity.HOUR, day.plusSeconds(h * 3600L), 1, 1, Map.of(), 0,
                    Breakdown.none(), storedByHour[h]));
        }
        StatsQuery q = StatsQuery.parse("2026-11-26", "2026-11-27", "day", "UTC", ZoneOffset.UTC);
        long estimate = Stats.report(q, values).totals().uniqueScanners();
        double error = Math.abs(estimate - distinct) / (double) distinct;
        assertTrue(error <= 0.02, "estimate " + estimate + " is " + error * 100 + " % off");
    }
}
