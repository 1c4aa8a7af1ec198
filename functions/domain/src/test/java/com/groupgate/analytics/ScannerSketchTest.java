package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScannerSketchTest {

    @Test
    void hundredThousandDistinctScannersEstimateWithinTwoPercent() {
        ScannerSketch sketch = ScannerSketch.empty();
        for (int i = 0; i < 100_000; i++) {
            sketch.add(ipHash(i));
            sketch.add(ipHash(i)); // repeats do not count
        }
        assertWithin(100_000, sketch.estimate(), 0.02);
        assertWithin(100_000, ScannerSketch.fromBytes(sketch.toBytes()).estimate(), 0.02);
    }

    @Test
    void mergedHourSketchesEstimateTheUnionOfScanners() {
        // 24 hours of 10,000 scanners each; consecutive hours share 7,000 of them.
        Instant day = Instant.parse("2026-11-26T00:00:00Z");
        List<RollupValue> hours = new ArrayList<>();
        ScannerSketch merged = ScannerSketch.empty();
        for (int h = 0; h < 24; h++) {
            Instant at = day.plus(h, ChronoUnit.HOURS);
            RollupDelta delta = new RollupDelta();
            for (int i = h * 3_000; i < h * 3_000 + 10_000; i++) {
                delta.add(Facts.scan().at(at).ip(ipHash(i)).build());
            }
            byte[] stored = delta.sketchBytes();
            merged.merge(ScannerSketch.fromBytes(stored));
            hours.add(RollupValue.of(RollupKey.of(Facts.TENANT1, Dimension.CODE, "code1", Granularity.HOUR, at), delta));
        }
        int union = 23 * 3_000 + 10_000;
        assertWithin(union, merged.estimate(), 0.02);

        StatsQuery query = StatsQuery.parse("2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "day", "UTC",
                java.time.ZoneOffset.UTC);
        assertWithin(union, Stats.report(query, hours).totals().uniqueScanners(), 0.02);
    }

    @Test
    void readMergeWriteOfStoredSketchesAddsOnlyNewScanners() {
        RollupDelta first = new RollupDelta();
        RollupDelta second = new RollupDelta();
        for (int i = 0; i < 500; i++) {
            first.add(Facts.scan().ip(ipHash(i)).build());
            second.add(Facts.scan().ip(ipHash(i + 250)).build());
        }
        byte[] stored = second.mergeSketchInto(first.mergeSketchInto(null));
        assertEquals(750, ScannerSketch.fromBytes(stored).roundedEstimate(), 750 * 0.02);
    }

    @Test
    void refusedScansCountAsScannersButScansWithoutIpHashDoNot() {
        RollupDelta delta = new RollupDelta();
        delta.add(Facts.scan().ip("a").build());
        delta.add(Facts.scan().ip("b").outcome("daily_limit").build());
        delta.add(Facts.scan().ip(null).build());
        delta.add(Facts.join().ip("c").build());
        assertEquals(2, delta.uniqueScannersEstimate());
    }

    @Test
    void emptySketchIsStoredAsNoBytesAndReadsBackEmpty() {
        assertArrayEquals(new byte[0], ScannerSketch.empty().toBytes());
        assertTrue(ScannerSketch.fromBytes(new byte[0]).isEmpty());
        assertTrue(ScannerSketch.fromBytes(null).isEmpty());
    }

    @Test
    void bytesThatAreNotASketchAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScannerSketch.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    static String ipHash(int i) {
        return "h" + Integer.toHexString(i * 0x9E3779B1);
    }

    static void assertWithin(double expected, double actual, double relativeError) {
        assertTrue(Math.abs(actual - expected) <= expected * relativeError,
                "estimate " + actual + " not within " + relativeError * 100 + "% of " + expected);
    }
}
