package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The code and live-code lists page the same way (MainTableKeys' list cursor, NewestFirst):
 * followed cursor by cursor, each lists every one of the tenant's items once, and a cursor
 * of a shape the API never hands out is a 400 naming {@code cursor}.
 */
class CodeListsPagingIT {
    private final HttpCalls api = ApiTestbed.api(Clock.systemUTC());

    @Test
    void followingTheCodesCursorListsEveryCodeOnce() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Paged Codes Co");
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Paged\"}");
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var code = api.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth());
            assertEquals(201, code.status(), code.body());
            issued.add(code.text("codeId"));
        }
        List<String> listed = pages(tenant, "/v1/codes", "codeId");
        assertEquals(new HashSet<>(issued), new HashSet<>(listed));
        assertEquals(issued.size(), listed.size(), "each code once: " + listed);
    }

    @Test
    void followingTheLiveCodesCursorListsEveryLiveCodeOnce() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Paged Live Codes Co");
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Paged\"}");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var live = api.post("/v1/live-codes", "{\"name\":\"Poster " + i + "\",\"groupIds\":[\"" + groupId + "\"]}",
                    tenant.auth());
            assertEquals(201, live.status(), live.body());
            created.add(live.text("liveCodeId"));
        }
        List<String> listed = pages(tenant, "/v1/live-codes", "liveCodeId");
        assertEquals(new HashSet<>(created), new HashSet<>(listed));
        assertEquals(created.size(), listed.size(), "each live code once: " + listed);
    }

    @Test
    void aCursorTheApiNeverHandsOutIsRefusedByBothLists() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Bad Cursor Co");
        for (String path : List.of("/v1/codes", "/v1/live-codes")) {
            for (String cursor : List.of("1765000000#abc", "001765000000#not-an-id", "GROUP#x")) {
                var r = api.call("GET", path, Map.of("limit", "2", "cursor", cursor), null, tenant.auth(),
                        "198.51.100.7");
                assertEquals(400, r.status(), path + " " + cursor + ": " + r.body());
                assertEquals("cursor", r.json().path("error").path("field").asText(), r.body());
            }
        }
    }

    /** Every page of {@code path} at two items a page, the ids in the order listed. */
    private List<String> pages(TestTenant tenant, String path, String idField) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            Map<String, String> query = cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor);
            var r = api.call("GET", path, query, null, tenant.auth(), "198.51.100.7");
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            body.path("items").forEach(i -> ids.add(i.path(idField).asText()));
            assertTrue(body.path("items").size() <= 2, r.body());
            JsonNode next = body.path("nextCursor");
            if (next.isMissingNode() || next.isNull()) {
                assertTrue(page >= 1, "three items do not fit one page of two: " + r.body());
                return ids;
            }
            cursor = next.asText();
        }
        assertNull(cursor, "still paging after 10 pages");
        return ids;
    }
}
