package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: 401 without the right key, and another tenant's resource is 404, never 403. */
class TenantIsolationAndAuthIT {
    static HttpCalls api;
    static TestTenant owner;
    static TestTenant stranger;
    static String groupId;
    static String codeId;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        owner = ApiTestbed.newTenant(api, "Owner Co");
        stranger = ApiTestbed.newTenant(api, "Stranger Co");
        groupId = ApiTestbed.newGroup(api, owner, "{\"name\":\"Owners\",\"joinPolicy\":\"approval\"}");
        var code = api.post("/v1/groups/" + groupId + "/codes", "{}", owner.auth());
        assertEquals(201, code.status(), code.body());
        codeId = code.text("codeId");
    }

    @Test
    void tenantRoutesWithoutAValidBearerKeyAre401() {
        Map<String, Map<String, String>> credentials = Map.of(
                "none", Map.of(),
                "unknown key", bearer("gg_notarealkey"),
                "basic scheme", Map.of("authorization", "Basic " + owner.apiKey()),
                "empty bearer", Map.of("authorization", "Bearer "),
                "admin key", bearer(TestDeployment.ADMIN_KEY));
        credentials.forEach((what, headers) -> {
            assertUnauthorized(what, api.post("/v1/groups", "{\"name\":\"x\"}", headers));
            assertUnauthorized(what, api.get("/v1/groups", headers));
            assertUnauthorized(what, api.get("/v1/groups/" + groupId, headers));
            assertUnauthorized(what, api.post("/v1/groups/" + groupId + "/codes", "{}", headers));
            assertUnauthorized(what, api.get("/v1/codes/" + codeId, headers));
            assertUnauthorized(what, api.post("/v1/codes/" + codeId + "/refresh", null, headers));
            assertUnauthorized(what, api.post("/v1/codes/" + codeId + "/revoke", null, headers));
            assertUnauthorized(what, api.get("/v1/groups/" + groupId + "/join-requests", headers));
        });
        assertEquals("active", api.get("/v1/codes/" + codeId, owner.auth()).text("status"));
    }

    @Test
    void adminRoutesRefuseTenantKeysAndMissingKeysWith401() {
        for (Map<String, String> headers : new Map[] {owner.auth(), Map.of(), bearer("wrong-admin-key")}) {
            assertUnauthorized("tenants", api.post("/v1/tenants", "{\"name\":\"Sneaky\"}", headers));
            assertUnauthorized("rotate", api.post("/v1/admin/keys/rotate", null, headers));
            assertUnauthorized("retire", api.post("/v1/admin/keys/1/retire", null, headers));
        }
    }

    @Test
    void anotherTenantsGroupIsNotFound() {
        assertNotFound(api.get("/v1/groups/" + groupId, stranger.auth()));
        assertNotFound(api.post("/v1/groups/" + groupId + "/codes", "{}", stranger.auth()));
        assertNotFound(api.get("/v1/groups/" + groupId + "/join-requests", stranger.auth()));
        var list = api.get("/v1/groups", stranger.auth());
        assertEquals(200, list.status(), list.body());
        assertEquals(0, list.json().path("items").size(), list.body());
    }

    @Test
    void anotherTenantsCodeIsNotFoundAndStaysUntouched() {
        long itemsBefore = ApiTestbed.mainTableItemCount();
        long imagesBefore = ApiTestbed.imageObjectCount();
        assertNotFound(api.get("/v1/codes/" + codeId, stranger.auth()));
        assertNotFound(api.post("/v1/codes/" + codeId + "/refresh", null, stranger.auth()));
        assertNotFound(api.post("/v1/codes/" + codeId + "/revoke", null, stranger.auth()));
        assertEquals(itemsBefore, ApiTestbed.mainTableItemCount());
        assertEquals(imagesBefore, ApiTestbed.imageObjectCount());
        assertEquals("active", api.get("/v1/codes/" + codeId, owner.auth()).text("status"));
    }

    @Test
    void anotherTenantsJoinRequestIsNotFoundAndStaysPending() {
        String requestId = JoinRequestsApiIT.fileRequest(owner, groupId, "member-1");
        assertNotFound(api.post("/v1/join-requests/" + requestId + "/approve", null, stranger.auth()));
        assertNotFound(api.post("/v1/join-requests/" + requestId + "/reject", null, stranger.auth()));
        var pending = api.get("/v1/groups/" + groupId + "/join-requests", owner.auth());
        assertEquals(200, pending.status(), pending.body());
        assertEquals(requestId, pending.json().path("items").path(0).path("requestId").asText(), pending.body());
    }

    @Test
    void idsThatAreNotIdsAreNotFound() {
        assertNotFound(api.get("/v1/groups/..%2f", owner.auth()));
        assertNotFound(api.get("/v1/codes/short", owner.auth()));
        assertNotFound(api.post("/v1/join-requests/" + "z".repeat(13) + "1/approve", null, owner.auth()));
    }

    private static void assertUnauthorized(String what, HttpCalls.Response r) {
        assertEquals(401, r.status(), what + ": " + r.body());
        assertEquals("unauthorized", r.errorCode(), what + ": " + r.body());
    }

    private static void assertNotFound(HttpCalls.Response r) {
        assertEquals(404, r.status(), r.body());
        assertEquals("not_found", r.errorCode(), r.body());
    }
}
