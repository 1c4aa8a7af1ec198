package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RollupDelta;
import com.groupgate.analytics.RollupKey;
import com.groupgate.analytics.StatsRange;
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
 * {@code GET /v1/stats} a page at a time, through the codes API handler, over rollups the
 * aggregate's own writer stored: pages cover every key once with exact counts, and what one
 * request reads is bounded by its page and its range, not by how many codes the tenant has.
 */
class TenantStatsPagesIT {
    private static final int CODES = 55;
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final String[] CHANNELS = {"campus", "flyer", "poster", "store"};

    private static final SdkCalls CALLS = new SdkCalls();
    private static HttpCalls api;
    private static ApiTestbed.TestTenant tenant;
    /** Per code id: scans and joins inside {@link #DAY}, and scans in the hours just around it. */
    private static final Map<String, long[]> TRUTH = new TreeMap<>();
    private static final Map<String, String> GROUP_OF = new LinkedHashMap<>();
    private static final Map<String, String> CHANNEL_OF = new LinkedHashMap<>();

    @BeforeAll
    static void seed() {
        Wiring w = ApiTestbed.wiring(Clock.systemUTC());
        api = new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(CALLS)))));
        tenant = ApiTestbed.newTenant(api, "Many codes");
        List<String> groups = List.of(Id.random().toString(), Id.random().toString(), Id.random().toString());
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < CODES; i++) {
            String code = Id.random().toString();
            String group = groups.get(i % groups.size());
            String channel = CHANNELS[i % CHANNELS.length];
            GROUP_OF.put(code, group);
            CHANNEL_OF.put(code, channel);
            int scans = 1 + i % 3;
            for (int s = 0; s < scans; s++) {
                facts.add(scan(code, group, channel, DAY.plus(10, ChronoUnit.HOURS).plusSeconds(s)));
            }
            facts.add(join(code, group, channel, DAY.plus(10, ChronoUnit.HOURS).plusSeconds(30)));
            // Some codes also scanned in the hour before the day and the hour after it: in or
            // out, depending on the range.
            long around = i % 10 == 0 ? 2 : 0;
            if (around > 0) {
                facts.add(scan(code, group, channel, DAY.plus(24, ChronoUnit.HOURS).plusSeconds(60)));
                facts.add(scan(code, group, channel, DAY.minus(1, ChronoUnit.HOURS)));
            }
            TRUTH.put(code, new long[] {scans, 1, around});
        }
        write(facts);
    }

    private static Fact scan(String code, String group, String channel, Instant at) {
        return new Fact(Id.random().toString(), FactType.SCAN, at, Fact.ACCEPTED, TenantId.parse(tenant.tenantId()).orElseThrow(), code,
                group, null, channel == null ? null : Channel.of(channel), "CN", "CN-GD", "Shenzhen", "phone", "ios", "wechat", "ip-" + code);
    }

    private static Fact join(String code, String group, String channel, Instant at) {
        return new Fact(Id.random().toString(), FactType.JOIN, at, Fact.JOINED, TenantId.parse(tenant.tenantId()).orElseThrow(), code,
                group, null, channel == null ? null : Channel.of(channel), null, null, null, null, null, null, null);
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

    private static HttpCalls.Response rows(String query) {
        return api.call("GET", "/v1/stats", parse(query), null, tenant.auth(), "198.51.100.7");
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    private static List<String> keys(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("key").asText()));
        return out;
    }

    @Test
    void twoPagesOfTheDefaultSizeCoverEveryCodeOnceWithExactCounts() {
        String range = "groupBy=code&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";
        HttpCalls.Response first = rows(range);
        assertEquals(200, first.status(), first.body());
        assertEquals(50, first.json().path("rows").size(), "the default page is 50 rows");
        String cursor = first.json().path("nextCursor").asText(null);
        assertNotNull(cursor, "more rows follow");
        HttpCalls.Response second = rows(range + "&cursor=" + cursor);
        assertEquals(200, second.status(), second.body());
        assertEquals(CODES - 50, second.json().path("rows").size());
        assertTrue(second.json().has("nextCursor") && second.json().path("nextCursor").isNull(), second.body());

        List<String> seen = new ArrayList<>(keys(first.json().path("rows")));
        seen.addAll(keys(second.json().path("rows")));
        assertEquals(new ArrayList<>(TRUTH.keySet()), seen, "every code once, in key order across the pages");
        for (JsonNode page : List.of(first.json(), second.json())) {
            for (JsonNode row : page.path("rows")) {
                long[] truth = TRUTH.get(row.path("key").asText());
                assertEquals(truth[0], row.path("scans").asLong(), row.toString());
                assertEquals(truth[0], row.path("accepted").asLong(), row.toString());
                assertEquals(truth[1], row.path("joins").asLong(), row.toString());
            }
        }
    }

    @Test
    void eachPagesReadsAreBoundedByThePageAndTheRangeNotTheTenant() {
        // 23:00 the day before to 02:00 the day after: two hours, a day, two hours.
        String range = "groupBy=code&from=2026-11-23T23:00:00Z&to=2026-11-25T02:00:00Z&limit=7";
        int buckets = new StatsRange(Instant.parse("2026-11-23T23:00:00Z"), Instant.parse("2026-11-25T02:00:00Z"))
                .coveringBuckets().size();
        assertEquals(4, buckets);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CALLS.reset();
            HttpCalls.Response page = rows(range + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().path("rows").size() <= 7);
            assertEquals(buckets, CALLS.count("DynamoDb.Query"), "one index query per bucket: " + CALLS.snapshot());
            assertTrue(CALLS.queriedItems() <= buckets * 8L,
                    "at most a page plus one item a bucket, whatever the tenant's size: " + CALLS.queriedItems());
            for (JsonNode row : page.json().path("rows")) {
                long[] truth = TRUTH.get(row.path("key").asText());
                assertEquals(truth[0] + truth[2], row.path("scans").asLong(),
                        "the day's scans and those in the hours before and after it: " + row);
                seen.add(row.path("key").asText());
            }
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);
        assertEquals(new ArrayList<>(TRUTH.keySet()), seen);
        assertEquals((CODES + 6) / 7, pages);
    }

    @Test
    void groupsAndChannelsPageTheSameWay() {
        for (String groupBy : List.of("group", "channel")) {
            String range = "groupBy=" + groupBy + "&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&limit=2";
            Map<String, Long> scans = new TreeMap<>();
            String cursor = null;
            do {
                HttpCalls.Response page = rows(range + (cursor == null ? "" : "&cursor=" + cursor));
                assertEquals(200, page.status(), page.body());
                page.json().path("rows").forEach(r -> scans.put(r.path("key").asText(), r.path("scans").asLong()));
                cursor = page.json().path("nextCursor").asText(null);
            } while (cursor != null);
            Map<String, Long> truth = new TreeMap<>();
            TRUTH.forEach((code, t) -> truth.merge(
                    "group".equals(groupBy) ? GROUP_OF.get(code) : CHANNEL_OF.get(code), t[0], Long::sum));
            assertEquals(truth, scans, groupBy);
        }
    }

    @Test
    void aBadLimitOrCursorIsA400NamingTheField() {
        String range = "groupBy=code&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";
        for (String limit : List.of("0", "101", "-1", "ten", "")) {
            HttpCalls.Response r = rows(range + "&limit=" + limit);
            assertEquals(400, r.status(), limit + ": " + r.body());
            assertEquals("limit", r.json().path("error").path("field").asText(), r.body());
        }
        String codeCursor = rows(range + "&limit=1").json().path("nextCursor").asText();
        String channelRange = range.replace("groupBy=code", "groupBy=channel");
        for (String cursor : List.of("garbage", "", "MTpjb2RlOg", codeCursor)) {
            HttpCalls.Response r = rows(channelRange + "&cursor=" + cursor);
            assertEquals(400, r.status(), cursor + ": " + r.body());
            assertEquals("cursor", r.json().path("error").path("field").asText(), r.body());
        }
        assertEquals(200, rows(range + "&cursor=" + codeCursor).status(), "the same cursor with its own groupBy");
    }

    @Test
    void aPageAfterTheLastKeyIsEmptyAndFinal() {
        String last = TRUTH.keySet().stream().reduce((a, b) -> b).orElseThrow();
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1:code:" + last).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpCalls.Response r = rows("groupBy=code&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&cursor=" + cursor);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().path("rows").size());
        assertNull(r.json().path("nextCursor").asText(null));
    }
}
