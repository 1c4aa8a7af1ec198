package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.id.RequestId;
import com.groupgate.id.TenantId;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A friend who comes through a personal invite into a group that needs approval files a
 * request like any joiner; the request remembers the invite, and the tenant's approval
 * credits the inviter under the invite join's rules — pending, then qualified by the
 * scheduled run; never for a rejected request; once however often the approval is repeated;
 * written by the retry of an approval whose credit was left out; refused for the inviter's
 * own viewer or past the daily limit; nothing once the campaign ended. The approved status
 * page shows the invite, also for a live code's campaign. Through the real scan function and
 * codes API on the emulator.
 */
class ApprovedInviteCreditsIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final String STATUS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/R/");

    private final ScanWorld world = new ScanWorld();
    private final QualificationHandler qualification = new QualificationHandler(
            TestDeployment.get().wiring("QualificationFunction", world.clock));
    private final ScanWorld.Tenant tenant = world.tenant("Approved invites", "Asia/Shanghai");
    private String groupId;
    private String codePath;
    private String campaignId;
    private String invitePath;
    private String aliceStatusPath;

    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.19." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    /** An approval group running a campaign, and alice, approved into it, holding her invite from the status page. */
    @BeforeEach
    void aliceIsApprovedAndHoldsHerInvite() {
        groupId = world.group(tenant, "{\"name\":\"Approved club\",\"capacity\":50,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Bring a friend\",\"groupId\":\"" + groupId
                + "\",\"goal\":2,\"reward\":\"a mug\",\"qualifyAfterMinutes\":0}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        campaignId = c.text("campaignId");
        var alice = request(codePath, "alice", newAddress());
        assertEquals(200, approve(alice.text("requestId")).status());
        aliceStatusPath = "/R/" + alice.text("statusUrl").substring(STATUS_BASE.length());
        var shown = world.scanJson(aliceStatusPath);
        String url = shown.json().path("invite").path("inviteUrl").asText();
        assertTrue(url.startsWith(TestDeployment.SCAN_BASE), shown.body());
        invitePath = "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
        world.clock.advance(Duration.ofMinutes(2));
    }

    private HttpCalls.Response request(String path, String memberRef, String address) {
        var scan = world.scanJson(path);
        assertEquals(200, scan.status(), scan.body());
        var filed = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), memberRef, null), address);
        assertEquals(202, filed.status(), filed.body());
        return filed;
    }

    private HttpCalls.Response approve(String requestId) {
        return world.api.post("/v1/join-requests/" + requestId + "/approve", null, bearer(tenant.apiKey()));
    }

    /** The leaderboard as memberRef → [qualified, pending]. */
    private Map<String, List<Long>> board() {
        var r = world.api.get("/v1/campaigns/" + campaignId + "/leaderboard", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (JsonNode row : r.json().path("items")) {
            out.put(row.path("memberRef").asText(), List.of(row.path("qualified").asLong(), row.path("pending").asLong()));
        }
        return out;
    }

    private JsonNode stats() {
        var r = world.api.get("/v1/campaigns/" + campaignId + "/stats", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private void runQualification() {
        world.clock.advance(Duration.ofMinutes(1));
        qualification.handleRequest(Map.of(), null);
    }

    @Test
    void aFriendApprovedThroughAnInviteIsCreditedPendingAndQualifiesOnTheNextRun() {
        var bob = request(invitePath, "bob", newAddress());
        assertEquals(Map.of(), board(), "a request is no join: nothing is credited while it waits");

        var approved = approve(bob.text("requestId"));
        assertEquals(200, approved.status(), approved.body());
        assertEquals(Map.of("alice", List.of(0L, 1L)), board());

        runQualification();
        assertEquals(Map.of("alice", List.of(1L, 0L)), board());
        assertEquals(1, stats().path("qualified").asLong());
    }

    @Test
    void aRejectedFriendIsNeverCredited() {
        var bob = request(invitePath, "bob", newAddress());
        var rejected = world.api.post("/v1/join-requests/" + bob.text("requestId") + "/reject", null,
                bearer(tenant.apiKey()));
        assertEquals(200, rejected.status(), rejected.body());

        runQualification();
        assertEquals(Map.of(), board());
        JsonNode stats = stats();
        assertEquals(0, stats.path("pending").asLong() + stats.path("qualified").asLong() + stats.path("refused").asLong(),
                stats.toString());
    }

    @Test
    void approvingTheSameRequestTwiceCreditsOnce() {
        var bob = request(invitePath, "bob", newAddress());
        assertEquals(200, approve(bob.text("requestId")).status());
        var again = approve(bob.text("requestId"));
        assertEquals(200, again.status(), "an approval repeated answers joined again: " + again.body());

        assertEquals(Map.of("alice", List.of(0L, 1L)), board());
        runQualification();
        runQualification();
        assertEquals(Map.of("alice", List.of(1L, 0L)), board());
        assertEquals(1, stats().path("qualified").asLong());
    }

    @Test
    void anApprovalWhoseCreditWasLeftOutIsCreditedByTheTenantsRetry() {
        var bob = request(invitePath, "bob", newAddress());
        // The approval's transaction went through and the function died before the credit.
        TestDeployment aws = TestDeployment.get();
        var decided = new JoinRequestTable(aws.clients().dynamo(), aws.mainTable()).approve(
                TenantId.parse(tenant.tenantId()).orElseThrow(), RequestId.parse(bob.text("requestId")).orElseThrow(),
                world.clock.instant());
        assertEquals(JoinRequestTable.Decision.JOINED, decided);
        assertEquals(Map.of(), board());

        var retried = approve(bob.text("requestId"));
        assertEquals(200, retried.status(), retried.body());
        assertEquals(Map.of("alice", List.of(0L, 1L)), board());
    }

    @Test
    void anApprovalWhoseFunctionDiedBeforeTheCreditIsCreditedByTheNextRunAndAGivenUpRetryCreditsNothingTwice() {
        var bob = request(invitePath, "bob", newAddress());
        try (FunctionFaults api = FunctionFaults.of("CodesApiFunction")) {
            // The approval's transaction goes through; every transaction after it fails.
            api.inject(api.on("dynamodb", "TransactWriteItems", Kind.ERROR_500).skip(1).always());
            var died = approve(bob.text("requestId"));
            assertEquals(503, died.status(), died.body());
        }
        assertEquals(Map.of(), board(), "recorded, not yet counted");
        world.clock.advance(CreditTable.COMPLETE_AFTER);
        runQualification();
        assertEquals(Map.of("alice", List.of(0L, 1L)), board(), "completed by the run");
        var retried = approve(bob.text("requestId"));
        assertEquals(200, retried.status(), retried.body());
        assertEquals(Map.of("alice", List.of(0L, 1L)), board(), "the tenant's retry credits nothing twice");
        runQualification();
        assertEquals(Map.of("alice", List.of(1L, 0L)), board());
    }

    @Test
    void aFriendRequestingFromTheInvitersOwnViewerIsRefusedWhenApproved() {
        // alice read her status page (and so got her invite) from ScanWorld.SOURCE_IP.
        var self = request(invitePath, "alice-second-account", ScanWorld.SOURCE_IP);
        assertEquals(200, approve(self.text("requestId")).status());

        runQualification();
        assertEquals(Map.of(), board());
        assertEquals(1, stats().path("refused").asLong(), "the tenant sees the refused credit");
    }

    @Test
    void aFriendApprovedAfterTheCampaignEndedIsNotCredited() {
        var bob = request(invitePath, "bob", newAddress());
        var ended = world.api.call("PATCH", "/v1/campaigns/" + campaignId, "{\"status\":\"ended\"}",
                bearer(tenant.apiKey()));
        assertEquals(200, ended.status(), ended.body());

        assertEquals(200, approve(bob.text("requestId")).status(), "the approval itself stands");
        runQualification();
        assertEquals(Map.of(), board());
        assertEquals(0, stats().path("pending").asLong() + stats().path("qualified").asLong());
    }

    @Test
    void theApprovedStatusPageShowsTheInviteAndProgressLinksInTheViewersLanguage() {
        String progressBase = TestDeployment.SCAN_BASE.replace("/S/", "/P/");
        // An invite link written out and linked (each read signs the same invite afresh).
        Pattern inviteLink = Pattern.compile("<a class=\"invite\" rel=\"noreferrer\" href=\"("
                + Pattern.quote(TestDeployment.SCAN_BASE) + "[A-Z0-9]+)\">\\1</a>");

        var chinese = world.scan(aliceStatusPath, Map.of("accept", "text/html", "accept-language", "zh-CN"),
                ScanWorld.SOURCE_IP);
        assertEquals(200, chinese.status(), chinese.body());
        assertTrue(chinese.body().contains("用这个链接邀请好友："), chinese.body());
        assertTrue(inviteLink.matcher(chinese.body()).find(), "the invite URL is a link and written out: " + chinese.body());
        assertTrue(Pattern.compile("href=\"" + Pattern.quote(progressBase) + "[^\"]+\">查看我的邀请和奖励</a>")
                .matcher(chinese.body()).find(), chinese.body());

        var english = world.scan(aliceStatusPath, Map.of("accept", "text/html", "accept-language", "en"),
                ScanWorld.SOURCE_IP);
        assertTrue(english.body().contains("Invite friends with this link:"), english.body());
        assertTrue(english.body().contains(">See your invitations and reward</a>"), english.body());
    }

    @Test
    void aPendingStatusPageShowsNoInvite() {
        var bob = request(invitePath, "bob", newAddress());
        var page = world.scan("/R/" + bob.text("statusUrl").substring(STATUS_BASE.length()),
                Map.of("accept", "text/html", "accept-language", "en"), newAddress());
        assertEquals(200, page.status(), page.body());
        assertFalse(page.body().contains("id=\"invite\""), page.body());
    }

    @Test
    void aMemberApprovedThroughALiveCodesCampaignGetsTheInviteAndFriendsApprovedThroughItCreditThem() {
        String pooled = world.group(tenant, "{\"name\":\"Pooled club\",\"capacity\":50,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + pooled + "\"]}",
                bearer(tenant.apiKey()));
        assertEquals(201, live.status(), live.body());
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Live friends\",\"liveCodeId\":\""
                + live.text("liveCodeId") + "\",\"goal\":2,\"reward\":\"a cup\",\"qualifyAfterMinutes\":0}",
                bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        String liveCampaign = c.text("campaignId");

        var erin = request(ScanWorld.path(live.json()), "erin", newAddress());
        String statusPath = "/R/" + erin.text("statusUrl").substring(STATUS_BASE.length());
        assertEquals(200, approve(erin.text("requestId")).status());
        var shown = world.scanJson(statusPath);
        assertEquals("approved", shown.text("status"), shown.body());
        String url = shown.json().path("invite").path("inviteUrl").asText();
        assertTrue(url.startsWith(TestDeployment.SCAN_BASE), "the live code's campaign invites her: " + shown.body());

        var fred = request("/S/" + url.substring(TestDeployment.SCAN_BASE.length()), "fred", newAddress());
        assertEquals(200, approve(fred.text("requestId")).status());
        runQualification();
        var r = world.api.get("/v1/campaigns/" + liveCampaign + "/leaderboard", bearer(tenant.apiKey()));
        assertEquals("erin", r.json().path("items").path(0).path("memberRef").asText(), r.body());
        assertEquals(1, r.json().path("items").path(0).path("qualified").asLong(), r.body());
    }

    @Test
    void approvalsPastTheInvitersDailyLimitAreRefused() {
        String limited = world.group(tenant, "{\"name\":\"Limited club\",\"capacity\":50,\"joinPolicy\":\"approval\"}")
                .path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, limited, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"One a day\",\"groupId\":\"" + limited
                + "\",\"goal\":2,\"reward\":\"a pen\",\"qualifyAfterMinutes\":0,\"perInviterDailyLimit\":1}",
                bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        var gina = request(path, "gina", newAddress());
        assertEquals(200, approve(gina.text("requestId")).status());
        String url = world.scanJson("/R/" + gina.text("statusUrl").substring(STATUS_BASE.length()))
                .json().path("invite").path("inviteUrl").asText();
        String ginaInvite = "/S/" + url.substring(TestDeployment.SCAN_BASE.length());

        var first = request(ginaInvite, "hal", newAddress());
        var second = request(ginaInvite, "ivy", newAddress());
        assertEquals(200, approve(first.text("requestId")).status());
        assertEquals(200, approve(second.text("requestId")).status());

        var stats = world.api.get("/v1/campaigns/" + c.text("campaignId") + "/stats", bearer(tenant.apiKey())).json();
        assertEquals(1, stats.path("pending").asLong(), stats.toString());
        assertEquals(1, stats.path("refused").asLong(), stats.toString());
    }

    @Test
    void aRequestThroughAGroupCodeCreditsNoOne() {
        var dora = request(codePath, "dora", newAddress());
        assertEquals(200, approve(dora.text("requestId")).status());
        assertEquals(Map.of(), board());
        assertFalse(stats().path("pending").asLong() > 0);
    }
}
