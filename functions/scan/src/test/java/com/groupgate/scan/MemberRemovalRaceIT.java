package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Removing a member frees exactly one seat, whatever joins race it: 100 joins and 20
 * removals at once on a group of 50 never pass its capacity, and afterwards the group's
 * count is the number of members listed.
 */
class MemberRemovalRaceIT {

    @Test
    void joinsRacingRemovalsNeverExceedCapacityAndTheCountMatchesTheList() throws Exception {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Seats", null);
        String groupId = world.group(tenant, "{\"name\":\"Fifty seats\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{\"dailyScanLimit\":100000}"));
        for (int i = 0; i < 30; i++) {
            assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "early-" + i, null)).status());
        }
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tickets.add(world.ticket(path));
        }

        List<HttpCalls.Response> answers = ScanWorld.concurrently(120, 24, i -> i < 100
                ? world.join(path, ScanWorld.joinBody(tickets.get(i), "racer-" + i, null))
                : world.api.call("DELETE", "/v1/groups/" + groupId + "/members/early-" + (i - 100), null,
                        bearer(tenant.apiKey())));
        long joined = answers.subList(0, 100).stream().filter(a -> a.status() == 200).count();
        answers.subList(0, 100).stream().filter(a -> a.status() != 200).forEach(a -> {
            assertEquals(409, a.status(), a.body());
            assertEquals("group_full", a.errorCode());
        });
        answers.subList(100, 120).forEach(a -> assertEquals(204, a.status(), a.body()));

        long members = world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong();
        Set<String> listed = listAll(world, tenant, groupId);
        assertTrue(members <= 50, "over capacity: " + members);
        assertEquals(listed.size(), members, "the count is the members listed");
        assertEquals(30 - 20 + joined, members, "each accepted join took one seat, each removal freed one");
        assertTrue(joined >= 20, "the freed seats were taken: " + joined);
        for (int i = 0; i < 20; i++) {
            assertTrue(!listed.contains("early-" + i), "removed early-" + i);
        }
        // Removing again is 404 and frees nothing.
        var again = world.api.call("DELETE", "/v1/groups/" + groupId + "/members/early-0", null, bearer(tenant.apiKey()));
        assertEquals(404, again.status(), again.body());
        assertEquals(members, world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members")
                .asLong());
    }

    /** Every memberRef, following nextCursor a page of 7 at a time. */
    private static Set<String> listAll(ScanWorld world, ScanWorld.Tenant tenant, String groupId) {
        Set<String> out = new HashSet<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "7") : Map.of("limit", "7", "cursor", cursor);
            var page = world.api.call("GET", "/v1/groups/" + groupId + "/members", query, null,
                    bearer(tenant.apiKey()), ScanWorld.SOURCE_IP);
            assertEquals(200, page.status(), page.body());
            JsonNode items = page.json().path("items");
            assertTrue(items.size() <= 7);
            items.forEach(m -> {
                assertTrue(out.add(m.path("memberRef").asText()), "listed twice: " + m);
                assertTrue(m.path("joinedAt").asText().endsWith("Z"), m.toString());
            });
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        return out;
    }
}
