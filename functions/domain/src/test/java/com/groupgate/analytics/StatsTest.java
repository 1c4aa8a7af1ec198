package com.groupgate.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void daySeriesInShanghaiSumsTheUtcHoursOfEachLocalDay() {
        // Every UTC hour from Nov 24 to Nov 29 holds (hours since Nov 24) + 1 scans.
        Instant origin = Instant.parse("2026-11-24T00:00:00Z");
        List<RollupValue> hours = new ArrayList<>();
        for (int h = 0; h < 5 * 24; h++) {
            hours.add(hourValue(origin.plus(h, ChronoUnit.HOURS), h + 1, h + 1, 0));
        }
        StatsQuery query = StatsQuery.parse("2026-11-26", "2026-11-28", "day", "Asia/Shanghai", ZoneOffset.UTC);

        StatsReport report = Stats.report(query, hours);

        // Shanghai's Nov 26 runs from Nov 25 16:00 UTC to Nov 26 16:00 UTC: hours 40..63.
        long nov26 = sumOfScans(40, 64);
        long nov27 = sumOfScans(64, 88);
        assertEquals(List.of(
                new StatsReport.SeriesPoint("2026-11-26T00:00:00+08:00", nov26, nov26, 0),
                new StatsReport.SeriesPoint("2026-11-27T00:00:00+08:00", nov27, nov27, 0)), report.series());
        assertEquals(nov26 + nov27, report.totals().scans());
        assertEquals(Instant.parse("2026-11-25T16:00:00Z"), query.readFrom());
        assertEquals(Instant.parse("2026-11-27T16:00:00Z"), query.readTo());
    }

    @Test
    void dstEndDayInNewYorkHoldsTwentyFiveHours() {
        ZoneId newYork = ZoneId.of("America/New_York");
        StatsQuery query = StatsQuery.parse("2026-11-01", "2026-11-02", "day", "America/New_York", newYork);
        List<RollupValue> hours = new ArrayList<>();
        for (Instant t = query.readFrom(); t.isBefore(query.readTo()); t = t.plus(1, ChronoUnit.HOURS)) {
            hours.add(hourValue(t, 1, 1, 0));
        }
        StatsReport report = Stats.report(query, hours);
        assertEquals(1, report.series().size());
        assertEquals(25, report.series().get(0).scans());
        assertEquals("2026-11-01T00:00:00-04:00", report.series().get(0).start());
    }

    @Test
    void hourSeriesIsDenseAndLabelledInTheRequestedZone() {
        StatsQuery query = StatsQuery.parse("2026-11-26T10:00:00+08:00", "2026-11-26T13:00:00+08:00", "hour",
                "Asia/Shanghai", ZoneOffset.UTC);
        StatsReport report = Stats.report(query, List.of(hourValue(Instant.parse("2026-11-26T03:00:00Z"), 5, 4, 2)));
        assertEquals(List.of(
                new StatsReport.SeriesPoint("2026-11-26T10:00:00+08:00", 0, 0, 0),
                new StatsReport.SeriesPoint("2026-11-26T11:00:00+08:00", 5, 4, 2),
                new StatsReport.SeriesPoint("2026-11-26T12:00:00+08:00", 0, 0, 0)), report.series());

        StatsQuery kolkata = StatsQuery.parse("2026-11-26T03:00:00Z", "2026-11-26T04:00:00Z", "hour",
                "Asia/Kolkata", ZoneOffset.UTC);
        assertEquals("2026-11-26T08:30:00+05:30", Stats.report(kolkata, List.of()).series().get(0).start());
    }

    @Test
    void hourOfDayBreakdownIsInTheRequestedZone() {
        List<Fact> facts = List.of(
                Facts.scan().at("2026-11-26T03:10:00Z").build(),
                Facts.scan().at("2026-11-26T03:20:00Z").outcome("expired").build(),
                Facts.scan().at("2026-11-26T20:00:00Z").build());
        Map<RollupKey, RollupDelta> deltas = BatchCoalescer.coalesce(facts);
        List<RollupValue> hours = new ArrayList<>();
        deltas.forEach((k, d) -> {
            if (k.dimension() == Dimension.CODE && k.granularity() == Granularity.HOUR) {
                hours.add(RollupValue.of(k, d));
            }
        });
        StatsQuery query = StatsQuery.parse("2026-11-26", "2026-11-28", "day", "Asia/Shanghai", ZoneOffset.UTC);

        StatsReport report = Stats.report(query, hours);

        Map<String, Long> expected = new LinkedHashMap<>();
        for (int h = 0; h < 24; h++) {
            expected.put(Integer.toString(h), h == 11 ? 2L : h == 4 ? 1L : 0L);
        }
        assertEquals(expected, report.breakdown().counts(Breakdown.By.HOUR_OF_DAY));
        assertEquals(List.of("0", "1", "2"), report.breakdown().counts(Breakdown.By.HOUR_OF_DAY).keySet().stream().limit(3).toList());
        assertEquals(Map.of("expired", 1L), report.totals().refused());
        assertEquals(3L, report.breakdown().counts(Breakdown.By.COUNTRY).get("CN"));
    }

    @Test
    void totalsCarryConversionRateAndUniqueScanners() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            facts.add(Facts.scan().ip("ip" + (i % 2)).build());
        }
        facts.add(Facts.scan().outcome("geo_blocked").ip("ip9").build());
        facts.add(Facts.join().build());
        RollupKey key = RollupKey.of(Facts.TENANT1, Dimension.CODE, "code1", Granularity.HOUR, facts.get(0).at());
        StatsQuery query = StatsQuery.parse("2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "hour", "UTC",
                ZoneOffset.UTC);

        StatsReport.Totals totals = Stats.report(query,
                List.of(RollupValue.of(key, BatchCoalescer.coalesce(facts).get(key)))).totals();

        assertEquals(4, totals.scans());
        assertEquals(3, totals.accepted());
        assertEquals(1, totals.joins());
        assertEquals(0.3333, totals.conversionRate());
        assertEquals(3, totals.uniqueScanners());
    }

    @Test
    void conversionRateIsJoinsOverAcceptedToFourDecimals() {
        assertEquals(0.6667, Stats.conversionRate(2, 3));
        assertEquals(0.0, Stats.conversionRate(5, 0));
        assertEquals(1.0, Stats.conversionRate(7, 7));
        assertEquals(0.0001, Stats.conversionRate(1, 10_000));
        assertEquals(0.0, Stats.conversionRate(1, 20_001));
    }

    @Test
    void rangeValidationErrorsNameTheField() {
        assertField("from", () -> query(null, "2026-11-27", "day", "UTC"));
        assertField("from", () -> query("yesterday", "2026-11-27", "day", "UTC"));
        assertField("to", () -> query("2026-11-26", "2026-13-01", "day", "UTC"));
        assertField("to", () -> query("2026-11-26", "2026-11-26", "day", "UTC"));
        assertField("to", () -> query("2026-11-27", "2026-11-26", "day", "UTC"));
        assertField("to", () -> query("2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z", "day", "UTC"));
        assertField("granularity", () -> query("2026-11-26", "2026-11-27", "week", "UTC"));
        assertField("granularity", () -> query("2026-11-26", "2026-11-27", "", "UTC"));
        assertField("tz", () -> query("2026-11-26", "2026-11-27", "day", "Mars/Olympus"));
        assertField("groupBy", () -> GroupBy.parse("country"));
        assertField("month", () -> UsageKey.forRequest(Facts.TENANT1, "2026-13"));
        // Exactly 90 days is allowed; absent granularity and tz take the defaults.
        StatsQuery ok = StatsQuery.parse("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", null, null, SHANGHAI);
        assertEquals(Granularity.DAY, ok.granularity());
        assertEquals(SHANGHAI, ok.zone());
    }

    @Test
    void dayBucketsAnswerUtcDaySeriesButAreRefusedWhereTheyStraddleLocalDays() {
        Instant nov26 = Instant.parse("2026-11-26T00:00:00Z");
        RollupValue day = RollupValue.of(RollupKey.of(Facts.TENANT1, Dimension.CODE, "c", Granularity.DAY, nov26),
                RollupDelta.of(Facts.scan().at(nov26).build()));
        StatsQuery utc = query("2026-11-26", "2026-11-27", "day", "UTC");
        assertEquals(true, utc.dayBucketsSuffice());
        assertEquals(1, Stats.report(utc, List.of(day)).totals().scans());

        StatsQuery shanghai = query("2026-11-26", "2026-11-28", "day", "Asia/Shanghai");
        assertEquals(false, shanghai.dayBucketsSuffice());
        assertThrows(IllegalArgumentException.class, () -> Stats.report(shanghai, List.of(day)));
    }

    @Test
    void overlappingValuesAreRefusedRatherThanCountedTwice() {
        Instant nov26 = Instant.parse("2026-11-26T00:00:00Z");
        RollupValue day = RollupValue.empty(Granularity.DAY, nov26);
        RollupValue hour = RollupValue.empty(Granularity.HOUR, nov26.plus(5, ChronoUnit.HOURS));
        StatsQuery utc = query("2026-11-26", "2026-11-27", "day", "UTC");
        assertThrows(IllegalArgumentException.class, () -> Stats.report(utc, List.of(hour, day)));
        assertThrows(IllegalArgumentException.class, () -> Stats.report(utc, List.of(hour, hour)));
    }

    @Test
    void tenantRowsAreSortedByScansWithConversionRates() {
        Instant at = Instant.parse("2026-11-26T03:00:00Z");
        StatsRange range = StatsRange.parse("2026-11-26", "2026-11-27", ZoneOffset.UTC);
        Map<String, List<RollupValue>> byChannel = Map.of(
                "flyer", List.of(hourValue(at, 10, 8, 2), hourValue(at.plus(1, ChronoUnit.HOURS), 10, 2, 1)),
                "(none)", List.of(hourValue(at, 30, 30, 30)),
                "poster", List.of(hourValue(at, 20, 0, 0)),
                "stale", List.of(hourValue(at.minus(1, ChronoUnit.DAYS), 99, 99, 99)));

        List<StatsRow> rows = Stats.rows(range, byChannel);

        assertEquals(List.of(
                new StatsRow("(none)", 30, 30, 30, 1.0),
                new StatsRow("flyer", 20, 10, 3, 0.3),
                new StatsRow("poster", 20, 0, 0, 0.0)), rows);
        assertEquals(Dimension.CHANNEL, GroupBy.parse("channel").dimension());
    }

    @Test
    void storedValuesAccumulateDeltas() {
        RollupKey key = RollupKey.of(Facts.TENANT1, Dimension.CODE, "c", Granularity.HOUR, Instant.parse("2026-11-26T03:00:00Z"));
        RollupDelta a = RollupDelta.of(Facts.scan().ip("x").build());
        RollupDelta b = RollupDelta.of(Facts.scan().outcome("revoked").ip("y").build());
        RollupValue stored = RollupValue.of(key, a).plus(b);
        RollupDelta both = new RollupDelta();
        both.merge(a);
        both.merge(b);
        assertEquals(RollupValue.of(key, both).scans(), stored.scans());
        assertEquals(Map.of("revoked", 1L), stored.refused());
        assertEquals(2, stored.scannerSketch().roundedEstimate());
    }

    private static StatsQuery query(String from, String to, String granularity, String tz) {
        return StatsQuery.parse(from, to, granularity, tz, ZoneOffset.UTC);
    }

    private static void assertField(String field, Runnable request) {
        RefusalException e = assertThrows(RefusalException.class, request::run);
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals(field, e.field());
    }

    private static long sumOfScans(int fromHour, int toHour) {
        long sum = 0;
        for (int h = fromHour; h < toHour; h++) {
            sum += h + 1;
        }
        return sum;
    }

    private static RollupValue hourValue(Instant start, long scans, long accepted, long joins) {
        Map<String, Long> refused = scans > accepted ? Map.of("expired", scans - accepted) : Map.of();
        return new RollupValue(Granularity.HOUR, start, scans, accepted, refused, joins, Breakdown.of(by -> switch (by) {
            case COUNTRY -> Map.of("CN", scans);
            case HOUR_OF_DAY -> Map.of(Integer.toString(start.atOffset(ZoneOffset.UTC).getHour()), scans);
            default -> Map.of();
        }), null);
    }
}
