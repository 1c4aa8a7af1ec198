package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JoinCapacityIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Capacity tenant", null);
    }

    private static List<String> tickets(String path, int n) throws Exception {
        return ScanWorld.concurrently(n, 32, i -> world.ticket(path));
    }

    private static long members(String groupId) {
        var g = world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey()));
        assertEquals(200, g.status(), g.body());
        return g.json().path("members").asLong();
    }

    @Test
    void membersNeverExceedCapacity() throws Exception {
        String groupId = world.group(tenant, "{\"name\":\"Open 250\",\"capacity\":250}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{\"dailyScanLimit\":1000}"));
        List<String> tickets = tickets(path, 300);

        List<HttpCalls.Response> joins = ScanWorld.concurrently(300, 32,
                i -> world.join(path, ScanWorld.joinBody(tickets.get(i), "member-" + i, null)));

        assertEquals(Map.of(200, 250L, 409, 50L), ScanWorld.histogram(joins));
        joins.stream().filter(r -> r.status() == 409).forEach(r -> assertEquals("group_full", r.errorCode()));
        joins.stream().filter(r -> r.status() == 200).forEach(r -> assertEquals("joined", r.text("status")));
        assertEquals(250, members(groupId));
    }

    @Test
    void approvalsNeverExceedCapacity() throws Exception {
        String groupId = world.group(tenant, "{\"name\":\"Approval 100\",\"capacity\":100,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{\"dailyScanLimit\":1000}"));
        List<String> tickets = tickets(path, 150);
        List<HttpCalls.Response> requests = ScanWorld.concurrently(150, 32,
                i -> world.join(path, ScanWorld.joinBody(tickets.get(i), "asker-" + i, null)));
        assertEquals(Map.of(202, 150L), ScanWorld.histogram(requests));

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("status", "pending", "limit", "100"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var pending = world.api.call("GET", "/v1/groups/" + groupId + "/join-requests", query, null,
                    bearer(tenant.apiKey()), ScanWorld.SOURCE_IP);
            assertEquals(200, pending.status(), pending.body());
            pending.json().path("items").forEach(item -> ids.add(item.path("requestId").asText()));
            cursor = pending.json().path("nextCursor").isNull() ? null : pending.json().path("nextCursor").asText();
        } while (cursor != null);
        assertEquals(150, ids.size());

        List<HttpCalls.Response> approvals = ScanWorld.concurrently(150, 32,
                i -> world.api.post("/v1/join-requests/" + ids.get(i) + "/approve", null, bearer(tenant.apiKey())));

        assertEquals(Map.of(200, 100L, 409, 50L), ScanWorld.histogram(approvals));
        approvals.stream().filter(r -> r.status() == 409).forEach(r -> assertEquals("group_full", r.errorCode()));
        assertEquals(100, members(groupId));
    }

    @Test
    void sameMemberRefJoiningTwiceCountsOnce() {
        String groupId = world.group(tenant, "{\"name\":\"Twice\",\"capacity\":10}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        for (int i = 0; i < 2; i++) {
            var r = world.join(path, ScanWorld.joinBody(world.ticket(path), "alice", null));
            assertEquals(200, r.status(), r.body());
        }
        assertEquals(1, members(groupId));
    }

    @Test
    void sameMemberRefRacingItselfCountsOnce() throws Exception {
        JsonNode group = world.group(tenant, "{\"name\":\"Race\",\"capacity\":10}");
        String groupId = group.path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        List<String> tickets = tickets(path, 20);
        List<HttpCalls.Response> joins = ScanWorld.concurrently(20, 20,
                i -> world.join(path, ScanWorld.joinBody(tickets.get(i), "bob", null)));
        assertEquals(Map.of(200, 20L), ScanWorld.histogram(joins));
        assertEquals(1, members(groupId));
    }
}
