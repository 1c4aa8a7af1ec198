package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.scan.ClientContext;
import com.groupgate.scan.DeviceClass;
import com.groupgate.scan.InApp;
import com.groupgate.scan.Os;
import com.groupgate.scan.UserAgentClass;
import com.groupgate.storage.join.JoinAttempt;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.token.JoinTicket;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant's side of approval groups: pending lists, approve and reject. */
class JoinRequestsApiIT {
    static HttpCalls api;
    static TestTenant tenant;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Approval Club");
    }

    /** A pending request as the scan function files it: through a fresh code's ticket. */
    static String fileRequest(TestTenant t, String groupId, String memberRef) {
        var code = ApiTestbed.api(Clock.systemUTC()).post("/v1/groups/" + groupId + "/codes", "{}", t.auth());
        assertEquals(201, code.status(), code.body());
        Id tenantId = Id.parse(t.tenantId()).orElseThrow();
        Id codeId = Id.parse(code.text("codeId")).orElseThrow();
        Id group = Id.parse(groupId).orElseThrow();
        JoinTicket ticket = new JoinTicket(1, Id.random(), codeId, tenantId, group, null,
                Instant.now().getEpochSecond() + 600);
        RecordedFact fact = RecordedFact.join(new RecordedFact.Origin(Instant.now(), ClientContext.UNKNOWN,
                new UserAgentClass(DeviceClass.PHONE, Os.ANDROID, InApp.OTHER), null), TenantId.parse(t.tenantId()).orElseThrow())
                .code(codeId).group(group).build();
        var filing = new JoinRequestTable(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable())
                .request(new JoinAttempt(ticket, memberRef, fact, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(JoinRequestTable.Filing.Outcome.FILED, filing.outcome());
        return filing.requestId().toString();
    }

    private static HttpCalls.Response list(String groupId, String status) {
        return api.call("GET", "/v1/groups/" + groupId + "/join-requests",
                status == null ? Map.of() : Map.of("status", status), null, tenant.auth(), "198.51.100.7");
    }

    @Test
    void approveMovesARequestFromPendingToJoinedAndCountsTheMember() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Book club\",\"joinPolicy\":\"approval\"}");
        String first = fileRequest(tenant, groupId, "alice");
        String second = fileRequest(tenant, groupId, "bob");
        var pending = list(groupId, null);
        assertEquals(200, pending.status(), pending.body());
        assertEquals(2, pending.json().path("items").size(), pending.body());
        assertEquals("pending", pending.json().path("items").path(0).path("status").asText());

        var approved = api.post("/v1/join-requests/" + first + "/approve", null, tenant.auth());
        assertEquals(200, approved.status(), approved.body());
        assertEquals("joined", approved.text("status"));
        var rejected = api.post("/v1/join-requests/" + second + "/reject", null, tenant.auth());
        assertEquals(200, rejected.status(), rejected.body());
        assertEquals("rejected", rejected.text("status"));

        assertEquals(0, list(groupId, "pending").json().path("items").size());
        assertEquals(first, list(groupId, "joined").json().path("items").path(0).path("requestId").asText());
        assertEquals(second, list(groupId, "rejected").json().path("items").path(0).path("requestId").asText());
        assertEquals(1, api.get("/v1/groups/" + groupId, tenant.auth()).json().path("members").asInt());

        var again = api.post("/v1/join-requests/" + first + "/reject", null, tenant.auth());
        assertEquals(409, again.status(), again.body());
    }

    @Test
    void approvingIntoAFullGroupIsGroupFull() {
        String groupId = ApiTestbed.newGroup(api, tenant,
                "{\"name\":\"Tiny\",\"joinPolicy\":\"approval\",\"capacity\":1}");
        String first = fileRequest(tenant, groupId, "carol");
        String second = fileRequest(tenant, groupId, "dave");
        assertEquals(200, api.post("/v1/join-requests/" + first + "/approve", null, tenant.auth()).status());
        var full = api.post("/v1/join-requests/" + second + "/approve", null, tenant.auth());
        assertEquals(409, full.status(), full.body());
        assertEquals("group_full", full.errorCode());
        assertEquals("pending", list(groupId, "pending").json().path("items").path(0).path("status").asText());
    }

    @Test
    void requestsAreListedAPageAtATimeWhateverTheBacklog() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Backlog\",\"joinPolicy\":\"approval\"}");
        java.util.Set<String> filed = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            filed.add(fileRequest(tenant, groupId, "waiting-" + i));
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("status", "pending", "limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var page = api.call("GET", "/v1/groups/" + groupId + "/join-requests", query, null, tenant.auth(),
                    "198.51.100.7");
            assertEquals(200, page.status(), page.body());
            assertEquals(true, page.json().path("items").size() <= 2, page.body());
            page.json().path("items").forEach(i -> listed.add(i.path("requestId").asText()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(filed, listed);
        assertEquals(true, pages >= 3, pages + " pages");
        var badCursor = api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("cursor", "nope"), null,
                tenant.auth(), "198.51.100.7");
        assertEquals(400, badCursor.status(), badCursor.body());
        assertEquals("cursor", badCursor.json().path("error").path("field").asText());
        var badLimit = api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("limit", "1000"), null,
                tenant.auth(), "198.51.100.7");
        assertEquals(400, badLimit.status(), badLimit.body());
    }

    @Test
    void listingNeedsAnExistingGroupOfTheTenant() {
        var missing = list(Id.random().toString(), null);
        assertEquals(404, missing.status(), missing.body());
        assertEquals("not_found", missing.errorCode());
    }

    @Test
    void decidingAnUnknownRequestIsNotFound() {
        String unknown = Id.random().toString();
        assertEquals(404, api.post("/v1/join-requests/" + unknown + "/approve", null, tenant.auth()).status());
        assertEquals(404, api.post("/v1/join-requests/" + unknown + "/reject", null, tenant.auth()).status());
    }

    @Test
    void statusParameterIsValidated() {
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Statuses\",\"joinPolicy\":\"approval\"}");
        for (String bad : new String[] {"PENDING", "all", ""}) {
            var r = list(groupId, bad);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertEquals("status", r.json().path("error").path("field").asText(), r.body());
        }
        for (String good : new String[] {"pending", "joined", "rejected"}) {
            assertEquals(200, list(groupId, good).status(), good);
        }
    }
}
