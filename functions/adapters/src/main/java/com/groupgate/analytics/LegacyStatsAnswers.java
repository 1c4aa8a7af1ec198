package com.groupgate.analytics;

import com.groupgate.id.Id;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stats answers as StatsReader built them before StatsRoutes took over parsing and
 * JSON: kept only so that {@code StatsReaderIT} in functions/aggregate, which another
 * branch owns right now, still compiles and checks the numbers. Nothing on a request path
 * calls this. Delete it with StatsReader's deprecated methods once that test moves onto
 * StatsRoutes (codes-api's StatsRoutesIT asserts the same shapes through the handler).
 */
@Deprecated(forRemoval = true)
final class LegacyStatsAnswers {
    private static final int PAGE = 100;

    private LegacyStatsAnswers() {
    }

    static Map<String, Object> stats(StatsReader reader, Id tenantId, ZoneId tenantZone, StatsReader.Subject subject,
                                     Id id, Map<String, String> query) {
        StatsQuery q = StatsQuery.parse(query.get("from"), query.get("to"), query.get("granularity"),
                query.get("tz"), tenantZone);
        StatsReport report = reader.report(tenantId, subject, id, q);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("scans", report.totals().scans());
        totals.put("accepted", report.totals().accepted());
        totals.put("refused", report.totals().refused());
        totals.put("joins", report.totals().joins());
        totals.put("conversionRate", report.totals().conversionRate());
        totals.put("uniqueScanners", report.totals().uniqueScanners());
        List<Map<String, Object>> series = new ArrayList<>();
        for (StatsReport.SeriesPoint p : report.series()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("start", p.start());
            point.put("scans", p.scans());
            point.put("accepted", p.accepted());
            point.put("joins", p.joins());
            series.add(point);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totals", totals);
        out.put("series", series);
        out.put("byCountry", report.byCountry());
        out.put("byRegion", report.byRegion());
        out.put("byCity", report.byCity());
        out.put("byDevice", report.byDevice());
        out.put("byOs", report.byOs());
        out.put("byApp", report.byApp());
        out.put("byHourOfDay", report.byHourOfDay());
        return out;
    }

    static Map<String, Object> rows(StatsReader reader, Id tenantId, ZoneId tenantZone, Map<String, String> query) {
        GroupBy groupBy = GroupBy.parse(query.get("groupBy"));
        StatsRange range = StatsQuery.parse(query.get("from"), query.get("to"), null, query.get("tz"), tenantZone)
                .range();
        Map<String, StatsRow> byKey = new TreeMap<>();
        String after = null;
        do {
            StatsReader.RowsPage page = reader.rows(tenantId, groupBy, range, after, PAGE);
            page.rows().forEach(r -> byKey.put(r.key(), r));
            after = page.last();
        } while (after != null);
        List<Map<String, Object>> rows = new ArrayList<>();
        byKey.values().stream()
                .sorted(java.util.Comparator.comparingLong(StatsRow::scans).reversed().thenComparing(StatsRow::key))
                .forEach(row -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("key", row.key());
                    out.put("scans", row.scans());
                    out.put("accepted", row.accepted());
                    out.put("joins", row.joins());
                    out.put("conversionRate", row.conversionRate());
                    rows.add(out);
                });
        return Map.of("rows", rows);
    }

    static Map<String, Object> usage(StatsReader reader, Id tenantId, String month) {
        StatsReader.MonthUsage usage = reader.usage(tenantId, UsageKey.forRequest(tenantId.toString(), month));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", usage.month());
        out.put("codesIssued", usage.codesIssued());
        out.put("scansVerified", usage.scansVerified());
        out.put("joins", usage.joins());
        out.put("imageBytesStored", usage.imageBytesStored());
        return out;
    }
}
