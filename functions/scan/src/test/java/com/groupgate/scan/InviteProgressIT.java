package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An inviter's public progress link through the real scan function on the emulator: the
 * join answer carries it beside the invite; it shows pending friends at once, qualified ones
 * after the delay, and the reward code at the goal, as JSON or as a page in the viewer's
 * language. Forged, tampered, tenant-swapped or foreign tokens are 404 before any table is
 * read; an erased inviter's link is 404.
 */
class InviteProgressIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final String PROGRESS_BASE = TestDeployment.SCAN_BASE.replace("/S/", "/P/");

    private final ScanWorld world = new ScanWorld();
    private final QualificationHandler qualification = new QualificationHandler(
            TestDeployment.get().wiring("QualificationFunction", world.clock));
    private final ScanWorld.Tenant tenant = world.tenant("Progress", "Asia/Shanghai");

    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "192.0.2." + (n % 250 + 1);
    }

    private record Setup(String groupId, String codePath, String campaignId) {
    }

    private Setup campaign() {
        String groupId = world.group(tenant, "{\"name\":\"Tea club\",\"capacity\":3000}").path("groupId").asText();
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Bring 2 friends\",\"groupId\":\"" + groupId
                + "\",\"goal\":2,\"reward\":\"a pot of tea\",\"qualifyAfterMinutes\":60}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return new Setup(groupId, codePath, c.text("campaignId"));
    }

    private HttpCalls.Response join(String path, String memberRef, String address) {
        var scan = world.scanJson(path);
        assertEquals(200, scan.status(), scan.body());
        var r = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), memberRef, null), address);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static String invitePath(HttpCalls.Response joined) {
        return "/S/" + joined.json().path("invite").path("inviteUrl").asText().substring(TestDeployment.SCAN_BASE.length());
    }

    private static String progressPath(HttpCalls.Response joined) {
        String url = joined.json().path("invite").path("progressUrl").asText();
        assertTrue(url.startsWith(PROGRESS_BASE), joined.body());
        return "/P/" + url.substring(PROGRESS_BASE.length());
    }

    private HttpCalls.Response progress(String path) {
        return world.scanJson(path);
    }

    private HttpCalls.Response page(String path, String language) {
        return world.scan(path, Map.of("accept", "text/html", "accept-language", language), ScanWorld.SOURCE_IP);
    }

    @Test
    void theInviterFollowsTwoFriendsFromPendingToQualifiedToTheRewardCode() {
        Setup s = campaign();
        var alice = join(s.codePath(), "alice", newAddress());
        String progress = progressPath(alice);
        String invite = invitePath(alice);
        assertNotEquals(invite.substring(3), progress.substring(3), "the progress link is not the invite");

        var none = progress(progress);
        assertEquals(200, none.status(), none.body());
        assertEquals("{\"qualified\":0,\"pending\":0,\"goal\":2}", none.body());
        assertEquals("no-store", none.headers().get("cache-control"));

        join(invite, "bob", newAddress());
        join(invite, "carol", newAddress());
        assertEquals("{\"qualified\":0,\"pending\":2,\"goal\":2}", progress(progress).body());

        world.clock.advance(Duration.ofMinutes(60));
        qualification.handleRequest(Map.of(), null);
        var board = world.api.get("/v1/campaigns/" + s.campaignId() + "/leaderboard", bearer(tenant.apiKey()));
        String reward = board.json().path("items").get(0).path("rewardCode").asText();
        var reached = progress(progress).json();
        assertEquals(2, reached.path("qualified").asLong());
        assertEquals(0, reached.path("pending").asLong());
        assertEquals(reward, reached.path("rewardCode").asText(), "the reward code the tenant's leaderboard shows");

        var bobsOwn = progress(progressPath(join(s.codePath(), "bob", newAddress())));
        assertEquals("{\"qualified\":0,\"pending\":0,\"goal\":2}", bobsOwn.body(), "another member's link is theirs");
    }

    @Test
    void aBrowserGetsAPageInItsLanguageWithAStrictPolicy() {
        Setup s = campaign();
        var alice = join(s.codePath(), "alice", newAddress());
        join(invitePath(alice), "bob", newAddress());

        var zh = page(progressPath(alice), "zh-CN,zh;q=0.9");
        assertEquals(200, zh.status(), zh.body());
        assertTrue(zh.headers().get("content-type").startsWith("text/html"));
        assertTrue(zh.body().contains("lang=\"zh-CN\""), zh.body());
        assertTrue(zh.body().contains("已入群并留下的好友：0"), zh.body());
        assertTrue(zh.body().contains("待确认：1"), zh.body());
        assertTrue(zh.body().contains("Bring 2 friends"), zh.body());
        assertFalse(zh.body().contains("<script"), "no script");
        String csp = zh.headers().get("content-security-policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'none'")
                && csp.contains("img-src 'none'"), csp);
        assertEquals("no-store", zh.headers().get("cache-control"));

        var tw = page(progressPath(alice), "zh-TW");
        assertTrue(tw.body().contains("已入群並留下的好友：0"), tw.body());
        var en = page(progressPath(alice), "en-GB");
        assertTrue(en.body().contains("Goal: 2 friends"), en.body());
    }

    @Test
    void forgedTamperedSwappedAndForeignTokensAre404WithoutATableRead() {
        Setup s = campaign();
        var alice = join(s.codePath(), "alice", newAddress());
        String token = progressPath(alice).substring(3);
        ScanWorld.Tenant other = world.tenant("Other", null);

        byte[] bytes = Base64.getUrlDecoder().decode(token);
        Id.parse(other.tenantId()).orElseThrow().writeTo(bytes, 1);
        String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        char last = token.charAt(20);
        String tampered = token.substring(0, 20) + (last == 'A' ? 'B' : 'A') + token.substring(21);
        String forged = "A".repeat(token.length());
        String inviteToken = invitePath(alice).substring(3);

        assertEquals(200, progress("/P/" + token).status());
        world.calls.reset();
        for (String bad : List.of(swapped, tampered, forged, inviteToken, token + "A")) {
            var r = progress("/P/" + bad);
            assertEquals(404, r.status(), bad + ": " + r.body());
            assertEquals("not_found", r.errorCode());
        }
        assertEquals(Map.of(), world.calls.snapshot(), "nothing was read for a token that does not verify");
        assertEquals(404, world.scanJson("/S/" + token).status(), "a progress token is no scan token");
    }

    @Test
    void anErasedInvitersLinkIs404() {
        Setup s = campaign();
        var alice = join(s.codePath(), "alice", newAddress());
        String progress = progressPath(alice);
        join(invitePath(alice), "bob", newAddress());
        assertEquals(200, progress(progress).status());

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());
        var gone = progress(progress);
        assertEquals(404, gone.status(), gone.body());
        assertEquals(404, page(progress, "en").status());
    }
}
