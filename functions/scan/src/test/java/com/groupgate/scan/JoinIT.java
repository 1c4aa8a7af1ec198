package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.join.Totp;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JoinIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Join tenant", null);
    }

    private static long members(String groupId) {
        var g = world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey()));
        assertEquals(200, g.status(), g.body());
        return g.json().path("members").asLong();
    }

    @Test
    void aJoinThatLosesARaceIsTriedAgainAndCountsOnce() {
        String groupId = world.group(tenant, "{\"name\":\"Raced\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        world.conflicts.arm(2);
        var r = world.join(path, ScanWorld.joinBody(ticket, "racer", null));
        world.conflicts.arm(0);
        assertEquals(200, r.status(), r.body());
        assertEquals("joined", r.text("status"));
        assertEquals(1, members(groupId));
    }

    @Test
    void aJoinThatLosesEveryRaceIsBusyWithRetryAfterAndWritesNothing() {
        String groupId = world.group(tenant, "{\"name\":\"Contended\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        world.conflicts.arm(100);
        var r = world.join(path, ScanWorld.joinBody(ticket, "unlucky", null));
        int tries = world.conflicts.injected();
        world.conflicts.arm(0);
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode());
        assertEquals("1", r.headers().get("retry-after"));
        assertEquals(5, tries, "five tries, then the caller is asked to come back");
        assertEquals(0, members(groupId));
        // Coming back with the same ticket works.
        var again = world.join(path, ScanWorld.joinBody(ticket, "unlucky", null));
        assertEquals(200, again.status(), again.body());
        assertEquals(1, members(groupId));
    }

    @Test
    void openGroupJoinsAtOnceWithTheWelcomeAndAJoinFact() {
        String groupId = world.group(tenant, "{\"name\":\"Open\",\"capacity\":5,\"welcomeMessage\":\"Hi there\"}")
                .path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{\"channel\":\"store-7\"}"));
        var r = world.join(path, ScanWorld.joinBody(world.ticket(path), "carol", null));
        assertEquals(200, r.status(), r.body());
        assertEquals("joined", r.text("status"));
        assertEquals("Hi there", r.text("welcomeMessage"));
        assertEquals(1, members(groupId));

        Map<String, AttributeValue> item = TestDeployment.get().clients().dynamo().getItem(g -> g
                .tableName(TestDeployment.get().mainTable()).consistentRead(true).key(Map.of(
                        "pk", AttributeValue.fromS("T#" + tenant.tenantId() + "#G#" + groupId),
                        "sk", AttributeValue.fromS("MEMBER#carol")))).item();
        assertTrue(item.containsKey("fact"), item.toString());
        Map<String, AttributeValue> fact = item.get("fact").m();
        assertEquals("JOIN", fact.get("type").s());
        assertEquals(groupId, fact.get("groupId").s());
        assertEquals("store-7", fact.get("channel").s());
    }

    @Test
    void approvalGroupFilesARequestTheTenantApproves() {
        String groupId = world.group(tenant, "{\"name\":\"Approval\",\"capacity\":5,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var r = world.join(path, ScanWorld.joinBody(world.ticket(path), "dave", null));
        assertEquals(202, r.status(), r.body());
        assertEquals("pending", r.text("status"));
        String requestId = r.text("requestId");
        assertEquals(0, members(groupId));

        var pending = world.api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("status", "pending"),
                null, bearer(tenant.apiKey()), ScanWorld.SOURCE_IP);
        assertEquals(200, pending.status(), pending.body());
        List<String> ids = new ArrayList<>();
        pending.json().path("items").forEach(i -> ids.add(i.path("requestId").asText()));
        assertEquals(List.of(requestId), ids);
        assertEquals("dave", pending.json().path("items").path(0).path("memberRef").asText());

        var approved = world.api.post("/v1/join-requests/" + requestId + "/approve", null, bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        assertEquals("joined", approved.text("status"));
        assertEquals(1, members(groupId));
    }

    private record PasscodeGroup(String groupId, String path, byte[] secret) {
    }

    private static PasscodeGroup passcodeGroup() {
        JsonNode group = world.group(tenant,
                "{\"name\":\"Fund\",\"capacity\":5,\"joinPolicy\":\"passcode\",\"category\":\"finance\"}");
        byte[] secret = Totp.parseSecretOrNull(group.path("passcodeSecret").asText());
        assertNotNull(secret, group.toString());
        String groupId = group.path("groupId").asText();
        return new PasscodeGroup(groupId, ScanWorld.path(world.code(tenant, groupId, "{}")), secret);
    }

    private static String rightCode(byte[] secret) {
        return Totp.PASSCODE.codeAt(secret, world.clock.instant().getEpochSecond());
    }

    private static String wrongCode(byte[] secret) {
        long now = world.clock.instant().getEpochSecond();
        for (int i = 0; ; i++) {
            String guess = String.format("%06d", i * 7919 % 1_000_000);
            if (!Totp.PASSCODE.verify(secret, guess, now)) {
                return guess;
            }
        }
    }

    @Test
    void passcodeGroupJoinsWithTheCurrentCodeOnly() {
        PasscodeGroup g = passcodeGroup();
        String ticket = world.ticket(g.path());
        var wrong = world.join(g.path(), ScanWorld.joinBody(ticket, "erin", wrongCode(g.secret())), "203.0.113.21");
        assertEquals(403, wrong.status(), wrong.body());
        assertEquals("bad_passcode", wrong.errorCode());
        var missing = world.join(g.path(), ScanWorld.joinBody(ticket, "erin", null), "203.0.113.21");
        assertEquals(403, missing.status(), missing.body());
        var right = world.join(g.path(), ScanWorld.joinBody(ticket, "erin", rightCode(g.secret())), "203.0.113.21");
        assertEquals(200, right.status(), right.body());
        assertEquals(1, members(g.groupId()));
    }

    @Test
    void fiveWrongPasscodesLockTheTicket() {
        PasscodeGroup g = passcodeGroup();
        String ticket = world.ticket(g.path());
        for (int i = 0; i < 5; i++) {
            var wrong = world.join(g.path(), ScanWorld.joinBody(ticket, "frank", wrongCode(g.secret())), "203.0.113.22");
            assertEquals(403, wrong.status(), wrong.body());
        }
        var locked = world.join(g.path(), ScanWorld.joinBody(ticket, "frank", rightCode(g.secret())), "203.0.113.22");
        assertEquals(403, locked.status(), locked.body());
        assertEquals("bad_passcode", locked.errorCode());
        assertEquals(0, members(g.groupId()));
        var fresh = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "frank", rightCode(g.secret())),
                "203.0.113.22");
        assertEquals(200, fresh.status(), fresh.body());
    }

    @Test
    void concurrentGuessesCannotExceedTheWrongTryLimit() throws Exception {
        PasscodeGroup g = passcodeGroup();
        String ticket = world.ticket(g.path());
        String right = rightCode(g.secret());
        // 40 guesses at once, one of them right: without an exact limit, the right one gets through.
        var answers = ScanWorld.concurrently(40, 40, i -> world.join(g.path(),
                ScanWorld.joinBody(ticket, "guesser", i == 39 ? right : String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000)),
                "203.0.113.23"));
        long joined = answers.stream().filter(a -> a.status() == 200).count();
        long refused = answers.stream().filter(a -> a.status() == 403).count();
        assertEquals(40, joined + refused, ScanWorld.histogram(answers).toString());
        assertTrue(refused >= 35, "at most " + 5 + " guesses may be judged: " + ScanWorld.histogram(answers));
    }

    @Test
    void expiredTicketIsRefused() {
        String path = ScanWorld.path(world.openCode(tenant, "{}"));
        String ticket = world.ticket(path);
        world.clock.advance(Duration.ofSeconds(601));
        try {
            var r = world.join(path, ScanWorld.joinBody(ticket, "gina", null));
            assertEquals(410, r.status(), r.body());
            assertEquals("ticket_expired", r.errorCode());
        } finally {
            world.clock.advance(Duration.ofSeconds(-601));
        }
    }

    @Test
    void ticketFromAnotherCodeIsRefused() {
        String groupId = world.group(tenant, "{\"name\":\"Two codes\",\"capacity\":5}").path("groupId").asText();
        String a = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String b = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var r = world.join(b, ScanWorld.joinBody(world.ticket(a), "hank", null));
        assertTrue(r.status() == 404 || r.status() == 400, r.status() + " " + r.body());
        assertEquals(0, members(groupId));
    }

    @Test
    void badJoinInputNamesTheFieldAndWritesNothing() {
        String groupId = world.group(tenant, "{\"name\":\"Strict\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        Map<String, String> cases = Map.of(
                "{\"joinTicket\":", "body",
                "{\"joinTicket\":\"" + ticket + "\",\"extra\":1}", "extra",
                "{\"joinTicket\":\"" + ticket + "\",\"memberRef\":\"has spaces\"}", "memberRef",
                "{\"memberRef\":\"ivan\"}", "joinTicket",
                "{\"joinTicket\":42}", "joinTicket",
                "[1,2]", "body");
        for (var c : cases.entrySet()) {
            world.calls.reset();
            var r = world.join(path, c.getKey());
            assertEquals(400, r.status(), c.getKey() + " -> " + r.body());
            assertEquals(c.getValue(), r.json().path("error").path("field").asText(), r.body());
            assertEquals(Map.of(), world.calls.snapshot(), "nothing read or written for " + c.getKey());
        }
        assertEquals(0, members(groupId));
    }
}
