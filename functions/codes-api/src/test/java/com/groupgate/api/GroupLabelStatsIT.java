package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.StreamShard;
import com.groupgate.code.Channel;
import com.groupgate.config.Wiring;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.analytics.RollupWriter;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.SdkCalls;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/stats?groupBy=label&groupId=…}: a chain's stores within one group, through
 * the codes API handler, over rollups the aggregate's own writer stored from seeded facts.
 * The same label in two groups is two rows, one per group; each group's rows equal the facts
 * seeded for it; pages walk the same rows; and one page reads one index query per bucket.
 */
class GroupLabelStatsIT {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final String NONE = "<none>";
    private static final SdkCalls CALLS = new SdkCalls();
    private static HttpCalls api;
    private static ApiTestbed.TestTenant tenant;
    private static String north;
    private static String south;
    /** Per group, per label (NONE: no label): scans and joins seeded. */
    private static final Map<String, Map<String, long[]>> TRUTH = new TreeMap<>();

    @BeforeAll
    static void seed() {
        Wiring w = ApiTestbed.wiring(Clock.systemUTC());
        api = new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(CALLS)))));
        tenant = ApiTestbed.newTenant(api, "Chain of stores");
        north = group("North members");
        south = group("South members");
        List<Fact> facts = new ArrayList<>();
        // "Store #1" hangs in both groups: two rows, one per group.
        seed(facts, north, "Store #1", 4, 2);
        seed(facts, north, "徐汇漕溪北路店", 3, 1);
        seed(facts, north, null, 2, 0);
        seed(facts, south, "Store #1", 5, 3);
        seed(facts, south, "Store #2", 1, 1);
        // Scans of no group (an exhausted live code's) count toward no group's rows.
        facts.add(new Fact(Id.random().toString(), FactType.SCAN, DAY.plus(3, ChronoUnit.HOURS), "group_full",
                TenantId.parse(tenant.tenantId()).orElseThrow(), null, null, Id.random().toString(), null, "CN", "CN-SH", "Shanghai", "phone", "ios",
                "wechat", "ip-pool", "Store #1"));
        write(facts);
    }

    private static String group(String name) {
        var r = api.post("/v1/groups", "{\"name\":\"" + name + "\"}", tenant.auth());
        assertEquals(201, r.status(), r.body());
        return r.text("groupId");
    }

    private static void seed(List<Fact> facts, String group, String label, int scans, int joins) {
        String code = Id.random().toString();
        for (int i = 0; i < scans; i++) {
            facts.add(new Fact(Id.random().toString(), FactType.SCAN, DAY.plus(10, ChronoUnit.HOURS).plusSeconds(i),
                    Fact.ACCEPTED, TenantId.parse(tenant.tenantId()).orElseThrow(), code, group, null, Channel.of("poster"), "CN", "CN-SH", "Shanghai", "phone",
                    "ios", "wechat", "ip-" + i, label));
        }
        for (int i = 0; i < joins; i++) {
            facts.add(new Fact(Id.random().toString(), FactType.JOIN, DAY.plus(11, ChronoUnit.HOURS).plusSeconds(i),
                    Fact.JOINED, TenantId.parse(tenant.tenantId()).orElseThrow(), code, group, null, Channel.of("poster"), null, null, null, null, null, null,
                    null, label));
        }
        TRUTH.computeIfAbsent(group, g -> new TreeMap<>()).merge(label == null ? NONE : label,
                new long[] {scans, joins}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }

    /** Every rollup item the facts count toward, each written once, as the aggregate writes it. */
    private static void write(List<Fact> facts) {
        Map<RollupKey, RollupDelta> deltas = new LinkedHashMap<>();
        for (Fact f : facts) {
            for (RollupKey key : RollupKey.forFact(f)) {
                deltas.computeIfAbsent(key, k -> new RollupDelta()).add(f);
            }
        }
        RollupWriter writer = new RollupWriter(ApiTestbed.aws().clients().dynamo(), ApiTestbed.aws().analyticsTable(),
                Clock.systemUTC());
        StreamShard shard = new StreamShard("arn:seed:" + tenant.tenantId(), "shard-1");
        deltas.forEach((key, delta) -> writer.applyRollup(shard, key, RollupWriter.ItemState.NONE, delta, "1")
                .orElseThrow());
    }

    private static HttpCalls.Response rows(Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("from", "2026-11-24T00:00:00Z",
                "to", "2026-11-25T00:00:00Z"));
        all.putAll(query);
        return api.call("GET", "/v1/stats", all, null, tenant.auth(), "198.51.100.7");
    }

    private static Map<String, long[]> collect(JsonNode page, Map<String, long[]> into) {
        for (JsonNode row : page.path("rows")) {
            into.put(row.path("key").isNull() ? NONE : row.path("key").asText(),
                    new long[] {row.path("scans").asLong(), row.path("joins").asLong()});
        }
        return into;
    }

    private static Map<String, List<Long>> readable(Map<String, long[]> counts) {
        Map<String, List<Long>> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    @Test
    void eachGroupsLabelRowsEqualTheFactsSeededForThatGroup() {
        for (String group : List.of(north, south)) {
            CALLS.reset();
            var page = rows(Map.of("groupBy", "label", "groupId", group));
            assertEquals(200, page.status(), page.body());
            assertEquals(readable(TRUTH.get(group)), readable(collect(page.json(), new TreeMap<>())), group);
            // The day is one bucket: one GetItem (the group is the tenant's) and one index query.
            assertEquals(1, CALLS.count("DynamoDb.Query"), CALLS.snapshot().toString());
            assertTrue(CALLS.queriedItems() <= TRUTH.get(group).size() + 1, "only this group's rows are read");
        }
    }

    @Test
    void withoutAGroupTheLabelRowsAddUpEveryGroup() {
        var page = rows(Map.of("groupBy", "label"));
        assertEquals(200, page.status(), page.body());
        Map<String, long[]> all = collect(page.json(), new TreeMap<>());
        assertEquals(List.of(9L + 1, 5L), List.of(all.get("Store #1")[0], all.get("Store #1")[1]),
                "both groups' Store #1 and the groupless scan");
    }

    @Test
    void pagesOfOneRowWalkTheGroupsRowsOnce() {
        Map<String, long[]> paged = new TreeMap<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> q = new LinkedHashMap<>(Map.of("groupBy", "label", "groupId", north, "limit", "1"));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            var page = rows(q);
            assertEquals(200, page.status(), page.body());
            assertEquals(1, page.json().path("rows").size(), page.body());
            collect(page.json(), paged);
            page.json().path("rows").forEach(r -> order.add(r.path("key").isNull() ? NONE : r.path("key").asText()));
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(readable(TRUTH.get(north)), readable(paged));
        assertEquals(3, pages);
        assertEquals(List.of(NONE, "Store #1", "徐汇漕溪北路店"), order, "label order, the unlabelled row first");
    }

    @Test
    void aGroupIdWithAnotherGroupByOrNotAGroupIdIs400AndAnotherTenantsGroupIsNotFound() {
        for (Map<String, String> q : List.of(Map.of("groupBy", "code", "groupId", north),
                Map.of("groupBy", "group", "groupId", north), Map.of("groupBy", "label", "groupId", "not-a-group"))) {
            var r = rows(q);
            assertEquals(400, r.status(), r.body());
            assertEquals("groupId", r.json().path("error").path("field").asText(), r.body());
        }
        var unknown = rows(Map.of("groupBy", "label", "groupId", Id.random().toString()));
        assertEquals(404, unknown.status(), unknown.body());
        ApiTestbed.TestTenant other = ApiTestbed.newTenant(api, "Another chain");
        var theirs = api.call("GET", "/v1/stats", Map.of("groupBy", "label", "groupId", north,
                "from", "2026-11-24T00:00:00Z", "to", "2026-11-25T00:00:00Z"), null, other.auth(), "198.51.100.7");
        assertEquals(404, theirs.status(), theirs.body());
    }
}
