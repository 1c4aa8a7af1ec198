package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's blocks as scanners and tenants meet them: a blocked group's code answers
 * 451 {@code blocked} (at once for joins, within a minute for scans), its live code routes
 * past it, and its tenant sees why; a blocked tenant's every code answers 451 and every
 * key 403 {@code tenant_blocked}; unblocking restores both.
 */
class BlockingIT {
    static final Duration PAST_CACHES = Duration.ofSeconds(61);

    static ScanWorld world;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
    }

    private static HttpCalls.Response admin(String path, String body) {
        return world.api.post(path, body, bearer(TestDeployment.ADMIN_KEY));
    }

    private static void assertBlocked(HttpCalls.Response r, String what) {
        assertEquals(451, r.status(), what + ": " + r.body());
        assertEquals("blocked", r.errorCode(), what);
        assertFalse(r.body().contains("court order"), "a scanner is not told the operator's reason: " + r.body());
    }

    @Test
    void aBlockedGroupsCodeAnswers451ItsLiveCodeRoutesPastItAndUnblockRestores() {
        ScanWorld.Tenant t = world.tenant("Blocked group", null);
        String first = world.group(t, "{\"name\":\"To block\",\"capacity\":50}").path("groupId").asText();
        String second = world.group(t, "{\"name\":\"Next\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(t, first, "{}"));
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Pool\",\"groupIds\":[\"" + first + "\",\"" + second
                + "\"]}", bearer(t.apiKey()));
        String livePath = ScanWorld.path(live.json());
        String ticket = world.ticket(path);
        String base = "/v1/admin/tenants/" + t.tenantId() + "/groups/" + first;

        var blocked = admin(base + "/block", "{\"reason\":\"court order 12\"}");
        assertEquals(200, blocked.status(), blocked.body());
        assertEquals("court order 12", blocked.json().path("blocked").path("reason").asText());
        var seen = world.api.get("/v1/groups/" + first, bearer(t.apiKey()));
        assertEquals("court order 12", seen.json().path("blocked").path("reason").asText(),
                "the tenant (and its dashboard) sees that and why: " + seen.body());
        assertBlocked(world.join(path, ScanWorld.joinBody(ticket, "after-block", null)),
                "a ticket from before the block admits no one");

        world.clock.advance(PAST_CACHES);
        assertBlocked(world.scanJson(path), "the group's code");
        var page = world.scan(path, Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(451, page.status(), "a browser gets the refusal page");
        var viaLive = world.join(livePath, ScanWorld.joinBody(world.ticket(livePath), "pooled", null));
        assertEquals(200, viaLive.status(), viaLive.body());
        assertEquals(1, world.api.get("/v1/groups/" + second, bearer(t.apiKey())).json().path("members").asInt());
        assertEquals(0, world.api.get("/v1/groups/" + first, bearer(t.apiKey())).json().path("members").asInt());

        var unblocked = admin(base + "/unblock", "{\"reason\":\"appeal granted\"}");
        assertEquals(200, unblocked.status(), unblocked.body());
        assertFalse(unblocked.json().has("blocked"), unblocked.body());
        var rejoin = world.join(path, ScanWorld.joinBody(ticket, "after-unblock", null));
        assertEquals(200, rejoin.status(), "joins see the unblock at once; the refused ticket was not spent: "
                + rejoin.body());
        world.clock.advance(PAST_CACHES);
        assertEquals(200, world.scanJson(path).status(), "scans within the minute");
    }

    @Test
    void aBlockedTenantsCodesAnswer451AndItsKeys403UntilUnblocked() {
        ScanWorld.Tenant t = world.tenant("Blocked tenant", null);
        ScanWorld.Tenant bystander = world.tenant("Bystander", null);
        String groupId = world.group(t, "{\"name\":\"Group\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(t, groupId, "{}"));
        String livePath = ScanWorld.path(world.api.post("/v1/live-codes", "{\"name\":\"Pool\",\"groupIds\":[\""
                + groupId + "\"]}", bearer(t.apiKey())).json());
        var readKey = world.api.post("/v1/keys", "{\"name\":\"board\",\"scope\":\"read\"}", bearer(t.apiKey()));
        assertEquals(201, readKey.status(), readKey.body());
        String otherPath = ScanWorld.path(world.openCode(bystander, "{}"));
        String ticket = world.ticket(path);
        String base = "/v1/admin/tenants/" + t.tenantId();

        var blocked = admin(base + "/block", "{\"reason\":\"court order 7\"}");
        assertEquals(200, blocked.status(), blocked.body());
        assertEquals("court order 7", blocked.json().path("blocked").path("reason").asText());
        for (String key : new String[] {t.apiKey(), readKey.text("apiKey")}) {
            var listed = world.api.get("/v1/groups", bearer(key));
            assertEquals(403, listed.status(), listed.body());
            assertEquals("tenant_blocked", listed.errorCode());
            assertTrue(listed.json().path("error").path("message").asText().contains("court order 7"),
                    "the tenant is told why: " + listed.body());
        }
        var create = world.api.post("/v1/groups", "{\"name\":\"More\"}", bearer(t.apiKey()));
        assertEquals(403, create.status(), create.body());
        assertEquals("tenant_blocked", create.errorCode());

        world.clock.advance(PAST_CACHES);
        assertBlocked(world.scanJson(path), "the tenant's group code");
        assertBlocked(world.scanJson(livePath), "the tenant's live code");
        assertBlocked(world.join(path, ScanWorld.joinBody(ticket, "late", null)), "a join with an older ticket");
        assertEquals(200, world.scanJson(otherPath).status(), "other tenants are not touched");

        var unblocked = admin(base + "/unblock", "{}");
        assertEquals(200, unblocked.status(), unblocked.body());
        assertTrue(unblocked.json().path("blocked").isNull(), unblocked.body());
        assertEquals(200, world.api.get("/v1/groups", bearer(t.apiKey())).status(), "keys work again");
        world.clock.advance(PAST_CACHES);
        assertEquals(200, world.scanJson(path).status());
        assertEquals(200, world.scanJson(livePath).status());
    }

    @Test
    void aBlockedGroupTakesNoApprovedMemberAndGetsNoNewCode() {
        ScanWorld.Tenant t = world.tenant("Blocked decisions", null);
        String groupId = world.group(t, "{\"name\":\"Asked\",\"joinPolicy\":\"approval\"}").path("groupId").asText();
        String codeId = world.code(t, groupId, "{}").path("codeId").asText();
        String path = ScanWorld.path(world.api.get("/v1/codes/" + codeId, bearer(t.apiKey())).json());
        var filed = world.join(path, ScanWorld.joinBody(world.ticket(path), "waiting-1", null));
        assertEquals(202, filed.status(), filed.body());
        String base = "/v1/admin/tenants/" + t.tenantId() + "/groups/" + groupId;
        assertEquals(200, admin(base + "/block", "{\"reason\":\"court order 4\"}").status());

        var approve = world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(t.apiKey()));
        assertEquals(451, approve.status(), "the write itself refuses a blocked group: " + approve.body());
        assertEquals("blocked", approve.errorCode());
        assertEquals(0, world.api.get("/v1/groups/" + groupId, bearer(t.apiKey())).json().path("members").asInt());
        var issued = world.api.post("/v1/groups/" + groupId + "/codes", "{}", bearer(t.apiKey()));
        assertEquals(451, issued.status(), issued.body());
        assertTrue(issued.body().contains("court order 4"), "the tenant is told why: " + issued.body());
        assertEquals(451, world.api.post("/v1/codes/" + codeId + "/refresh", null, bearer(t.apiKey())).status());

        assertEquals(200, admin(base + "/unblock", "{}").status());
        assertEquals(200, world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(t.apiKey())).status(), "the request waited out the block");
        assertEquals(201, world.api.post("/v1/groups/" + groupId + "/codes", "{}", bearer(t.apiKey())).status());
    }

    @Test
    void anApprovedJoinersStatusRevealsNoEntryWhileTheGroupIsBlocked() {
        ScanWorld.Tenant t = world.tenant("Blocked approvals", null);
        String groupId = world.group(t, "{\"name\":\"Approval\",\"joinPolicy\":\"approval\"}").path("groupId").asText();
        String link = "https://chat.whatsapp.com/BlockedEntry1";
        assertEquals(200, world.api.call("PATCH", "/v1/groups/" + groupId,
                "{\"entry\":{\"type\":\"link\",\"url\":\"" + link + "\"}}", bearer(t.apiKey())).status());
        String path = ScanWorld.path(world.code(t, groupId, "{}"));
        var filed = world.join(path, ScanWorld.joinBody(world.ticket(path), "approved-1", null));
        assertEquals(202, filed.status(), filed.body());
        String statusUrl = filed.text("statusUrl");
        String statusPath = "/R/" + statusUrl.substring(statusUrl.lastIndexOf("/R/") + 3);
        assertEquals(200, world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(t.apiKey())).status());
        String base = "/v1/admin/tenants/" + t.tenantId() + "/groups/" + groupId;
        assertEquals(200, admin(base + "/block", "{\"reason\":\"court order 3\"}").status());
        var hidden = world.scans().call("GET", statusPath, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP);
        assertEquals("approved", hidden.text("status"), hidden.body());
        assertFalse(hidden.body().contains(link), "no way into a blocked group: " + hidden.body());
        assertEquals(200, admin(base + "/unblock", "{}").status());
        var shown = world.scans().call("GET", statusPath, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP);
        assertEquals(link, shown.json().path("entry").path("url").asText(), shown.body());
    }

    @Test
    void blockRoutesTakeTheAdminKeyAReasonAndARealTarget() {
        ScanWorld.Tenant t = world.tenant("Block input", null);
        String groupId = world.group(t, "{\"name\":\"Group\"}").path("groupId").asText();
        String base = "/v1/admin/tenants/" + t.tenantId();
        for (String body : new String[] {"{}", "{\"reason\":\"  \"}", "{\"reason\":5}",
                "{\"reason\":\"" + "r".repeat(501) + "\"}", "{\"reason\":\"x\",\"until\":1}"}) {
            var r = admin(base + "/groups/" + groupId + "/block", body);
            assertEquals(400, r.status(), body + " " + r.body());
            String field = body.contains("until") ? "until" : "reason";
            assertEquals(field, r.json().path("error").path("field").asText(), body);
        }
        assertFalse(world.api.get("/v1/groups/" + groupId, bearer(t.apiKey())).json().has("blocked"),
                "nothing written");
        var byTenant = world.api.post(base + "/block", "{\"reason\":\"self\"}", bearer(t.apiKey()));
        assertEquals(401, byTenant.status(), byTenant.body());
        assertEquals(404, admin("/v1/admin/tenants/aaaaaaaaaaaaa/block", "{\"reason\":\"x\"}").status());
        assertEquals(404, admin(base + "/groups/aaaaaaaaaaaaa/block", "{\"reason\":\"x\"}").status());
        assertEquals(404, admin("/v1/admin/tenants/aaaaaaaaaaaaa/groups/" + groupId + "/unblock", "{}").status(),
                "a group under another tenant's id is not found");
        assertEquals(200, world.api.get("/v1/groups", bearer(t.apiKey())).status(), "still not blocked");
    }
}
