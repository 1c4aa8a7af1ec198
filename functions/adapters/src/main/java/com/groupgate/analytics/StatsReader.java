package com.groupgate.analytics;

import static com.groupgate.aws.Attr.s;

import com.groupgate.code.CodeTable;
import com.groupgate.error.RefusalException;
import com.groupgate.group.GroupTable;
import com.groupgate.id.Id;
import com.groupgate.usage.UsageTable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the stats and usage routes answer, as the JSON bodies PRODUCT.md lists: checks that
 * the code, group or live code is the caller's (another tenant's is not found, like a
 * missing one), reads its rollups and turns them into a report.
 */
public final class StatsReader {
    private final DynamoDbClient dynamo;
    private final String mainTable;
    private final RollupTable rollups;

    public StatsReader(DynamoDbClient dynamo, String mainTable, String analyticsTable) {
        this.dynamo = dynamo;
        this.mainTable = mainTable;
        this.rollups = new RollupTable(dynamo, analyticsTable);
    }

    /** What a stats route is about: a code, a group or a live code. */
    public enum Subject {
        CODE(Dimension.CODE),
        GROUP(Dimension.GROUP),
        LIVE_CODE(Dimension.LIVE_CODE);

        private final Dimension dimension;

        Subject(Dimension dimension) {
            this.dimension = dimension;
        }
    }

    /** The MainTable key of a live code; the live-code adapter owns the item itself. */
    public static Map<String, AttributeValue> liveCodeKey(Id tenantId, Id liveCodeId) {
        return Map.of("pk", s("T#" + tenantId + "#LIVE#" + liveCodeId), "sk", s("LIVE"));
    }

    /**
     * {@code GET /v1/codes|groups|live-codes/{id}/stats}: the report of {@code id} for the
     * query parameters {@code from, to, granularity, tz}; {@code tz} defaults to the
     * tenant's zone.
     *
     * @throws RefusalException not_found when {@code id} is not the tenant's; a 400 naming
     *                          the field for bad query input
     */
    public Map<String, Object> stats(Id tenantId, ZoneId tenantZone, Subject subject, Id id,
                                     Map<String, String> query) {
        StatsQuery q = StatsQuery.parse(query.get("from"), query.get("to"), query.get("granularity"),
                query.get("tz"), tenantZone);
        Map<String, AttributeValue> key = switch (subject) {
            case CODE -> CodeTable.key(tenantId, id);
            case GROUP -> GroupTable.key(tenantId, id);
            case LIVE_CODE -> liveCodeKey(tenantId, id);
        };
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(mainTable).key(key)
                .projectionExpression("pk")).item();
        if (item == null || item.isEmpty()) {
            throw RefusalException.notFound();
        }
        return view(Stats.report(q, rollups.read(tenantId.toString(), subject.dimension, id.toString(), q)));
    }

    /** {@code GET /v1/stats?from&to&groupBy}: one row per channel, code or group, most scans first. */
    public Map<String, Object> rows(Id tenantId, ZoneId tenantZone, Map<String, String> query) {
        GroupBy groupBy = GroupBy.parse(query.get("groupBy"));
        StatsRange range = StatsQuery.parse(query.get("from"), query.get("to"), null, query.get("tz"), tenantZone)
                .range();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StatsRow row : Stats.rows(range, rollups.readAll(tenantId.toString(), groupBy.dimension(), range))) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", row.key());
            out.put("scans", row.scans());
            out.put("accepted", row.accepted());
            out.put("joins", row.joins());
            out.put("conversionRate", row.conversionRate());
            rows.add(out);
        }
        return Map.of("rows", rows);
    }

    /** {@code GET /v1/usage?month=YYYY-MM}: what the tenant is billed for that UTC month. */
    public Map<String, Object> usage(Id tenantId, String month) {
        UsageKey key = UsageKey.forRequest(tenantId.toString(), month);
        Map<String, Long> issued = UsageTable.read(dynamo, mainTable, tenantId, key.month());
        UsageDelta counted = rollups.usage(key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", key.month());
        out.put("codesIssued", issued.get("codesIssued"));
        out.put("scansVerified", counted.scansVerified());
        out.put("joins", counted.joins());
        out.put("imageBytesStored", issued.get("imageBytesStored"));
        return out;
    }

    /** The JSON body of a stats report, in PRODUCT.md's field order. */
    public static Map<String, Object> view(StatsReport report) {
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
}
