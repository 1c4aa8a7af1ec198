package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.join.PasscodeAttempts;
import com.groupgate.join.Totp;
import com.groupgate.testkit.HttpCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins that cannot be replayed (PRODUCT.md Part 2): a ticket admits one member or one
 * request; a join re-checks the code and group; wrong passcodes are limited per client and
 * per group across tickets; {@code verifyAbove} sends joins past it through approval.
 */
class ReplayProofJoinIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Replay-proof", null);
    }

    private static String group(String json) {
        return world.group(tenant, json).path("groupId").asText();
    }

    private static long members(String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong();
    }

    @Test
    void oneTicketAdmitsOneMemberWhateverTheMemberRefs() throws Exception {
        String groupId = group("{\"name\":\"Posters\",\"capacity\":3000}");
        String path = ScanWorld.path(world.code(tenant, groupId, "{\"dailyScanLimit\":1}"));
        String ticket = world.ticket(path);
        // The attack: one accepted scan, then a join per made-up memberRef, at once.
        List<HttpCalls.Response> answers = ScanWorld.concurrently(60, 20,
                i -> world.join(path, ScanWorld.joinBody(ticket, "fake-" + i, null)));
        Map<Integer, Long> statuses = ScanWorld.histogram(answers);
        assertEquals(Map.of(200, 1L, 409, 59L), statuses);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> assertEquals("ticket_used", a.errorCode()));
        assertEquals(1, members(groupId));
    }

    @Test
    void theSameTicketAndMemberRefAgainIsTheSameJoin() {
        String groupId = group("{\"name\":\"Retries\",\"capacity\":10}");
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        var first = world.join(path, ScanWorld.joinBody(ticket, "ann", null));
        var again = world.join(path, ScanWorld.joinBody(ticket, "ann", null));
        assertEquals(200, first.status(), first.body());
        assertEquals(first.body(), again.body(), "the same answer");
        assertEquals(1, members(groupId));
        // Without a memberRef the ticket names the member: a retry is still the same join.
        String anonymous = world.ticket(path);
        assertEquals(200, world.join(path, ScanWorld.joinBody(anonymous, null, null)).status());
        assertEquals(200, world.join(path, ScanWorld.joinBody(anonymous, null, null)).status());
        assertEquals(2, members(groupId));
    }

    @Test
    void oneTicketFilesOneRequestAndIsUsedOnceItIsDecided() {
        String groupId = group("{\"name\":\"Approvals\",\"joinPolicy\":\"approval\"}");
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        var filed = world.join(path, ScanWorld.joinBody(ticket, "bea", null));
        assertEquals(202, filed.status(), filed.body());
        var again = world.join(path, ScanWorld.joinBody(ticket, "bea", null));
        assertEquals(202, again.status(), again.body());
        assertEquals(filed.text("requestId"), again.text("requestId"), "the same request");
        var other = world.join(path, ScanWorld.joinBody(ticket, "impostor", null));
        assertEquals(409, other.status(), other.body());
        assertEquals("ticket_used", other.errorCode());

        var approved = world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        var afterDecision = world.join(path, ScanWorld.joinBody(ticket, "bea", null));
        assertEquals(409, afterDecision.status(), afterDecision.body());
        assertEquals("ticket_used", afterDecision.errorCode());
        var pending = world.api.call("GET", "/v1/groups/" + groupId + "/join-requests", Map.of("status", "pending"),
                null, bearer(tenant.apiKey()), ScanWorld.SOURCE_IP);
        assertEquals(0, pending.json().path("items").size(), "one request, not one per memberRef");
    }

    @Test
    void aTicketIssuedBeforeTheCodeWasRevokedAdmitsNoOne() {
        String groupId = group("{\"name\":\"Revoked\",\"capacity\":10}");
        JsonNode code = world.code(tenant, groupId, "{}");
        String path = ScanWorld.path(code);
        String ticket = world.ticket(path);
        var revoked = world.api.post("/v1/codes/" + code.path("codeId").asText() + "/revoke", null,
                bearer(tenant.apiKey()));
        assertEquals(200, revoked.status(), revoked.body());
        var join = world.join(path, ScanWorld.joinBody(ticket, "carl", null));
        assertEquals(410, join.status(), join.body());
        assertEquals("revoked", join.errorCode());
        assertEquals(0, members(groupId));
    }

    @Test
    void aTicketIssuedBeforeTheGroupWasArchivedAdmitsNoOne() {
        String groupId = group("{\"name\":\"Archived\",\"capacity\":10}");
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        archive(groupId);
        var join = world.join(path, ScanWorld.joinBody(ticket, "dora", null));
        assertEquals(410, join.status(), join.body());
        assertEquals("archived", join.errorCode());
        assertEquals(0, members(groupId));
    }

    private static void archive(String groupId) {
        var r = world.api.call("PATCH", "/v1/groups/" + groupId, "{\"status\":\"archived\"}", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void joinsPastVerifyAboveGoThroughApproval() {
        var wechat = world.group(tenant, "{\"name\":\"WeChat group\",\"preset\":\"wechat\"}");
        assertEquals(50, wechat.path("verifyAbove").asInt(), wechat.toString());
        String groupId = group("{\"name\":\"Verified\",\"capacity\":10,\"verifyAbove\":2}");
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "m1", null)).status());
        assertEquals(200, world.join(path, ScanWorld.joinBody(world.ticket(path), "m2", null)).status());
        var third = world.join(path, ScanWorld.joinBody(world.ticket(path), "m3", null));
        assertEquals(202, third.status(), third.body());
        assertNotNull(third.text("requestId"));
        assertEquals(2, members(groupId));
        var approved = world.api.post("/v1/join-requests/" + third.text("requestId") + "/approve", null,
                bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        assertEquals(3, members(groupId), "approval is the verification: past verifyAbove, up to capacity");
        var bad = world.api.post("/v1/groups", "{\"name\":\"Bad\",\"verifyAbove\":0}", bearer(tenant.apiKey()));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("verifyAbove", bad.json().path("error").path("field").asText());
    }

    private record PasscodeGroup(String groupId, String path, byte[] secret, Totp totp) {
        String right() {
            return totp.codeAt(secret, world.clock.instant().getEpochSecond());
        }

        String wrong(int salt) {
            long now = world.clock.instant().getEpochSecond();
            String format = "%0" + totp.digits() + "d";
            for (int i = salt; ; i++) {
                String guess = String.format(format, (long) i * 7919 % (long) Math.pow(10, totp.digits()));
                if (!totp.verify(secret, guess, now)) {
                    return guess;
                }
            }
        }
    }

    private static PasscodeGroup passcodeGroup(int digits) {
        JsonNode group = world.group(tenant, "{\"name\":\"Fund\",\"capacity\":100,\"joinPolicy\":\"passcode\","
                + "\"category\":\"finance\",\"passcodeDigits\":" + digits + "}");
        assertEquals(digits, group.path("passcodeDigits").asInt(), group.toString());
        String groupId = group.path("groupId").asText();
        return new PasscodeGroup(groupId, ScanWorld.path(world.code(tenant, groupId, "{}")),
                Totp.parseSecretOrNull(group.path("passcodeSecret").asText()), Totp.withDigits(digits));
    }

    /** Wrong guesses from one client, a new ticket every five (tickets are free). */
    private static HttpCalls.Response guess(PasscodeGroup g, int n, String ip) {
        HttpCalls.Response last = null;
        String ticket = null;
        for (int i = 0; i < n; i++) {
            if (i % PasscodeAttempts.MAX_WRONG_TRIES == 0) {
                ticket = world.ticket(g.path());
            }
            last = world.join(g.path(), ScanWorld.joinBody(ticket, "guesser", g.wrong(i)), ip);
            if (last.status() != 403) {
                return last;
            }
        }
        return last;
    }

    @Test
    void aClientsWrongPasscodesAreLimitedAcrossTicketsAndAnEightDigitPasscodeWorks() {
        PasscodeGroup g = passcodeGroup(8);
        HttpCalls.Response spent = guess(g, PasscodeAttempts.PER_CLIENT_PER_HOUR + 1, "192.0.2.51");
        assertEquals(429, spent.status(), spent.body());
        assertEquals("too_many_attempts", spent.errorCode());
        long retryAfter = Long.parseLong(spent.headers().get("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        // The same client, even with the right passcode and a fresh ticket, waits.
        var waiting = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "later", g.right()),
                "192.0.2.51");
        assertEquals(429, waiting.status(), waiting.body());
        // Another client joins with the right 8-digit passcode, and its right try is given back.
        var honest = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "honest", g.right()),
                "192.0.2.52");
        assertEquals(200, honest.status(), honest.body());
        assertEquals(1, members(g.groupId()));
    }

    @Test
    void aGroupsWrongPasscodesAreLimitedAcrossClientsForTheHour() {
        PasscodeGroup g = passcodeGroup(6);
        int perClient = PasscodeAttempts.PER_CLIENT_PER_HOUR;
        int clients = PasscodeAttempts.PER_GROUP_PER_HOUR / perClient;
        for (int c = 0; c < clients; c++) {
            HttpCalls.Response r = guess(g, perClient, "198.18.0." + (c + 1));
            assertEquals(403, r.status(), "client " + c + ": " + r.body());
        }
        var botnet = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "bot", g.wrong(7)),
                "198.18.1.1");
        assertEquals(429, botnet.status(), botnet.body());
        assertEquals("too_many_attempts", botnet.errorCode());
        // Honest joiners of this group wait for the hour too: the documented price of the bound.
        var honest = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "honest", g.right()),
                "198.18.1.2");
        assertEquals(429, honest.status(), honest.body());
        world.clock.advance(java.time.Duration.ofSeconds(PasscodeAttempts.secondsUntilNextWindow(world.clock.instant())));
        var nextHour = world.join(g.path(), ScanWorld.joinBody(world.ticket(g.path()), "honest", g.right()),
                "198.18.1.2");
        assertEquals(200, nextHour.status(), nextHour.body());
    }
}
