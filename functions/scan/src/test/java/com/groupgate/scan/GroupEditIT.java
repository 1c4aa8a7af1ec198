package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH /v1/groups/{groupId}} as scanners see it: a new name and welcome message
 * show on the landing page within a minute, capacity cannot drop below the members, an
 * archived group's code answers 410 {@code archived} and its live code routes past it.
 */
class GroupEditIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Group edits", null);
    }

    private static HttpCalls.Response patch(String groupId, String json) {
        return world.api.call("PATCH", "/v1/groups/" + groupId, json, bearer(tenant.apiKey()));
    }

    @Test
    void aRenamedGroupShowsItsNewNameAndWelcomeWithinAMinute() {
        String groupId = world.group(tenant, "{\"name\":\"Old name\",\"welcomeMessage\":\"Old welcome\"}")
                .path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        assertEquals("Old name", world.scanJson(path).json().path("group").path("name").asText());
        var edited = patch(groupId, "{\"name\":\"New name\",\"welcomeMessage\":\"New welcome\"}");
        assertEquals(200, edited.status(), edited.body());
        assertEquals("New name", edited.text("name"));
        world.clock.advance(Duration.ofSeconds(61));
        var scan = world.scanJson(path);
        assertEquals("New name", scan.json().path("group").path("name").asText(), scan.body());
        assertEquals("New welcome", scan.text("welcomeMessage"));
        var joined = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), "renamed-1", null));
        assertEquals("New welcome", joined.text("welcomeMessage"));
    }

    @Test
    void capacityCannotDropBelowTheMembersAndBadFieldsAreNamed() {
        String groupId = world.group(tenant, "{\"name\":\"Three\",\"capacity\":10}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "m" + i, null)).status());
        }
        var below = patch(groupId, "{\"capacity\":2}");
        assertEquals(409, below.status(), below.body());
        assertEquals("capacity", below.json().path("error").path("field").asText());
        assertEquals(200, patch(groupId, "{\"capacity\":3}").status());
        var full = world.join(path, ScanWorld.joinBody(world.ticket(path), "m3", null));
        assertEquals(409, full.status(), full.body());
        assertEquals("group_full", full.errorCode());

        for (String[] bad : new String[][] {{"{\"capacity\":0}", "capacity"}, {"{\"name\":\"\"}", "name"},
                {"{\"joinPolicy\":\"maybe\"}", "joinPolicy"}, {"{\"status\":\"deleted\"}", "status"},
                {"{\"members\":5}", "members"}, {"{\"verifyAbove\":0}", "verifyAbove"}}) {
            var r = patch(groupId, bad[0]);
            assertEquals(400, r.status(), bad[0] + " " + r.body());
            assertEquals(bad[1], r.json().path("error").path("field").asText(), bad[0]);
        }
        assertEquals(3, world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("capacity").asInt());
    }

    @Test
    void anArchivedGroupsCodeAnswersArchivedAndItsLiveCodeRoutesPastIt() {
        String first = world.group(tenant, "{\"name\":\"To archive\",\"capacity\":50}").path("groupId").asText();
        String second = world.group(tenant, "{\"name\":\"Next\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, first, "{}"));
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Pool\",\"groupIds\":[\"" + first + "\",\"" + second
                + "\"]}", bearer(tenant.apiKey()));
        String livePath = ScanWorld.path(live.json());
        String ticket = world.ticket(path);

        var archived = patch(first, "{\"status\":\"archived\"}");
        assertEquals(200, archived.status(), archived.body());
        assertEquals("archived", archived.text("status"));
        var join = world.join(path, ScanWorld.joinBody(ticket, "after-archive", null));
        assertEquals(410, join.status(), "a ticket from before the archive admits no one: " + join.body());
        world.clock.advance(Duration.ofSeconds(61));
        var scan = world.scanJson(path);
        assertEquals(410, scan.status(), scan.body());
        assertEquals("archived", scan.errorCode());
        var viaLive = world.join(livePath, ScanWorld.joinBody(world.ticket(livePath), "pooled", null));
        assertEquals(200, viaLive.status(), viaLive.body());
        assertEquals(1, world.api.get("/v1/groups/" + second, bearer(tenant.apiKey())).json().path("members").asInt());
        assertTrue(world.api.get("/v1/groups/" + first, bearer(tenant.apiKey())).json().path("members").asInt() == 0);

        assertEquals(200, patch(first, "{\"status\":\"active\"}").status());
        world.clock.advance(Duration.ofSeconds(61));
        assertEquals(200, world.scanJson(path).status(), "active again");
    }
}
