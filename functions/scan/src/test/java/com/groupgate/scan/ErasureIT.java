package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/erasure}: one memberRef leaves every group of the tenant — memberships
 * with their seats, join requests pending or decided — and nothing else moves: other
 * members, other requests, the same ref in another tenant. The answer names the member
 * only by a keyed hash; repeating it removes nothing more; afterwards no table holds the
 * ref, a membership removed before the erasure included. (Webhook events and deliveries
 * after an erasure: ErasedMemberWebhooksIT.)
 */
class ErasureIT {
    static ScanWorld world;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
    }

    @Test
    void aMemberRefLeavesEveryGroupAndEveryRequestAndNothingElseMoves() {
        ScanWorld.Tenant t = world.tenant("Erasing", null);
        ScanWorld.Tenant other = world.tenant("Unrelated", null);
        String open = world.group(t, "{\"name\":\"Open\",\"capacity\":5}").path("groupId").asText();
        String second = world.group(t, "{\"name\":\"Second\",\"capacity\":5}").path("groupId").asText();
        String asked = world.group(t, "{\"name\":\"Asked\",\"capacity\":5,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        join(t, open, "alice");
        join(t, open, "bob");
        join(t, second, "alice");
        join(t, asked, "alice");
        join(t, asked, "bob");
        String decided = world.group(t, "{\"name\":\"Decided\",\"capacity\":5,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        join(t, decided, "alice");
        String requestId = world.api.get("/v1/groups/" + decided + "/join-requests", bearer(t.apiKey())).json()
                .path("items").get(0).path("requestId").asText();
        assertEquals(200, world.api.post("/v1/join-requests/" + requestId + "/reject", null, bearer(t.apiKey()))
                .status());
        String otherGroup = world.group(other, "{\"name\":\"Theirs\",\"capacity\":5}").path("groupId").asText();
        join(other, otherGroup, "alice");

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(t.apiKey()));
        assertEquals(200, erased.status(), erased.body());
        assertEquals(2, erased.json().path("membershipsRemoved").asInt(), erased.body());
        assertEquals(2, erased.json().path("requestsRemoved").asInt(), "pending and rejected: " + erased.body());
        String hash = erased.json().path("memberRefHash").asText();
        assertEquals(22, hash.length(), hash);
        assertFalse(erased.body().contains("alice"), "the answer names the member only by its hash");

        assertEquals(List.of("bob"), members(t, open));
        assertEquals(List.of(), members(t, second));
        assertEquals(1, group(t, open).path("members").asInt(), "alice's seat is free");
        assertEquals(0, group(t, second).path("members").asInt());
        assertEquals(List.of("bob"), requesters(t, asked, "pending"));
        assertEquals(List.of(), requesters(t, decided, "rejected"));
        assertEquals(List.of("alice"), members(other, otherGroup), "another tenant's alice is another person");

        var again = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(t.apiKey()));
        assertEquals(200, again.status(), again.body());
        assertEquals(0, again.json().path("membershipsRemoved").asInt());
        assertEquals(0, again.json().path("requestsRemoved").asInt());
        assertEquals(hash, again.json().path("memberRefHash").asText(), "the same member, the same hash");
        var theirs = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(other.apiKey()));
        assertNotEquals(hash, theirs.json().path("memberRefHash").asText(), "hashes do not link tenants");
        assertEquals(List.of(), members(other, otherGroup));
    }

    @Test
    void afterAnErasureNoTableHoldsTheRefAnywhere() {
        ScanWorld.Tenant t = world.tenant("Forgetting", null);
        String ref = "erin." + Long.toString(System.nanoTime(), 36);
        String open = world.group(t, "{\"name\":\"Open\",\"capacity\":5}").path("groupId").asText();
        String asked = world.group(t, "{\"name\":\"Asked\",\"capacity\":5,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String approved = world.group(t, "{\"name\":\"Approved\",\"capacity\":5,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String left = world.group(t, "{\"name\":\"Left before\",\"capacity\":5}").path("groupId").asText();
        join(t, open, ref);
        join(t, asked, ref);
        join(t, approved, ref);
        join(t, left, ref);
        // Removed before the erasure: no member item leads the erasure to what else names it.
        assertEquals(204, world.api.call("DELETE", "/v1/groups/" + left + "/members/" + ref, null,
                bearer(t.apiKey())).status());
        String requestId = world.api.get("/v1/groups/" + approved + "/join-requests", bearer(t.apiKey())).json()
                .path("items").get(0).path("requestId").asText();
        assertEquals(200, world.api.post("/v1/join-requests/" + requestId + "/approve", null, bearer(t.apiKey()))
                .status());
        assertFalse(holding(ref).isEmpty(), "the ref is stored: members, requests, tickets");

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"" + ref + "\"}", bearer(t.apiKey()));
        assertEquals(200, erased.status(), erased.body());
        assertEquals(List.of(), holding(ref), "no item of any table holds the ref, the audit log included");
    }

    /** Every item of every table (main, analytics, audit) holding {@code text} anywhere, as {@code table pk|sk}. */
    private static List<String> holding(String text) {
        com.groupgate.testkit.TestDeployment aws = com.groupgate.testkit.TestDeployment.get();
        List<String> out = new java.util.ArrayList<>();
        for (String table : List.of("MainTable", "AnalyticsTable", "AuditTable")) {
            String name = aws.resources().ref(table);
            aws.clients().dynamo().scanPaginator(q -> q.tableName(name)).items().forEach(item -> {
                if (item.toString().contains(text)) {
                    out.add(table + " " + item.get("pk").s() + "|" + item.get("sk").s());
                }
            });
        }
        return out;
    }

    @Test
    void badInputIsRefusedNamingMemberRefAndAReadKeyMayNotErase() {
        ScanWorld.Tenant t = world.tenant("Careful eraser", null);
        String g = world.group(t, "{\"name\":\"G\",\"capacity\":5}").path("groupId").asText();
        join(t, g, "carol");
        for (String body : List.of("{}", "{\"memberRef\":\"\"}", "{\"memberRef\":\"has space\"}",
                "{\"memberRef\":7}", "{\"memberRef\":\"carol\",\"extra\":1}")) {
            var r = world.api.post("/v1/erasure", body, bearer(t.apiKey()));
            assertEquals(400, r.status(), body + ": " + r.body());
        }
        String readKey = world.api.post("/v1/keys", "{\"name\":\"ro\",\"scope\":\"read\"}", bearer(t.apiKey()))
                .text("apiKey");
        assertEquals(403, world.api.post("/v1/erasure", "{\"memberRef\":\"carol\"}", bearer(readKey)).status());
        assertEquals(401, world.api.post("/v1/erasure", "{\"memberRef\":\"carol\"}", bearer("gg_nope")).status());
        assertEquals(List.of("carol"), members(t, g), "nothing was erased");
    }

    /** A scan of a fresh code of {@code groupId} and a join as {@code memberRef}: joined or pending. */
    private static void join(ScanWorld.Tenant t, String groupId, String memberRef) {
        String path = ScanWorld.path(world.code(t, groupId, "{}"));
        HttpCalls.Response r = world.join(path, ScanWorld.joinBody(world.ticket(path), memberRef, null));
        assertTrue(r.status() == 200 || r.status() == 202, r.body());
    }

    private static List<String> members(ScanWorld.Tenant t, String groupId) {
        JsonNode items = world.api.get("/v1/groups/" + groupId + "/members", bearer(t.apiKey())).json().path("items");
        return items.findValuesAsText("memberRef").stream().sorted().toList();
    }

    private static List<String> requesters(ScanWorld.Tenant t, String groupId, String status) {
        JsonNode items = world.api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("status", status),
                null, bearer(t.apiKey()), ScanWorld.SOURCE_IP).json().path("items");
        return items.findValuesAsText("memberRef").stream().sorted().toList();
    }

    private static JsonNode group(ScanWorld.Tenant t, String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(t.apiKey())).json();
    }
}
