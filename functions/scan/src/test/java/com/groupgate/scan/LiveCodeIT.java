package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.live.CounterShards;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.EdgeImageUrls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Live codes (活码): permanent codes whose scans and joins move on as groups fill. */
class LiveCodeIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Live tenant", null);
    }

    private static String group(String name, int capacity) {
        return world.group(tenant, "{\"name\":\"" + name + "\",\"capacity\":" + capacity + "}").path("groupId").asText();
    }

    private static JsonNode liveCode(String json) {
        var r = world.api.post("/v1/live-codes", json, bearer(tenant.apiKey()));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static String livePath(JsonNode live) {
        return ScanWorld.path(live);
    }

    private static long members(String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong();
    }

    @Test
    void concurrentJoinsFillEachGroupOfThePoolExactly() throws Exception {
        String a = group("Pool A", 100);
        String b = group("Pool B", 100);
        String c = group("Pool C", 100);
        JsonNode live = liveCode("{\"name\":\"Poster\",\"groupIds\":[\"" + a + "\",\"" + b + "\",\"" + c + "\"]}");
        assertEquals(a, live.path("currentGroupId").asText());
        assertEquals("active", live.path("status").asText());
        assertTrue(live.path("qrVersion").asInt() <= 5, live.toString());
        String path = livePath(live);

        List<HttpCalls.Response> joins = ScanWorld.concurrently(300, 32, i -> {
            var scan = world.scanJson(path);
            if (scan.status() != 200) {
                return scan;
            }
            return world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), "fan-" + i, null));
        });

        assertEquals(Map.of(200, 300L), ScanWorld.histogram(joins));
        assertEquals(100, members(a));
        assertEquals(100, members(b));
        assertEquals(100, members(c));
        var later = world.scanJson(path);
        assertEquals(409, later.status(), later.body());
        assertEquals("group_full", later.errorCode());
        var view = world.api.get("/v1/live-codes/" + live.path("liveCodeId").asText(), bearer(tenant.apiKey()));
        assertTrue(view.json().path("currentGroupId").isNull(), view.body());
    }

    @Test
    void switchAfterJoinsMovesScansToTheNextGroup() {
        String a = group("Switch A", 500);
        String b = group("Switch B", 500);
        JsonNode live = liveCode("{\"name\":\"Menu\",\"groupIds\":[\"" + a + "\",\"" + b + "\"],\"switchAfterJoins\":2}");
        String path = livePath(live);
        for (int i = 0; i < 3; i++) {
            var scan = world.scanJson(path);
            assertEquals(200, scan.status(), scan.body());
            assertEquals(i < 2 ? "Switch A" : "Switch B", scan.json().path("group").path("name").asText());
            var joined = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), "m" + i, null));
            assertEquals(200, joined.status(), joined.body());
        }
        assertEquals(2, members(a));
        assertEquals(1, members(b));
    }

    @Test
    void editingThePoolWhileScansRunNeverRoutesToARemovedGroup() throws Exception {
        String removed = group("Removed", 3000);
        String kept = group("Kept", 3000);
        JsonNode live = liveCode("{\"name\":\"Edited\",\"groupIds\":[\"" + removed + "\",\"" + kept + "\"]}");
        String id = live.path("liveCodeId").asText();
        String path = livePath(live);
        AtomicBoolean edited = new AtomicBoolean();
        List<String[]> seen = ScanWorld.concurrently(120, 16, i -> {
            if (i == 40) {
                var put = world.api.call("PUT", "/v1/live-codes/" + id, Map.of(),
                        "{\"groupIds\":[\"" + kept + "\"]}", bearer(tenant.apiKey()), ScanWorld.SOURCE_IP);
                assertEquals(200, put.status(), put.body());
                edited.set(true);
                return new String[] {"edit", ""};
            }
            boolean afterEdit = edited.get();
            var scan = world.scanJson(path);
            assertEquals(200, scan.status(), scan.body());
            var join = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), "e" + i, null));
            assertEquals(200, join.status(), join.body());
            return new String[] {afterEdit ? "after" : "before", scan.json().path("group").path("name").asText()};
        });
        for (String[] s : seen) {
            if ("after".equals(s[0])) {
                assertEquals("Kept", s[1], "a scan that began after the edit was routed to the removed group");
            }
        }
        long joinedAfterEdit = members(kept);
        // Every join after the edit went to the kept group; joins never reached a group no longer in the pool.
        var again = world.scanJson(path);
        assertEquals("Kept", again.json().path("group").path("name").asText());
        var join = world.join(path, ScanWorld.joinBody(again.text("joinTicket"), "late", null));
        assertEquals(200, join.status(), join.body());
        assertEquals(joinedAfterEdit + 1, members(kept));
    }

    @Test
    void shardedCountersSumExactlyAndTheCapHoldsAcrossShards() throws Exception {
        String g = group("Capped", 3000);
        JsonNode live = liveCode("{\"name\":\"Capped\",\"groupIds\":[\"" + g + "\"],\"dailyScanLimit\":50}");
        String path = livePath(live);
        List<HttpCalls.Response> scans = ScanWorld.concurrently(90, 32, i -> world.scanJson(path));
        assertEquals(Map.of(200, 50L, 429, 40L), ScanWorld.histogram(scans));
        scans.stream().filter(r -> r.status() == 429)
                .forEach(r -> assertTrue(Long.parseLong(r.headers().get("retry-after")) > 0));

        String id = live.path("liveCodeId").asText();
        long sum = 0;
        Set<Integer> used = new java.util.HashSet<>();
        var dynamo = TestDeployment.get().clients().dynamo();
        for (int k = 0; k < CounterShards.COUNT; k++) {
            int shard = k;
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TestDeployment.get().mainTable())
                    .key(shardKey(id, shard))).item();
            for (AttributeValue v : item.get("daily").m().values()) {
                sum += Long.parseLong(v.n());
                used.add(k);
            }
        }
        assertEquals(50, sum, "shards hold exactly the accepted scans");
        assertTrue(used.size() > 1, "scans spread over more than one shard");
        var view = world.api.get("/v1/live-codes/" + id, bearer(tenant.apiKey()));
        assertEquals(50, view.json().path("scansToday").asLong(), view.body());
    }

    @Test
    void uncappedScansSpreadOverShardsAndSumExactly() throws Exception {
        String g = group("Viral", 3000);
        JsonNode live = liveCode("{\"name\":\"Viral\",\"groupIds\":[\"" + g + "\"]}");
        List<HttpCalls.Response> scans = ScanWorld.concurrently(120, 32, i -> world.scanJson(livePath(live)));
        assertEquals(Map.of(200, 120L), ScanWorld.histogram(scans));
        var view = world.api.get("/v1/live-codes/" + live.path("liveCodeId").asText(), bearer(tenant.apiKey()));
        assertEquals(120, view.json().path("scansToday").asLong(), view.body());
    }

    @Test
    void aRevokedLiveCodeIsRefusedAndItsImageNeverChanges() {
        String g = group("Revoked pool", 10);
        JsonNode live = liveCode("{\"name\":\"Old poster\",\"groupIds\":[\"" + g + "\"],\"channel\":\"store-7\"}");
        String id = live.path("liveCodeId").asText();
        var again = world.api.get("/v1/live-codes/" + id, bearer(tenant.apiKey()));
        assertEquals(live.path("scanUrl").asText(), again.text("scanUrl"), "the printed code must never change");
        assertNotEquals(live.path("imageUrl").asText(), "", live.toString());
        var image = EdgeImageUrls.get(again.text("imageUrl"));
        assertEquals(200, image.status());
        assertEquals("image/png", image.headers().get("content-type"));
        assertTrue(again.text("imageUrl").contains("/i/l/"), "a live code's image never expires: "
                + again.text("imageUrl"));
        var revoked = world.api.post("/v1/live-codes/" + id + "/revoke", null, bearer(tenant.apiKey()));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.text("status"));
        var scan = world.scanJson(livePath(live));
        assertEquals(410, scan.status(), scan.body());
        assertEquals("revoked", scan.errorCode());
    }

    @Test
    void badPoolsAreRefusedNamingTheField() {
        var unknown = world.api.post("/v1/live-codes", "{\"name\":\"Bad\",\"groupIds\":[\"aaaaaaaaaaaaa\"]}",
                bearer(tenant.apiKey()));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("groupIds", unknown.json().path("error").path("field").asText());
        var empty = world.api.post("/v1/live-codes", "{\"name\":\"Bad\",\"groupIds\":[]}", bearer(tenant.apiKey()));
        assertEquals("groupIds", empty.json().path("error").path("field").asText());
        String g = group("Dup", 10);
        var dup = world.api.post("/v1/live-codes", "{\"name\":\"Bad\",\"groupIds\":[\"" + g + "\",\"" + g + "\"]}",
                bearer(tenant.apiKey()));
        assertEquals("groupIds", dup.json().path("error").path("field").asText());
        var zero = world.api.post("/v1/live-codes", "{\"name\":\"Bad\",\"groupIds\":[\"" + g + "\"],\"switchAfterJoins\":0}",
                bearer(tenant.apiKey()));
        assertEquals("switchAfterJoins", zero.json().path("error").path("field").asText());
    }

    private static Map<String, AttributeValue> shardKey(String liveCodeId, int shard) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", AttributeValue.fromS("T#" + tenant.tenantId() + "#LIVE#" + liveCodeId + "#SHARD#" + shard));
        key.put("sk", AttributeValue.fromS("SHARD"));
        return key;
    }
}
