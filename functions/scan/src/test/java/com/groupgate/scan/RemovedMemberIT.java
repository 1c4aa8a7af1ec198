package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.join.Totp;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A removed (or erased) member keeps nothing of the group (PRODUCT.md Part 3, Hardening):
 * their request's statusUrl answers {@code removed} without the entry — even a link set
 * after the removal — and the join ticket that admitted them cannot join again within its
 * ten minutes, with or without the passcode, before or after a rotation: 409
 * {@code ticket_used}, the answer of a ticket whose use is over.
 */
class RemovedMemberIT {
    static final String FIRST_LINK = "https://chat.whatsapp.com/RemovedMemberFirst";
    static final String LATER_LINK = "https://chat.whatsapp.com/RemovedMemberLater";
    static final String STATUS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/R/");
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Removing", null);
    }

    @Test
    void aRemovedMembersStatusUrlAnswersRemovedWithoutTheEntryEvenAfterTheLinkChanges() {
        Approved a = approvedMember("status-1");
        assertEquals("approved", status(a.statusPath()).text("status"), "approved before the removal");

        remove(a.groupId(), "status-1");
        setLink(a.groupId(), LATER_LINK);

        var json = status(a.statusPath());
        assertEquals(200, json.status(), json.body());
        assertEquals("removed", json.text("status"), json.body());
        assertNoEntry(json.body());
        var page = world.scans().call("GET", a.statusPath(), Map.of(), null, Map.of("accept-language", "zh-CN"),
                ScanWorld.SOURCE_IP);
        assertEquals(200, page.status(), page.body());
        assertNoEntry(page.body());
        assertTrue(page.body().contains("你已不再是此群的成员"), page.body());
    }

    @Test
    void aRemovedMembersTicketCannotJoinAgain() {
        String groupId = world.group(tenant, "{\"name\":\"Open\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        assertEquals(200, world.join(path, ScanWorld.joinBody(ticket, "retry-1", null)).status());
        assertEquals(200, world.join(path, ScanWorld.joinBody(ticket, "retry-1", null)).status(),
                "before the removal a retry is the same join");

        remove(groupId, "retry-1");

        var again = world.join(path, ScanWorld.joinBody(ticket, "retry-1", null));
        assertEquals(409, again.status(), again.body());
        assertEquals("ticket_used", again.errorCode());
        assertNoEntry(again.body());
        assertEquals(List.of(), members(groupId));
        assertEquals(0, group(groupId).path("members").asInt());
    }

    @Test
    void aRemovedMembersPasscodeTicketCannotJoinAgainWithOrWithoutThePasscodeAfterARotation() {
        JsonNode group = world.group(tenant, "{\"name\":\"Fund\",\"capacity\":5,\"joinPolicy\":\"passcode\"}");
        String groupId = group.path("groupId").asText();
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        assertNotNull(secret, group.toString());
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        var joined = world.join(path, ScanWorld.joinBody(ticket, "pc-1", code(secret)));
        assertEquals(200, joined.status(), joined.body());

        remove(groupId, "pc-1");
        var rotated = world.api.post("/v1/groups/" + groupId + "/passcode/rotate", null, bearer(tenant.apiKey()));
        assertEquals(200, rotated.status(), rotated.body());
        byte[] fresh = Totp.parseSecretOrNull(rotated.text("passcodeSecret"));

        for (String passcode : new String[] {null, code(fresh)}) {
            var again = world.join(path, ScanWorld.joinBody(ticket, "pc-1", passcode));
            assertEquals(409, again.status(), passcode + ": " + again.body());
            assertEquals("ticket_used", again.errorCode());
        }
        assertEquals(List.of(), members(groupId));
    }

    /**
     * A passcode group past {@code verifyAbove} turns a join into a request; once a removal
     * makes room, the same ticket joins only with the passcode: filing a request admitted no
     * one, so its retry is not "the same join".
     */
    @Test
    void aTicketThatOnlyFiledARequestStillNeedsThePasscodeOnceARemovalMakesRoom() {
        JsonNode group = world.group(tenant,
                "{\"name\":\"Fund past one\",\"capacity\":5,\"joinPolicy\":\"passcode\",\"verifyAbove\":1}");
        String groupId = group.path("groupId").asText();
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "first", code(secret))).status());
        String ticket = world.ticket(path);
        var filed = world.join(path, ScanWorld.joinBody(ticket, "second", null));
        assertEquals(202, filed.status(), filed.body());

        remove(groupId, "first");

        var without = world.join(path, ScanWorld.joinBody(ticket, "second", null));
        assertEquals(403, without.status(), without.body());
        assertEquals("bad_passcode", without.errorCode());
        assertNoEntry(without.body());
        assertEquals(List.of(), members(groupId));
        var with = world.join(path, ScanWorld.joinBody(ticket, "second", code(secret)));
        assertEquals(200, with.status(), with.body());
        assertEquals(List.of("second"), members(groupId));
    }

    @Test
    void anErasedMembersStatusUrlAnswersRemovedAndTheirTicketsCannotJoinAgain() {
        Approved a = approvedMember("erase-1");
        String open = world.group(tenant, "{\"name\":\"Open too\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, open, "{}"));
        String ticket = world.ticket(path);
        assertEquals(200, world.join(path, ScanWorld.joinBody(ticket, "erase-1", null)).status());
        String asked = world.group(tenant, "{\"name\":\"Still asking\",\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String askPath = ScanWorld.path(world.code(tenant, asked, "{}"));
        String askTicket = world.ticket(askPath);
        var filed = world.join(askPath, ScanWorld.joinBody(askTicket, "erase-1", null));
        assertEquals(202, filed.status(), filed.body());

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"erase-1\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());

        for (String statusPath : List.of(a.statusPath(), statusPath(filed))) {
            var shown = status(statusPath);
            assertEquals(200, shown.status(), shown.body());
            assertEquals("removed", shown.text("status"), shown.body());
            assertNoEntry(shown.body());
        }
        // The erased tickets keep no ref, yet admit no one: neither the member nor anyone else.
        for (String ref : List.of("erase-1", "someone-else")) {
            var again = world.join(path, ScanWorld.joinBody(ticket, ref, null));
            assertEquals(409, again.status(), ref + ": " + again.body());
            assertEquals("ticket_used", again.errorCode());
            var asking = world.join(askPath, ScanWorld.joinBody(askTicket, ref, null));
            assertEquals(409, asking.status(), ref + ": " + asking.body());
        }
        assertEquals(List.of(), members(open));
        assertEquals(404, world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(tenant.apiKey())).status(), "an erased request cannot be approved");
    }

    @Test
    void aRemovalRacingRetriesOfTheSameTicketLeavesTheMemberOut() throws Exception {
        for (int round = 0; round < 3; round++) {
            String groupId = world.group(tenant, "{\"name\":\"Race " + round + "\",\"capacity\":5}")
                    .path("groupId").asText();
            String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
            String ticket = world.ticket(path);
            String ref = "race-" + round;
            assertEquals(200, world.join(path, ScanWorld.joinBody(ticket, ref, null)).status());
            List<HttpCalls.Response> answers = ScanWorld.concurrently(12, 6, i -> i == 3
                    ? world.api.call("DELETE", "/v1/groups/" + groupId + "/members/" + ref, null,
                            bearer(tenant.apiKey()))
                    : world.join(path, ScanWorld.joinBody(ticket, ref, null)));
            for (int i = 0; i < answers.size(); i++) {
                HttpCalls.Response r = answers.get(i);
                if (i == 3) {
                    assertEquals(204, r.status(), r.body());
                } else {
                    assertTrue(r.status() == 200 || r.status() == 409 && "ticket_used".equals(r.errorCode()),
                            r.status() + " " + r.body());
                }
            }
            assertEquals(List.of(), members(groupId), "whatever the order, the removal stands");
            assertEquals(0, group(groupId).path("members").asInt(), "and the count agrees");
            var after = world.join(path, ScanWorld.joinBody(ticket, ref, null));
            assertEquals(409, after.status(), after.body());
        }
    }

    private record Approved(String groupId, String statusPath) {
    }

    /** A member of an approval group with a link entry, approved; with its request's statusUrl path. */
    private static Approved approvedMember(String ref) {
        String groupId = world.group(tenant, "{\"name\":\"Asked " + ref + "\",\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        setLink(groupId, FIRST_LINK);
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var filed = world.join(path, ScanWorld.joinBody(world.ticket(path), ref, null));
        assertEquals(202, filed.status(), filed.body());
        var approved = world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        return new Approved(groupId, statusPath(filed));
    }

    private static String statusPath(HttpCalls.Response filed) {
        String url = filed.text("statusUrl");
        assertTrue(url.startsWith(STATUS_BASE), url);
        return "/R/" + url.substring(STATUS_BASE.length());
    }

    private static void setLink(String groupId, String url) {
        var r = world.api.call("PATCH", "/v1/groups/" + groupId, "{\"entry\":{\"type\":\"link\",\"url\":\"" + url + "\"}}",
                bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
    }

    private static void remove(String groupId, String ref) {
        var r = world.api.call("DELETE", "/v1/groups/" + groupId + "/members/" + ref, null, bearer(tenant.apiKey()));
        assertEquals(204, r.status(), r.body());
    }

    private static HttpCalls.Response status(String statusPath) {
        return world.scans().call("GET", statusPath, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP);
    }

    private static void assertNoEntry(String body) {
        for (String secret : List.of(FIRST_LINK, LATER_LINK, "chat.whatsapp.com", "\"entry\"")) {
            assertFalse(body.contains(secret), "shows " + secret + ": " + body);
        }
    }

    private static String code(byte[] secret) {
        return Totp.PASSCODE.codeAt(secret, world.clock.instant().getEpochSecond());
    }

    private static List<String> members(String groupId) {
        return world.api.get("/v1/groups/" + groupId + "/members", bearer(tenant.apiKey())).json().path("items")
                .findValuesAsText("memberRef");
    }

    private static JsonNode group(String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json();
    }
}
