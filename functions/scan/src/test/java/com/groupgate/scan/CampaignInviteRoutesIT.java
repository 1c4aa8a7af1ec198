package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Invites beyond a group code's open join, through the real scan function on the emulator:
 * a live code running a campaign hands its joiners invites, and a friend joining through one
 * is routed by the live code (to the next group once the first is full) and credited; a
 * member approved into a campaign's group finds their invite on the approved status answer,
 * and friends joining through it credit them.
 */
class CampaignInviteRoutesIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final String STATUS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/R/");
    private static final String PROGRESS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/P/");

    private final ScanWorld world = new ScanWorld();
    private final QualificationHandler qualification = new QualificationHandler(
            TestDeployment.get().wiring("QualificationFunction", world.clock));
    private final ScanWorld.Tenant tenant = world.tenant("Routes", "Asia/Shanghai");

    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.18." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    private String group(String name, int capacity, String extra) {
        return world.group(tenant, "{\"name\":\"" + name + "\",\"capacity\":" + capacity + extra + "}")
                .path("groupId").asText();
    }

    private String campaign(String target) {
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Invite 2\"," + target
                + ",\"goal\":2,\"reward\":\"a mug\",\"qualifyAfterMinutes\":0}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return c.text("campaignId");
    }

    private HttpCalls.Response join(String path, String memberRef) {
        var scan = world.scanJson(path);
        assertEquals(200, scan.status(), scan.body());
        return world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), memberRef, null), newAddress());
    }

    private static String invitePath(JsonNode answer) {
        String url = answer.path("invite").path("inviteUrl").asText();
        assertTrue(url.startsWith(TestDeployment.SCAN_BASE), answer.toString());
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    private static String progressPath(JsonNode answer) {
        String url = answer.path("invite").path("progressUrl").asText();
        assertTrue(url.startsWith(PROGRESS_BASE), answer.toString());
        return "/P/" + url.substring(PROGRESS_BASE.length());
    }

    /** The leaderboard (which settles due credits first) as memberRef → [qualified, pending]. */
    private Map<String, List<Long>> board(String campaignId) {
        var r = world.api.get("/v1/campaigns/" + campaignId + "/leaderboard", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (JsonNode row : r.json().path("items")) {
            out.put(row.path("memberRef").asText(), List.of(row.path("qualified").asLong(), row.path("pending").asLong()));
        }
        return out;
    }

    private long members(String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong();
    }

    @Test
    void aLiveCodesCampaignInvitesItsJoinersAndRoutesTheirFriendsThroughThePoolAndCreditsThem() {
        String first = group("First", 2, "");
        String second = group("Second", 50, "");
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + first + "\",\"" + second
                + "\"]}", bearer(tenant.apiKey()));
        assertEquals(201, live.status(), live.body());
        String campaignId = campaign("\"liveCodeId\":\"" + live.text("liveCodeId") + "\"");
        String livePath = ScanWorld.path(live.json());

        var alice = join(livePath, "alice");
        assertEquals(200, alice.status(), alice.body());
        String invite = invitePath(alice.json());
        assertEquals(200, join(invite, "bob").status());
        assertEquals(2, members(first), "alice and bob fill the first group");

        var scan = world.scanJson(invite);
        assertEquals("Second", scan.json().path("group").path("name").asText(), "the invite is routed by the live code");
        var carol = world.join(invite, ScanWorld.joinBody(scan.text("joinTicket"), "carol", null), newAddress());
        assertEquals(200, carol.status(), carol.body());
        assertFalse(carol.json().path("invite").path("inviteUrl").asText().isEmpty(), "carol gets an invite of her own");
        assertEquals(1, members(second));

        world.clock.advance(Duration.ofMinutes(1));
        qualification.handleRequest(Map.of(), null);
        assertEquals(Map.of("alice", List.of(2L, 0L)), board(campaignId));
        var progress = world.scanJson(progressPath(alice.json()));
        assertEquals(2, progress.json().path("qualified").asLong(), progress.body());
        assertFalse(progress.json().path("rewardCode").asText().isEmpty(), progress.body());
    }

    @Test
    void aLiveCodeWithoutACampaignHandsOutNoInvite() {
        String only = group("Only", 50, "");
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Plain\",\"groupIds\":[\"" + only + "\"]}",
                bearer(tenant.apiKey()));
        var joined = join(ScanWorld.path(live.json()), "dora");
        assertEquals(200, joined.status(), joined.body());
        assertFalse(joined.json().has("invite"), joined.body());
    }

    @Test
    void aMemberApprovedIntoACampaignsGroupFindsTheirInviteOnTheStatusAnswerAndFriendsCreditThem() {
        String groupId = group("Approved club", 50, ",\"joinPolicy\":\"approval\"");
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String campaignId = campaign("\"groupId\":\"" + groupId + "\"");

        var filed = join(codePath, "alice");
        assertEquals(202, filed.status(), filed.body());
        assertFalse(filed.json().has("invite"), "a request is no member yet");
        String statusPath = "/R/" + filed.text("statusUrl").substring(STATUS_BASE.length());
        var pending = world.scanJson(statusPath);
        assertFalse(pending.json().has("invite"), pending.body());

        var approved = world.api.post("/v1/join-requests/" + filed.text("requestId") + "/approve", null,
                bearer(tenant.apiKey()));
        assertEquals(200, approved.status(), approved.body());
        var shown = world.scanJson(statusPath);
        assertEquals("approved", shown.text("status"), shown.body());
        String invite = invitePath(shown.json());
        assertTrue(world.scanJson(statusPath).json().has("invite"), "every approved read hands out the invite");

        // The tenant opens the group: friends join through alice's invite at once and count for her.
        var opened = world.api.call("PATCH", "/v1/groups/" + groupId, "{\"joinPolicy\":\"open\"}",
                bearer(tenant.apiKey()));
        assertEquals(200, opened.status(), opened.body());
        world.clock.advance(Duration.ofMinutes(2));
        assertEquals(200, join(invite, "bob").status());
        assertEquals(200, join(invite, "carol").status());
        world.clock.advance(Duration.ofMinutes(1));
        qualification.handleRequest(Map.of(), null);
        assertEquals(Map.of("alice", List.of(2L, 0L)), board(campaignId));
        var progress = world.scanJson(progressPath(shown.json()));
        assertEquals(2, progress.json().path("qualified").asLong(), progress.body());
    }
}
