package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Personal invites of a referral campaign through the real scan function on the emulator:
 * a member who joins a campaign's group gets an invite URL; scanning it is a scan of the
 * group under channel {@code invite}; a join through it records who invited whom, once per
 * member and campaign, never an inviter's own invite, never a member who was in already;
 * an ended campaign's invites are refused; a group without a campaign pays nothing more.
 */
class CampaignInvitesIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Referrals", null);
    }

    /** A group with a code, and a campaign on the group: the code's scan path and the campaign's id. */
    private record Setup(String groupId, String codePath, String campaignId) {
    }

    private static Setup campaignGroup() {
        String groupId = world.group(tenant, "{\"name\":\"Book club\",\"capacity\":50}").path("groupId").asText();
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Invite 3\",\"groupId\":\"" + groupId
                + "\",\"goal\":3,\"reward\":\"a book\"}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return new Setup(groupId, codePath, c.text("campaignId"));
    }

    private static HttpCalls.Response joinVia(String path, String memberRef) {
        var r = world.join(path, ScanWorld.joinBody(world.ticket(path), memberRef, null));
        assertEquals(200, r.status(), r.body());
        return r;
    }

    /** The scan path of a join answer's invite. */
    private static String invitePath(HttpCalls.Response joined) {
        String url = joined.json().path("invite").path("inviteUrl").asText();
        assertTrue(url.startsWith(TestDeployment.SCAN_BASE), joined.body());
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    /** Who invited each member of the campaign, as stored: invitee → inviter. */
    private static Map<String, String> inviters(String campaignId) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, AttributeValue> item : campaignItems(campaignId)) {
            if (item.get("sk").s().startsWith("INVITEE#") && item.containsKey("inviterRef")) {
                out.put(item.get("memberRef").s(), item.get("inviterRef").s());
            }
        }
        return out;
    }

    private static List<Map<String, AttributeValue>> campaignItems(String campaignId) {
        String pk = "T#" + tenant.tenantId() + "#CAMPAIGN#" + campaignId;
        return TestDeployment.get().clients().dynamo().query(q -> q.tableName(TestDeployment.get().mainTable())
                .consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    @Test
    void aMemberWhoJoinsGetsAnInviteAndFriendsWhoJoinThroughItAreLinkedToThem() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));

        var scan = world.scanJson(alice);
        assertEquals(200, scan.status(), scan.body());
        assertEquals(s.campaignId(), scan.text("codeId"), "an invite's scan is a scan of the campaign");
        assertEquals("Book club", scan.json().path("group").path("name").asText());

        String bob = invitePath(joinVia(alice, "bob"));
        joinVia(bob, "carol");
        assertEquals(Map.of("bob", "alice", "carol", "bob"), inviters(s.campaignId()));

        var members = world.api.get("/v1/groups/" + s.groupId(), bearer(tenant.apiKey()));
        assertEquals(3, members.json().path("members").asLong());
    }

    @Test
    void anInvitersOwnInviteAndAMemberAlreadyInLinkNoOne() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));
        String bob = invitePath(joinVia(s.codePath(), "bob"));

        joinVia(alice, "alice");
        joinVia(alice, "bob");
        assertEquals(Map.of(), inviters(s.campaignId()));

        joinVia(alice, "dave");
        joinVia(bob, "dave");
        assertEquals(Map.of("dave", "alice"), inviters(s.campaignId()), "a member is linked to the first inviter only");
    }

    @Test
    void theSameTicketsRetryIsTheSameJoinAndOneLink() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));
        String ticket = world.ticket(alice);
        for (int i = 0; i < 3; i++) {
            var r = world.join(alice, ScanWorld.joinBody(ticket, "erin", null));
            assertEquals(200, r.status(), r.body());
            assertNotNull(r.json().path("invite").path("inviteUrl").textValue());
        }
        assertEquals(Map.of("erin", "alice"), inviters(s.campaignId()));
    }

    @Test
    void eachAcceptedScanOfAnInviteIsCountedOnItUnderChannelInvite() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, world.scanJson(alice).status());
        }
        Map<String, AttributeValue> invite = campaignItems(s.campaignId()).stream()
                .filter(i -> i.get("sk").s().startsWith("INVITE#")).findFirst().orElseThrow();
        assertEquals("alice", invite.get("memberRef").s());
        assertEquals("3", invite.get("scans").n());
        assertEquals("invite", invite.get("fact").m().get("channel").s());
        assertFalse(invite.containsKey("ip"), "no client address is stored");
    }

    @Test
    void anEndedCampaignsInvitesAreRefusedAndJoinsGetNoInvite() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));
        String ticket = world.ticket(alice);
        var ended = world.api.call("PATCH", "/v1/campaigns/" + s.campaignId(), "{\"status\":\"ended\"}",
                bearer(tenant.apiKey()));
        assertEquals(200, ended.status(), ended.body());
        // This container remembers the campaign a minute: the join's own transaction refuses it now.
        var join = world.join(alice, ScanWorld.joinBody(ticket, "frank", null));
        assertEquals(410, join.status(), join.body());
        world.clock.advance(CampaignInvites.REMEMBER.plusSeconds(1));
        var scan = world.scanJson(alice);
        assertEquals(410, scan.status(), scan.body());
        assertEquals("expired", scan.errorCode());
        var plain = joinVia(s.codePath(), "gina");
        assertFalse(plain.json().has("invite"), plain.body());
        assertEquals(Map.of(), inviters(s.campaignId()));
    }

    @Test
    void anErasureRemovesTheMembersInviteTheirInviterAndTheirNameOnWhomTheyInvited() {
        Setup s = campaignGroup();
        String alice = invitePath(joinVia(s.codePath(), "alice"));
        String bob = invitePath(joinVia(alice, "bob"));
        joinVia(bob, "carol");

        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"bob\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());

        for (Map<String, AttributeValue> item : campaignItems(s.campaignId())) {
            assertFalse(item.toString().contains("bob"), "the erased member is still named: " + item);
        }
        assertEquals(Set.of("alice"), Set.copyOf(inviters(s.campaignId()).entrySet().stream()
                .filter(e -> e.getKey().startsWith("erased:")).map(Map.Entry::getValue).toList()),
                "bob's own credit stays, under the erasure's hash");
        Map<String, AttributeValue> carol = campaignItems(s.campaignId()).stream()
                .filter(i -> i.get("sk").s().equals("INVITEE#carol")).findFirst().orElseThrow();
        assertEquals(erased.text("memberRefHash"), carol.get("inviterErasedAs").s());
        assertEquals(404, world.scanJson(bob).status(), "the erased member's invite no longer scans");
        assertEquals(200, world.scanJson(alice).status());
    }

    @Test
    void aJoinWithoutACampaignCostsNoMoreCallsAndGetsNoInvite() {
        String groupId = world.group(tenant, "{\"name\":\"Plain\",\"capacity\":50}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        world.calls.reset();
        var r = world.join(path, ScanWorld.joinBody(ticket, "henry", null));
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().has("invite"));
        assertEquals(Map.of("DynamoDb.GetItem", 1L, "DynamoDb.TransactWriteItems", 1L), world.calls.snapshot());
    }
}
