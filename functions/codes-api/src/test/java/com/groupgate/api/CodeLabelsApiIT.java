package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.MutableClock;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.http.Json;
import com.groupgate.testkit.HttpCalls;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A code's {@code label} (the store or placement it hangs at): stored on the code, shown by
 * every view, kept by a refresh, and checked as a name is — the tenant's word list is 422
 * {@code content_blocked} naming {@code label}, bidi controls, control characters, blanks
 * and overlong labels are 400 naming {@code label}, and a refused code writes nothing.
 */
class CodeLabelsApiIT {
    static HttpCalls api;
    static TestTenant tenant;
    static String groupId;

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        api = ApiTestbed.api(clock);
        tenant = ApiTestbed.newTenant(api, "Chain of stores");
        groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Regulars\"}");
        ContentFilterApiIT.putTenantList(api, tenant, List.of("赌博"), List.of());
    }

    private static HttpCalls.Response issue(Object label) {
        return api.post("/v1/groups/" + groupId + "/codes", Json.write(Map.of("label", label)), tenant.auth());
    }

    @Test
    void aLabelledCodeShowsItsLabelOnIssueReadListAndRefreshAndIsStoredOnTheCode() {
        String label = "徐汇漕溪北路店 #3";
        var issued = issue(label);
        assertEquals(201, issued.status(), issued.body());
        assertEquals(label, issued.text("label"));
        String codeId = issued.text("codeId");
        assertEquals(label, ApiTestbed.codeItem(tenant.tenantId(), codeId).get("label").s());
        assertEquals(label, api.get("/v1/codes/" + codeId, tenant.auth()).text("label"));
        var refreshed = api.post("/v1/codes/" + codeId + "/refresh", "{}", tenant.auth());
        assertEquals(201, refreshed.status(), refreshed.body());
        assertEquals(label, refreshed.text("label"), "a refresh keeps the label");
        var plain = api.post("/v1/groups/" + groupId + "/codes", "{}", tenant.auth());
        assertEquals(201, plain.status(), plain.body());
        assertTrue(plain.json().has("label") && plain.json().path("label").isNull(), plain.body());
        assertFalse(ApiTestbed.codeItem(tenant.tenantId(), plain.text("codeId")).containsKey("label"));
        assertEquals(201, issue("店".repeat(40)).status(), "40 characters of CJK are a label");
    }

    @Test
    void aLabelOnTheTenantsWordListIsContentBlockedNamingLabelAndWritesNothing() {
        long before = ApiTestbed.mainTableItems("T#" + tenant.tenantId()).size();
        var r = issue("赌 博 Store");
        assertEquals(422, r.status(), r.body());
        assertEquals("content_blocked", r.errorCode());
        assertEquals("label", r.json().path("error").path("field").asText());
        assertFalse(r.body().contains("赌"), "the answer names no listed word: " + r.body());
        assertEquals(before, ApiTestbed.mainTableItems("T#" + tenant.tenantId()).size());
    }

    @Test
    void bidiControlsControlCharactersBlanksAndOverlongLabelsAre400NamingLabel() {
        long before = ApiTestbed.mainTableItems("T#" + tenant.tenantId()).size();
        for (Object bad : List.of("store\u202Eenots", "line\nbreak", "", "   ", "店".repeat(41), 42)) {
            var r = issue(bad);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertEquals("label", r.json().path("error").path("field").asText(), r.body());
        }
        assertEquals(before, ApiTestbed.mainTableItems("T#" + tenant.tenantId()).size());
    }
}
