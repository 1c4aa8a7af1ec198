package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.api.audit.AuditApiHandler;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the API — JSON, errors, 204s, the OpenAPI document — carries
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}: answers hold
 * new API keys, webhook secrets and passcode secrets, which no cache may keep. The route
 * table of both tenant-facing functions is walked, and each secret-bearing answer is checked.
 */
class ApiAnswersAreNeverStoredNorSniffedIT {
    private static final String SAMPLE_ID = "abcdefghijklm";
    static HttpCalls api;
    static HttpCalls audit;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        audit = ApiTestbed.audit(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Header Hostel");
    }

    private static void assertNeverStoredNorSniffed(String what, HttpCalls.Response r) {
        assertEquals("no-store", r.headers().get("cache-control"), what + " -> " + r.status() + " " + r.headers());
        assertEquals("nosniff", r.headers().get("x-content-type-options"), what + " -> " + r.status());
    }

    /** Every route of {@code routes}, called with a key that is no one's: an answer (mostly 401) each. */
    private static void walk(HttpCalls calls, List<String> routes) {
        List<String> walked = new ArrayList<>();
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}]+}", SAMPLE_ID);
            String body = parts[0].equals("GET") || parts[0].equals("DELETE") ? null : "{}";
            var r = calls.call(parts[0], path, body, bearer("gg_nobodys_key_000000000000000000"));
            assertNeverStoredNorSniffed(route, r);
            walked.add(route);
        }
        assertTrue(walked.size() >= routes.size() && !walked.isEmpty());
    }

    @Test
    void everyRouteOfTheCodesApiAnswersWithBothHeaders() {
        walk(api, new CodesApiHandler(ApiTestbed.wiring(Clock.systemUTC())).routes());
    }

    @Test
    void everyRouteOfTheAuditFunctionAnswersWithBothHeaders() {
        walk(audit, new AuditApiHandler(ApiTestbed.aws().wiring("AuditFunction", Clock.systemUTC())).routes());
    }

    @Test
    void answersCarryingKeysAndSecretsAreNeverStored() {
        var tenantCreated = api.post("/v1/tenants", "{\"name\":\"Secret Keeper\"}", bearer(TestDeployment.ADMIN_KEY));
        assertEquals(201, tenantCreated.status(), tenantCreated.body());
        assertNeverStoredNorSniffed("a new tenant's first key", tenantCreated);

        var key = api.post("/v1/keys", "{\"name\":\"ci\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, key.status(), key.body());
        assertNeverStoredNorSniffed("a new API key", key);

        var webhook = api.post("/v1/webhooks", "{\"url\":\"https://1.1.1.1/in\",\"events\":[\"member.joined\"]}",
                tenant.auth());
        assertEquals(201, webhook.status(), webhook.body());
        assertNeverStoredNorSniffed("a webhook secret", webhook);

        var group = api.post("/v1/groups", "{\"name\":\"Vault\",\"joinPolicy\":\"passcode\",\"capacity\":9}",
                tenant.auth());
        assertEquals(201, group.status(), group.body());
        assertNeverStoredNorSniffed("a passcode secret", group);
        var rotated = api.post("/v1/groups/" + group.text("groupId") + "/passcode/rotate", null, tenant.auth());
        assertEquals(200, rotated.status(), rotated.body());
        assertNeverStoredNorSniffed("a rotated passcode secret", rotated);

        var deleted = api.call("DELETE", "/v1/keys/" + key.text("keyId"), null, tenant.auth());
        assertEquals(204, deleted.status(), deleted.body());
        assertNeverStoredNorSniffed("a 204", deleted);

        var refused = api.post("/v1/groups", "{\"name\":", tenant.auth());
        assertEquals(400, refused.status());
        assertNeverStoredNorSniffed("a refusal", refused);

        var document = api.get("/openapi.yaml", Map.of());
        assertEquals(200, document.status());
        assertNeverStoredNorSniffed("the OpenAPI document", document);
    }
}
