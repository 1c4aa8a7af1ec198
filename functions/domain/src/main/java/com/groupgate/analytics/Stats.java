package com.groupgate.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Read-side math: stored rollup values in, API response models out.
 *
 * <p>Bucket placement: a value counts in the series point whose interval holds its UTC
 * start. Hour values always place; a day value must also end within that point, which
 * only happens for day series in UTC (see {@link StatsQuery#dayBucketsSuffice()}), and is
 * refused otherwise rather than smeared across local days. Values outside the series
 * ({@link StatsQuery#seriesFrom()} to {@link StatsQuery#seriesTo()}) are ignored, so
 * totals always equal the sum of the series. Overlapping values (an hour and the day that
 * holds it, or one bucket twice) are refused: they would count the same scans twice.
 */
public final class Stats {
    private static final Comparator<Map.Entry<String, Long>> LARGEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private Stats() {
    }

    /** The stats report of {@code values} (one code's, group's or live code's items) for {@code query}. */
    public static StatsReport report(StatsQuery query, Collection<RollupValue> values) {
        Objects.requireNonNull(query, "query");
        List<RollupValue> sorted = sortedWithoutOverlap(values);
        ZoneId zone = query.zone();
        List<Instant> starts = query.seriesStarts();
        Instant seriesFrom = query.seriesFrom();
        Instant seriesTo = query.seriesTo();

        long[] scans = new long[starts.size()];
        long[] accepted = new long[starts.size()];
        long[] joins = new long[starts.size()];
        Map<String, Long> refused = new TreeMap<>();
        Map<Breakdown.By, Map<String, Long>> breakdown = new EnumMap<>(Breakdown.By.class);
        for (Breakdown.By by : Breakdown.By.ALL) {
            breakdown.put(by, new TreeMap<>());
        }
        long[] byLocalHour = new long[24];
        ScannerSketch scanners = ScannerSketch.empty();

        for (RollupValue v : sorted) {
            if (v.bucketStart().isBefore(seriesFrom) || !v.bucketStart().isBefore(seriesTo)) {
                continue;
            }
            int i = pointHolding(starts, v.bucketStart());
            Instant pointEnd = i + 1 < starts.size() ? starts.get(i + 1) : seriesTo;
            if (v.granularity() == Granularity.DAY && v.bucketEnd().isAfter(pointEnd)) {
                throw new IllegalArgumentException("the day bucket " + v.bucketStart() + " straddles series points in "
                        + zone + " at " + query.granularity() + " granularity; read hour buckets");
            }
            scans[i] += v.scans();
            accepted[i] += v.accepted();
            joins[i] += v.joins();
            RollupDelta.mergeInto(refused, v.refused());
            Breakdown b = v.breakdown();
            for (Breakdown.By by : Breakdown.By.ALL) {
                if (by != Breakdown.By.HOUR_OF_DAY) {
                    RollupDelta.mergeInto(breakdown.get(by), b.counts(by));
                }
            }
            // Stored hours are UTC hours of the bucket's UTC day; each names an instant,
            // and that instant's local hour is where it belongs. This follows DST. In a
            // zone offset by a fraction of an hour, an hour lands where it starts.
            Instant utcDay = Granularity.DAY.bucketStart(v.bucketStart());
            b.counts(Breakdown.By.HOUR_OF_DAY).forEach((h, n) -> byLocalHour[
                    utcDay.plus(Integer.parseInt(h), ChronoUnit.HOURS).atZone(zone).getHour()] += n);
            if (v.scanners().length > 0) {
                scanners.merge(v.scannerSketch());
            }
        }

        List<StatsReport.SeriesPoint> series = new ArrayList<>(starts.size());
        long totalScans = 0;
        long totalAccepted = 0;
        long totalJoins = 0;
        for (int i = 0; i < starts.size(); i++) {
            series.add(new StatsReport.SeriesPoint(
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(starts.get(i).atZone(zone).toOffsetDateTime()),
                    scans[i], accepted[i], joins[i]));
            totalScans += scans[i];
            totalAccepted += accepted[i];
            totalJoins += joins[i];
        }
        Map<String, Long> byHourOfDay = new LinkedHashMap<>();
        for (int h = 0; h < 24; h++) {
            byHourOfDay.put(Integer.toString(h), byLocalHour[h]);
        }
        StatsReport.Totals totals = new StatsReport.Totals(totalScans, totalAccepted, largestFirst(refused),
                totalJoins, conversionRate(totalJoins, totalAccepted), scanners.roundedEstimate());
        return new StatsReport(totals, series, Breakdown.of(by -> by == Breakdown.By.HOUR_OF_DAY ? byHourOfDay
                : largestFirst(breakdown.get(by))));
    }

    /**
     * Tenant-level rows, one per key of {@code valuesByKey} (channel, code id or group id)
     * that has scans or joins in {@code range}, most scans first, then by key. A value
     * counts when its bucket overlaps the range, so the range is widened to whole buckets:
     * read {@link StatsRange#coveringBuckets()} (or hour buckets throughout, or day buckets
     * when both ends are UTC midnights; each sums the same).
     */
    public static List<StatsRow> rows(StatsRange range, Map<String, ? extends Collection<RollupValue>> valuesByKey) {
        List<StatsRow> rows = unsortedRows(range, valuesByKey);
        rows.sort(Comparator.comparingLong(StatsRow::scans).reversed().thenComparing(StatsRow::key));
        return Collections.unmodifiableList(rows);
    }

    /**
     * As {@link #rows}, in key order: the order a paged answer is cut in, so that a row
     * never moves from one page to another while the numbers change.
     */
    public static List<StatsRow> rowsInKeyOrder(StatsRange range,
                                                Map<String, ? extends Collection<RollupValue>> valuesByKey) {
        List<StatsRow> rows = unsortedRows(range, valuesByKey);
        rows.sort(Comparator.comparing(StatsRow::key));
        return Collections.unmodifiableList(rows);
    }

    private static List<StatsRow> unsortedRows(StatsRange range,
                                               Map<String, ? extends Collection<RollupValue>> valuesByKey) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(valuesByKey, "valuesByKey");
        List<StatsRow> rows = new ArrayList<>();
        valuesByKey.forEach((key, values) -> {
            long scans = 0;
            long accepted = 0;
            long joins = 0;
            for (RollupValue v : sortedWithoutOverlap(values)) {
                if (v.bucketStart().isBefore(range.to()) && v.bucketEnd().isAfter(range.from())) {
                    scans += v.scans();
                    accepted += v.accepted();
                    joins += v.joins();
                }
            }
            if (scans > 0 || joins > 0) {
                rows.add(new StatsRow(key, scans, accepted, joins, conversionRate(joins, accepted)));
            }
        });
        return rows;
    }

    /** joins / accepted rounded half-up to 4 decimals; 0 when nothing was accepted. */
    public static double conversionRate(long joins, long accepted) {
        if (joins < 0 || accepted < 0) {
            throw new IllegalArgumentException("joins and accepted must be >= 0: " + joins + ", " + accepted);
        }
        if (accepted == 0) {
            return 0;
        }
        return BigDecimal.valueOf(joins).divide(BigDecimal.valueOf(accepted), 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static List<RollupValue> sortedWithoutOverlap(Collection<RollupValue> values) {
        Objects.requireNonNull(values, "values");
        List<RollupValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(RollupValue::bucketStart)
                .thenComparing(RollupValue::granularity, Comparator.reverseOrder()));
        RollupValue reach = null; // the value ending latest so far
        for (RollupValue v : sorted) {
            if (reach != null && v.bucketStart().isBefore(reach.bucketEnd())) {
                throw new IllegalArgumentException("values overlap: " + reach + " and " + v);
            }
            if (reach == null || v.bucketEnd().isAfter(reach.bucketEnd())) {
                reach = v;
            }
        }
        return sorted;
    }

    /** The index of the series point holding {@code t}; {@code t} is within the series. */
    private static int pointHolding(List<Instant> starts, Instant t) {
        int i = Collections.binarySearch(starts, t);
        return i >= 0 ? i : -i - 2;
    }

    private static Map<String, Long> largestFirst(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(LARGEST_FIRST);
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
