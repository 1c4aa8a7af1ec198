package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.HttpCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/tenant} says which scope the key asking has, so that the console can disable
 * its write controls for a read key before any write is refused.
 */
class OwnTenantKeyScopeIT {
    static HttpCalls api;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(java.time.Clock.systemUTC());
    }

    @Test
    void theOwnTenantAnswerNamesTheCallingKeysScope() {
        TestTenant tenant = ApiTestbed.newTenant(api, "Scope Co");
        var full = api.get("/v1/tenant", tenant.auth());
        assertEquals(200, full.status(), full.body());
        assertEquals("full", full.text("keyScope"));
        var created = api.post("/v1/keys", "{\"name\":\"wall screen\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, created.status(), created.body());
        var read = api.get("/v1/tenant", bearer(created.text("apiKey")));
        assertEquals(200, read.status(), read.body());
        assertEquals("read", read.text("keyScope"));
        assertEquals(tenant.tenantId(), read.text("tenantId"));
    }
}
