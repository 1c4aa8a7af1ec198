package com.groupgate.api.routes;

import com.groupgate.analytics.GroupBy;
import com.groupgate.analytics.LabelKey;
import com.groupgate.analytics.StatsQuery;
import com.groupgate.analytics.StatsRange;
import com.groupgate.analytics.StatsReport;
import com.groupgate.analytics.StatsRow;
import com.groupgate.analytics.UsageKey;
import com.groupgate.api.edge.Authenticator;
import com.groupgate.api.edge.Paging;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.id.GroupId;
import com.groupgate.storage.analytics.StatsReader;
import com.groupgate.tenant.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stats of a code, group or live code; tenant-level rows, a page at a time; usage for
 * billing. Reads the query parameters into checked values (a 400 names the field) and
 * writes the JSON PRODUCT.md lists; the reads themselves are StatsReader's.
 */
public final class StatsRoutes {
    /** Rows per page of {@code GET /v1/stats} unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 50;
    /** The largest page: one request reads at most this many keys' buckets (plus one per bucket). */
    static final int MAX_LIMIT = 100;

    private final Authenticator auth;
    private final StatsReader stats;

    public StatsRoutes(Authenticator auth, StatsReader stats) {
        this.auth = auth;
        this.stats = stats;
    }

    public void register(Router router) {
        router.on("GET", "/v1/codes/{id}/stats", r -> subject(r, StatsReader.Subject.CODE))
                .on("GET", "/v1/groups/{id}/stats", r -> subject(r, StatsReader.Subject.GROUP))
                .on("GET", "/v1/live-codes/{id}/stats", r -> subject(r, StatsReader.Subject.LIVE_CODE))
                .on("GET", "/v1/stats", this::rows)
                .on("GET", "/v1/usage", this::usage);
    }

    /** {@code ?from&to&granularity&tz}: {@code tz} defaults to the tenant's zone, granularity to day. */
    private ApiResponse subject(ApiRequest request, StatsReader.Subject subject) {
        Tenant tenant = auth.tenant(request);
        StatsQuery query = StatsQuery.parse(request.queryParam("from"), request.queryParam("to"),
                request.queryParam("granularity"), request.queryParam("tz"), tenant.timezone());
        return ApiResponse.json(200, report(stats.report(tenant.tenantId(), subject,
                Views.id(request.pathParam("id")), query)));
    }

    /**
     * {@code ?from&to&groupBy&tz&limit&cursor}: a page of rows in key order, and the cursor of
     * the next; with {@code groupBy=label}, {@code groupId} keeps to one group's labels.
     */
    private ApiResponse rows(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        GroupBy groupBy = GroupBy.parse(request.queryParam("groupBy"));
        GroupId groupId = groupId(request.queryParam("groupId"), groupBy);
        StatsRange range = StatsQuery.parse(request.queryParam("from"), request.queryParam("to"), null,
                request.queryParam("tz"), tenant.timezone()).range();
        int limit = Paging.intParam(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        StatsCursor cursor = StatsCursor.decode(request.queryParam("cursor"), groupBy);
        String after = cursor == null ? null : cursor.last();
        StatsReader.RowsPage page = groupId == null ? stats.rows(tenant.tenantId(), groupBy, range, after, limit)
                : stats.labelRowsOfGroup(tenant.tenantId(), groupId, range, after, limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StatsRow row : page.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            // A label's rollup id is its bytes in hex; the caller sees the label, null for codes without one.
            out.put("key", groupBy == GroupBy.LABEL ? LabelKey.label(row.key()) : row.key());
            out.put("scans", row.scans());
            out.put("accepted", row.accepted());
            out.put("joins", row.joins());
            out.put("conversionRate", row.conversionRate());
            rows.add(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("nextCursor", page.last() == null ? null : new StatsCursor(groupBy, page.last()).encode());
        return ApiResponse.json(200, out);
    }

    /** The {@code groupId} filter, or null: only with {@code groupBy=label} (400 naming it otherwise). */
    private static GroupId groupId(String text, GroupBy groupBy) {
        if (text == null) {
            return null;
        }
        if (groupBy != GroupBy.LABEL) {
            throw RefusalException.badField("groupId", "is taken with groupBy=label only (a group's stores)");
        }
        return GroupId.parse(text).orElseThrow(() -> RefusalException.badField("groupId", "is not a group id"));
    }

    /** {@code ?month=YYYY-MM}: what the tenant is billed for that UTC month. */
    private ApiResponse usage(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        StatsReader.MonthUsage usage = stats.usage(tenant.tenantId(),
                UsageKey.forRequest(tenant.tenantId(), request.queryParam("month")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", usage.month());
        out.put("codesIssued", usage.codesIssued());
        out.put("scansVerified", usage.scansVerified());
        out.put("joins", usage.joins());
        out.put("imageBytesStored", usage.imageBytesStored());
        return ApiResponse.json(200, out);
    }

    /** A report as JSON, in PRODUCT.md's field order. */
    static Map<String, Object> report(StatsReport report) {
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
        out.putAll(report.breakdown().byName());
        return out;
    }
}
