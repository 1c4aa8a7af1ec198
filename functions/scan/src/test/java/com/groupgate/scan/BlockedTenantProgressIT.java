package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A blocked tenant's progress links answer as its codes do: 451 {@code blocked} without the
 * operator's reason (a refusal page for a browser), within the minute the block takes to
 * reach the scan function's memory; other tenants' links are untouched, and unblocking
 * restores them.
 */
class BlockedTenantProgressIT {
    private static final String PROGRESS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/P/");

    private final ScanWorld world = new ScanWorld();

    private String progressPath(ScanWorld.Tenant t) {
        String groupId = world.group(t, "{\"name\":\"Club\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(t, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Friends\",\"groupId\":\"" + groupId
                + "\",\"goal\":2,\"reward\":\"a mug\"}", bearer(t.apiKey()));
        assertEquals(201, c.status(), c.body());
        var joined = world.join(path, ScanWorld.joinBody(world.ticket(path), "alice", null));
        assertEquals(200, joined.status(), joined.body());
        String url = joined.json().path("invite").path("progressUrl").asText();
        return "/P/" + url.substring(PROGRESS_BASE.length());
    }

    private HttpCalls.Response admin(String path) {
        return world.api.post(path, "{\"reason\":\"court order 9\"}", bearer(TestDeployment.ADMIN_KEY));
    }

    @Test
    void aBlockedTenantsProgressLinksAnswer451LikeItsCodesUntilUnblocked() {
        ScanWorld.Tenant t = world.tenant("Blocked progress", null);
        ScanWorld.Tenant bystander = world.tenant("Progress bystander", null);
        String progress = progressPath(t);
        String otherProgress = progressPath(bystander);
        assertEquals(200, world.scanJson(progress).status());

        assertEquals(200, admin("/v1/admin/tenants/" + t.tenantId() + "/block").status());
        world.clock.advance(BlockingIT.PAST_CACHES);
        var refused = world.scanJson(progress);
        assertEquals(451, refused.status(), refused.body());
        assertEquals("blocked", refused.errorCode());
        assertFalse(refused.body().contains("court order"), "no operator's reason for a link holder: " + refused.body());
        var page = world.scan(progress, Map.of("accept", "text/html"), ScanWorld.SOURCE_IP);
        assertEquals(451, page.status(), "a browser gets the refusal page: " + page.body());
        assertFalse(page.body().contains("court order"), page.body());
        assertEquals(200, world.scanJson(otherProgress).status(), "other tenants are not touched");

        assertEquals(200, admin("/v1/admin/tenants/" + t.tenantId() + "/unblock").status());
        world.clock.advance(BlockingIT.PAST_CACHES);
        assertEquals(200, world.scanJson(progress).status());
    }
}
