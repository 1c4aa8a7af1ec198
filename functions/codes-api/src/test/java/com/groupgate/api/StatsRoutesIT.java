package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.StreamShard;
import com.groupgate.analytics.UsageDelta;
import com.groupgate.analytics.UsageKey;
import com.groupgate.code.Channel;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.analytics.RollupWriter;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the stats and usage routes answer, through the codes API handler, over rollups the
 * aggregate's writer stored: the documented shapes, the tenant's zone, not_found for
 * another tenant's or an unknown subject, and a 400 naming the field for bad input.
 */
class StatsRoutesIT {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

    private static HttpCalls api;
    private static ApiTestbed.TestTenant tenant;
    private static String codeId;
    private static String groupId;

    @BeforeAll
    static void seed() {
        api = ApiTestbed.api(new ApiTestbed.MutableClock(T0.minusSeconds(3600)));
        tenant = ApiTestbed.newTenant(api, "Stats shapes");
        groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Stats group\"}");
        HttpCalls.Response code = api.post("/v1/groups/" + groupId + "/codes", "{\"channel\":\"web\"}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
        TenantId t = TenantId.parse(tenant.tenantId()).orElseThrow();
        List<Fact> facts = List.of(
                scan("s1", T0, Fact.ACCEPTED, "ip-a"),
                scan("s2", T0.plusSeconds(60), Fact.ACCEPTED, "ip-b"),
                // The first scanner again, an hour later and refused: unique over the range, not per hour.
                scan("s3", T0.plusSeconds(3600), "daily_limit", "ip-a"),
                new Fact("j1", FactType.JOIN, T0.plusSeconds(120), Fact.JOINED, t, codeId, groupId, null, Channel.of("web"),
                        null, null, null, null, null, null, null));
        Map<RollupKey, RollupDelta> deltas = new LinkedHashMap<>();
        for (Fact f : facts) {
            RollupKey.forFact(f).forEach(k -> deltas.computeIfAbsent(k, x -> new RollupDelta()).add(f));
        }
        RollupWriter writer = new RollupWriter(ApiTestbed.aws().clients().dynamo(), ApiTestbed.aws().analyticsTable(),
                Clock.systemUTC());
        StreamShard shard = new StreamShard("arn:stats-routes:" + t, "shard-1");
        deltas.forEach((k, d) -> writer.applyRollup(shard, k, RollupWriter.ItemState.NONE, d, "1").orElseThrow());
        writer.applyUsage(shard, UsageKey.of(t, T0), RollupWriter.ItemState.NONE, new UsageDelta(2, 1), "1")
                .orElseThrow();
    }

    private static Fact scan(String id, Instant at, String outcome, String ip) {
        return new Fact(id, FactType.SCAN, at, outcome, TenantId.parse(tenant.tenantId()).orElseThrow(), codeId, groupId, null,
                Channel.of("web"), "CN", "CN-GD",
                "Shenzhen", "phone", "ios", "wechat", ip);
    }

