package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.hash.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local run drives the referral qualification on its schedule, as EventBridge Scheduler
 * does deployed: a friend who joins through an invite qualifies their inviter, with the
 * reward and its signed code, while nobody reads the leaderboard or the stats.
 */
class LocalQualificationIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The friend's phone: another device class than the inviter's client, so not a self-invite from this one address. */
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49";

    private static LocalGroupGate local;
    private static LocalApi api;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().qualificationInterval(Duration.ofMillis(300)).build();
        base = local.start(0);
        api = new LocalApi(base);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** A call from the friend's phone. */
    private static JsonNode fromPhone(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("accept", "application/json")
                .header("user-agent", PHONE).header("x-amz-content-sha256", Sha256.hex(body == null ? "" : body))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("content-type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    @Test
    void aFriendWhoJoinsThroughAnInviteQualifiesTheInviterOnTheScheduleWithNoRead() throws Exception {
        String key = api.tenant(local.adminKey(), "裂变 schedule");
        String groupId = api.expect(201, "POST", "/v1/groups", "{\"name\":\"读书会\"}", key).path("groupId").asText();
        JsonNode code = api.expect(201, "POST", "/v1/groups/" + groupId + "/codes", "{\"channel\":\"poster\"}", key);
        String campaignId = api.expect(201, "POST", "/v1/campaigns", "{\"name\":\"一人成团\",\"groupId\":\"" + groupId
                + "\",\"goal\":1,\"reward\":\"周边一份\",\"qualifyAfterMinutes\":0}", key).path("campaignId").asText();

        JsonNode alice = api.scanAndJoin(code, "alice");
        assertEquals(200, alice.path("_status").asInt(), alice.toString());
        String inviteUrl = alice.path("invite").path("inviteUrl").asText();
        String invitePath = inviteUrl.substring(inviteUrl.indexOf("/S/"));
        JsonNode scan = fromPhone("GET", invitePath, null);
        fromPhone("POST", invitePath + "/join", "{\"joinTicket\":\"" + scan.path("joinTicket").asText()
                + "\",\"memberRef\":\"bob\"}");

        Map<String, AttributeValue> creditKey = Map.of("pk", AttributeValue.fromS(tenantPartition(key) + "#CAMPAIGN#"
                + campaignId), "sk", AttributeValue.fromS("INVITEE#bob"));
        Eventually.await(WAIT, "bob's credit qualified by a scheduled run", () -> "qualified".equals(
                local.clients().dynamo().getItem(g -> g.tableName(local.resources().ref("MainTable"))
                        .consistentRead(true).key(creditKey)).item().getOrDefault("status",
                        AttributeValue.fromS("none")).s()));

        JsonNode board = api.expect(200, "GET", "/v1/campaigns/" + campaignId + "/leaderboard", null, key);
        JsonNode top = board.path("items").get(0);
        assertEquals("alice", top.path("memberRef").asText(), board.toString());
        assertEquals(1, top.path("qualified").asLong());
        String reward = top.path("rewardCode").asText();
        assertTrue(reward.matches("[A-Z2-7]{48}"), "a signed reward code: " + board);
        api.expect(200, "POST", "/v1/campaigns/" + campaignId + "/rewards/" + reward + "/redeem", null, key);
        api.expect(409, "POST", "/v1/campaigns/" + campaignId + "/rewards/" + reward + "/redeem", null, key);
    }

    /** {@code T#<tenant>} of the key's tenant. */
    private static String tenantPartition(String key) {
        return "T#" + api.expect(200, "GET", "/v1/tenant", null, key).path("tenantId").asText();
    }
}
