package com.groupgate.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a code, group or live-code stats response. The breakdown's maps iterate in
 * the order to show them: by count, largest first, then by key; {@code byHourOfDay} holds
 * all 24 hours {@code "0".."23"} of the requested zone in order.
 */
public record StatsReport(
        Totals totals,
        List<SeriesPoint> series,
        Breakdown breakdown) {

    public StatsReport {
        Objects.requireNonNull(totals, "totals");
        series = List.copyOf(Objects.requireNonNull(series, "series"));
        breakdown = Objects.requireNonNull(breakdown, "breakdown").map((name, map) -> ordered(map, name));
    }

    /**
     * The range's totals.
     *
     * @param refused        refused scans by refusal code
     * @param conversionRate joins / accepted, 4 decimals; 0 when nothing was accepted
     * @param uniqueScanners estimated distinct scanners over the whole range (not a sum
     *                       of per-bucket counts, which would count returning scanners
     *                       again)
     */
    public record Totals(
            long scans, long accepted, Map<String, Long> refused, long joins, double conversionRate,
            long uniqueScanners) {
        public Totals {
            refused = ordered(refused, "refused");
        }
    }

    /**
     * One point of the series.
     *
     * @param start the bucket start, ISO-8601 with the requested zone's offset at that
     *              instant, e.g. {@code 2026-11-26T00:00:00+08:00}
     */
    public record SeriesPoint(String start, long scans, long accepted, long joins) {
        public SeriesPoint {
            Objects.requireNonNull(start, "start");
        }
    }

    // Keeps the caller's iteration order, which is the order the API shows.
    private static Map<String, Long> ordered(Map<String, Long> map, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, name)));
    }
}