    private static HttpCalls.Response get(String path, Map<String, String> query, Map<String, String> auth) {
        return api.call("GET", path, query, null, auth, "198.51.100.7");
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void codeStatsHaveTheDocumentedShapeInTheTenantsZone() {
        HttpCalls.Response r = get("/v1/codes/" + codeId + "/stats",
                Map.of("from", "2026-11-26", "to", "2026-11-27", "granularity", "hour"), tenant.auth());
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(List.of("totals", "series", "byCountry", "byRegion", "byCity", "byDevice", "byOs", "byApp",
                "byHourOfDay"), fields(body));
        JsonNode totals = body.path("totals");
        assertEquals(List.of("scans", "accepted", "refused", "joins", "conversionRate", "uniqueScanners"),
                fields(totals));
        assertEquals(3, totals.path("scans").asLong());
        assertEquals(2, totals.path("accepted").asLong());
        assertEquals(1, totals.path("refused").path("daily_limit").asLong());
        assertEquals(1, totals.path("joins").asLong());
        assertEquals(0.5, totals.path("conversionRate").asDouble());
        assertEquals(2, totals.path("uniqueScanners").asLong());
        JsonNode series = body.path("series");
        assertEquals(24, series.size(), "the tenant's day (Asia/Shanghai) by hour");
        assertEquals("2026-11-26T09:00:00+08:00", series.get(9).path("start").asText());
        assertEquals(2, series.get(9).path("scans").asLong());
        assertEquals(List.of("start", "scans", "accepted", "joins"), fields(series.get(9)));
        assertEquals(2, body.path("byHourOfDay").path("9").asLong());
        assertEquals(1, body.path("byHourOfDay").path("10").asLong());
    }

    @Test
    void anotherTenantsOrAnUnknownSubjectIsNotFound() {
        Map<String, String> query = Map.of("from", "2026-11-26", "to", "2026-11-27");
        ApiTestbed.TestTenant other = ApiTestbed.newTenant(api, "Someone else");
        assertEquals(404, get("/v1/codes/" + codeId + "/stats", query, other.auth()).status());
        assertEquals(404, get("/v1/live-codes/" + codeId + "/stats", query, tenant.auth()).status());
        assertEquals(404, get("/v1/codes/" + Id.random() + "/stats", query, tenant.auth()).status());
        assertEquals(200, get("/v1/groups/" + groupId + "/stats", query, tenant.auth()).status());
    }

    @Test
    void badQueryInputNamesTheField() {
        String stats = "/v1/codes/" + codeId + "/stats";
        assertEquals("granularity", get(stats, Map.of("from", "2026-11-26", "to", "2026-11-27", "granularity", "week"),
                tenant.auth()).json().path("error").path("field").asText());
        assertEquals("to", get(stats, Map.of("from", "2026-11-26"), tenant.auth()).json().path("error").path("field")
                .asText());
        assertEquals("tz", get(stats, Map.of("from", "2026-11-26", "to", "2026-11-27", "tz", "Mars/Base"),
                tenant.auth()).json().path("error").path("field").asText());
        assertEquals("groupBy", get("/v1/stats", Map.of("from", "2026-11-26", "to", "2026-11-27", "groupBy", "city"),
                tenant.auth()).json().path("error").path("field").asText());
        assertEquals("month", get("/v1/usage", Map.of("month", "2026-13"), tenant.auth()).json().path("error")
                .path("field").asText());
    }

    @Test
    void rowsAndUsageAddUpWhatWasCounted() {
        HttpCalls.Response rows = get("/v1/stats", Map.of("from", "2026-11-26", "to", "2026-11-27", "groupBy", "code",
                "tz", "UTC"), tenant.auth());
        assertEquals(200, rows.status(), rows.body());
        assertEquals(List.of("rows", "nextCursor"), fields(rows.json()));
        JsonNode row = rows.json().path("rows").get(0);
        assertEquals(List.of("key", "scans", "accepted", "joins", "conversionRate"), fields(row));
        assertEquals(codeId, row.path("key").asText());
        assertEquals(List.of(3L, 2L, 1L), List.of(row.path("scans").asLong(), row.path("accepted").asLong(),
                row.path("joins").asLong()));
        assertEquals(0.5, row.path("conversionRate").asDouble());
        assertEquals(1, rows.json().path("rows").size());
        HttpCalls.Response usage = get("/v1/usage", Map.of("month", "2026-11"), tenant.auth());
        assertEquals(200, usage.status(), usage.body());
        assertEquals(List.of("month", "codesIssued", "scansVerified", "joins", "imageBytesStored"), fields(usage.json()));
        assertEquals("2026-11", usage.text("month"));
        assertEquals(1, usage.json().path("codesIssued").asLong());
        assertEquals(2, usage.json().path("scansVerified").asLong());
        assertEquals(1, usage.json().path("joins").asLong());
        assertEquals(true, usage.json().path("imageBytesStored").asLong() > 0);
        assertEquals(0, get("/v1/stats", Map.of("from", "2026-12-01", "to", "2026-12-02", "groupBy", "channel"),
                tenant.auth()).json().path("rows").size());
    }
}
