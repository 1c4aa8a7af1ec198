package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Referral credits through the scan function and the codes API on the emulator: friends who
 * join through an invite and stay qualify their inviter after the delay; never credited are
 * self-invites (the inviter's own address and device within a day), joins past the
 * inviter's daily limit, an invitee credited before, one removed before qualifying, and
 * joins after the campaign's end. Exact under 50 concurrent invitees of one inviter, and
 * the stats equal the credits. Credits qualify in the scheduled qualification run (invoked
 * here as Scheduler would, {@link #qualify}); reading the leaderboard or the stats settles nothing.
 */
class ReferralCreditsIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private final ScanWorld world = new ScanWorld();
    private final ScanWorld.Tenant tenant = world.tenant("Credits", "Asia/Shanghai");
    private final QualificationHandler qualification = new QualificationHandler(
            TestDeployment.get().wiring("QualificationFunction", world.clock));

    /** One scheduled qualification run at the world's time. */
    private void qualify() {
        qualification.handleRequest(Map.of(), null);
    }

    /** A fresh client address: each friend joins from a network of their own. */
    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "203.0." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    private record Setup(String groupId, String codePath, String campaignId) {
    }

    private Setup campaign(String extra) {
        String groupId = world.group(tenant, "{\"name\":\"Club\",\"capacity\":3000}").path("groupId").asText();
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Invite friends\",\"groupId\":\"" + groupId
                + "\",\"goal\":2,\"reward\":\"a mug\"" + extra + "}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return new Setup(groupId, codePath, c.text("campaignId"));
    }

    private HttpCalls.Response join(String path, String memberRef, String address) {
        var scan = world.scanJson(path);
        assertEquals(200, scan.status(), scan.body());
        return world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), memberRef, null), address);
    }

    private String inviteOf(String path, String memberRef, String address) {
        var r = join(path, memberRef, address);
        assertEquals(200, r.status(), r.body());
        String url = r.json().path("invite").path("inviteUrl").asText();
        assertTrue(url.startsWith(TestDeployment.SCAN_BASE), r.body());
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    /** The leaderboard as memberRef → [qualified, pending]. */
    private Map<String, List<Long>> board(Setup s) {
        var r = world.api.get("/v1/campaigns/" + s.campaignId() + "/leaderboard", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (JsonNode row : r.json().path("items")) {
            out.put(row.path("memberRef").asText(), List.of(row.path("qualified").asLong(), row.path("pending").asLong()));
        }
        return out;
    }

    private JsonNode stats(Setup s) {
        var r = world.api.get("/v1/campaigns/" + s.campaignId() + "/stats", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Each invitee's credit as stored: memberRef → status (and reason, when refused). */
    private Map<String, String> credits(Setup s) {
        String pk = "T#" + tenant.tenantId() + "#CAMPAIGN#" + s.campaignId();
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map<String, AttributeValue> item : TestDeployment.get().clients().dynamo().query(q -> q
                .tableName(TestDeployment.get().mainTable()).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items()) {
            if (item.get("sk").s().startsWith("INVITEE#")) {
                out.put(item.get("memberRef").s(), item.get("status").s()
                        + (item.containsKey("reason") ? ":" + item.get("reason").s() : ""));
            }
        }
        return out;
    }

    @Test
    void friendsWhoStayQualifyTheirInviterAfterTheDelayAndTheStatsAreTheCredits() {
        Setup s = campaign(",\"qualifyAfterMinutes\":60");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        String bob = inviteOf(alice, "bob", newAddress());
        inviteOf(alice, "carol", newAddress());
        inviteOf(bob, "dave", newAddress());
        assertEquals(Map.of("alice", List.of(0L, 2L), "bob", List.of(0L, 1L)), board(s));

        world.clock.advance(Duration.ofMinutes(60));
        assertEquals(Map.of("alice", List.of(0L, 2L), "bob", List.of(0L, 1L)), board(s), "a read settles nothing");
        qualify();
        assertEquals(List.of("alice", "bob"), List.copyOf(board(s).keySet()), "more qualified first");
        assertEquals(Map.of("alice", List.of(2L, 0L), "bob", List.of(1L, 0L)), board(s));
        JsonNode stats = stats(s);
        assertEquals(4, stats.path("invitesIssued").asLong());
        assertEquals(3, stats.path("joins").asLong());
        assertEquals(3, stats.path("qualified").asLong());
        assertEquals(0, stats.path("pending").asLong());
        assertEquals(0.75, stats.path("kFactor").asDouble());
        assertEquals(3, stats.path("inviteScans").asLong(), "each of the three joins scanned an invite once");
        assertEquals("[{\"generation\":1,\"members\":2},{\"generation\":2,\"members\":1}]",
                stats.path("generations").toString());

        // Alice reached the goal (2): one reward, redeemed once.
        assertEquals(1, stats.path("rewards").asLong());
        var top = world.api.get("/v1/campaigns/" + s.campaignId() + "/leaderboard", bearer(tenant.apiKey()));
        String code = top.json().path("items").get(0).path("rewardCode").asText();
        assertTrue(top.json().path("items").get(1).path("rewardCode").isMissingNode(), "bob has one qualified of two");
        String redeem = "/v1/campaigns/" + s.campaignId() + "/rewards/" + code + "/redeem";
        assertEquals(200, world.api.post(redeem, null, bearer(tenant.apiKey())).status());
        assertEquals(409, world.api.post(redeem, null, bearer(tenant.apiKey())).status());

        // Webhook events, stored once each by the settling that made them true; running again adds none.
        assertEquals(Map.of("referral.credited", 2L, "referral.goal_reached", 1L), eventsNaming("alice"));
        assertEquals(Map.of("referral.credited", 1L), eventsNaming("bob"));
        qualify();
        assertEquals(Map.of("referral.credited", 2L, "referral.goal_reached", 1L), eventsNaming("alice"));
    }

    /** The stored webhook events that name {@code memberRef}, by type. */
    private Map<String, Long> eventsNaming(String memberRef) {
        return TestDeployment.get().clients().dynamo().query(q -> q.tableName(TestDeployment.get().mainTable())
                .indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + tenant.tenantId() + "#WHMEMBER#"
                        + memberRef)))).items().stream()
                .collect(java.util.stream.Collectors.groupingBy(i -> i.get("type").s(),
                        java.util.stream.Collectors.counting()));
    }

    @Test
    void aFriendJoiningFromTheInvitersOwnAddressAndDeviceWithinADayIsASelfInvite() {
        Setup s = campaign(",\"qualifyAfterMinutes\":0");
        String home = newAddress();
        String alice = inviteOf(s.codePath(), "alice", home);
        inviteOf(alice, "alice-2", home);
        inviteOf(alice, "neighbour", newAddress());
        world.clock.advance(Duration.ofHours(24).plusSeconds(1));
        inviteOf(alice, "flatmate", home);
        assertEquals(Map.of("alice-2", "refused:self_invite", "neighbour", "pending", "flatmate", "pending"),
                credits(s));
        qualify();
        assertEquals(Map.of("alice", List.of(2L, 0L)), board(s));
        assertEquals(1, stats(s).path("refused").asLong());
    }

    @Test
    void joinsPastTheInvitersDailyLimitAreRefusedAndTheNextDayCountsAgain() {
        Setup s = campaign(",\"qualifyAfterMinutes\":0,\"perInviterDailyLimit\":2");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        for (String friend : List.of("f1", "f2", "f3")) {
            inviteOf(alice, friend, newAddress());
        }
        world.clock.advance(Duration.ofDays(1));
        inviteOf(alice, "f4", newAddress());
        assertEquals(Map.of("f1", "pending", "f2", "pending", "f3", "refused:daily_limit", "f4", "pending"),
                credits(s));
        qualify();
        assertEquals(Map.of("alice", List.of(3L, 0L)), board(s));
    }

    @Test
    void anInviteeRemovedBeforeQualifyingEarnsNothingEvenIfTheyComeBack() {
        Setup s = campaign(",\"qualifyAfterMinutes\":60");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        inviteOf(alice, "bob", newAddress());
        inviteOf(alice, "carol", newAddress());
        var removed = world.api.call("DELETE", "/v1/groups/" + s.groupId() + "/members/bob", null,
                bearer(tenant.apiKey()));
        assertEquals(204, removed.status(), removed.body());
        world.clock.advance(Duration.ofMinutes(30));
        inviteOf(s.codePath(), "bob", newAddress());
        world.clock.advance(Duration.ofMinutes(30));
        qualify();
        assertEquals(Map.of("alice", List.of(1L, 0L)), board(s));
        assertEquals(Map.of("bob", "removed", "carol", "qualified"), credits(s));
        assertEquals(1, stats(s).path("removed").asLong());
    }

    @Test
    void anInviteeIsCreditedOncePerCampaignWhateverInviteTheyComeBackThrough() {
        Setup s = campaign(",\"qualifyAfterMinutes\":0");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        String bob = inviteOf(s.codePath(), "bob", newAddress());
        String erinsAddress = newAddress();
        inviteOf(alice, "erin", erinsAddress);
        inviteOf(bob, "erin", erinsAddress);
        assertEquals(204, world.api.call("DELETE", "/v1/groups/" + s.groupId() + "/members/erin", null,
                bearer(tenant.apiKey())).status());
        inviteOf(bob, "erin", erinsAddress);
        assertEquals(Map.of("erin", "pending"), credits(s));
        qualify();
        assertEquals(Map.of("alice", List.of(1L, 0L)), board(s));
    }

    @Test
    void noCreditAfterTheCampaignsEnd() {
        Setup s = campaign(",\"qualifyAfterMinutes\":0,\"endsAt\":\"" + world.clock.instant().plus(Duration.ofHours(1)) + "\"");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        world.clock.advance(Duration.ofHours(1));
        assertEquals(410, world.scanJson(alice).status());
        var plain = join(s.codePath(), "late", newAddress());
        assertEquals(200, plain.status(), plain.body());
        assertTrue(plain.json().path("invite").isMissingNode(), "no invite once the campaign has ended");
        assertEquals(Map.of(), credits(s));
    }

    @Test
    void anErasedInviterLeavesTheLeaderboardWhileTheCreditsStayCounted() {
        Setup s = campaign(",\"qualifyAfterMinutes\":0");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        String bob = inviteOf(alice, "bob", newAddress());
        inviteOf(bob, "carol", newAddress());
        qualify();
        assertEquals(Map.of("alice", List.of(1L, 0L), "bob", List.of(1L, 0L)), board(s));

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());
        assertEquals(Map.of("bob", List.of(1L, 0L)), board(s));
        JsonNode stats = stats(s);
        assertEquals(2, stats.path("qualified").asLong(), "the credits stay; only the name goes");
        assertTrue(!credits(s).containsKey("alice") && !stats.toString().contains("alice"), stats.toString());
    }

    @Test
    void fiftyConcurrentInviteesOfOneInviterAreEachCreditedOnce() throws Exception {
        Setup s = campaign(",\"qualifyAfterMinutes\":0,\"perInviterDailyLimit\":1000");
        String alice = inviteOf(s.codePath(), "alice", newAddress());
        List<String> addresses = java.util.stream.IntStream.range(0, 50).mapToObj(i -> newAddress()).toList();
        List<String> tickets = java.util.stream.IntStream.range(0, 50).mapToObj(i -> world.ticket(alice)).toList();
        List<HttpCalls.Response> joins = ScanWorld.concurrently(50, 16, i -> world.join(alice,
                ScanWorld.joinBody(tickets.get(i), "friend-" + i, null), addresses.get(i)));
        assertEquals(Map.of(200, 50L), ScanWorld.histogram(joins));
        assertEquals(50, credits(s).values().stream().filter("pending"::equals).count());
        qualify();
        assertEquals(Map.of("alice", List.of(50L, 0L)), board(s));
        JsonNode stats = stats(s);
        assertEquals(50, stats.path("qualified").asLong());
        assertEquals(50, stats.path("joins").asLong());
    }
}
