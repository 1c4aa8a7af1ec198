package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.config.Wiring;
import com.groupgate.jobs.QualificationHandler;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.SdkCalls;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scheduled qualification run on the emulator: it settles every credit due by now with
 * nobody reading the leaderboard or the stats, leaves the not-yet-due pending, and is exact
 * under at-least-once invocation — the same Scheduler event delivered again, and two runs at
 * once over the same due credits, credit each invitee once, raise the count once, issue one
 * reward and one {@code referral.goal_reached}. Credits never flow through the table's
 * stream (the join writes them, this run settles them), so there is no stream record to
 * redeliver; the run's own redelivery is what is tested. The reward code it issues is
 * signed: a forged or altered one is refused before any DynamoDB call.
 */
class QualificationRunIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    /** An EventBridge Scheduler invocation as Lambda hands it to the function (the run does not read it). */
    private static final Map<String, Object> SCHEDULED_EVENT = Map.of("version", "0", "id",
            "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type", "Scheduled Event", "source", "aws.scheduler",
            "time", "2026-12-06T11:00:00Z", "resources", List.of("arn:aws:scheduler:us-east-1:123456789012:schedule/default/q"),
            "detail", Map.of());

    private final ScanWorld world = new ScanWorld();
    private final ScanWorld.Tenant tenant = world.tenant("Qualifying", "Asia/Shanghai");

    /** A scheduled run's function container: its own key ring and clients. */
    private QualificationHandler newContainer() {
        return new QualificationHandler(TestDeployment.get().wiring("QualificationFunction", world.clock));
    }

    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.18." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    private record Setup(String codePath, String campaignId) {
    }

    private Setup campaign(int goal, int qualifyAfterMinutes) {
        String groupId = world.group(tenant, "{\"name\":\"Club\",\"capacity\":3000}").path("groupId").asText();
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Invite friends\",\"groupId\":\"" + groupId
                + "\",\"goal\":" + goal + ",\"reward\":\"a mug\",\"qualifyAfterMinutes\":" + qualifyAfterMinutes
                + ",\"perInviterDailyLimit\":1000}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return new Setup(codePath, c.text("campaignId"));
    }

    private String inviteOf(String path, String memberRef) {
        var scan = world.scanJson(path);
        assertEquals(200, scan.status(), scan.body());
        var r = world.join(path, ScanWorld.joinBody(scan.text("joinTicket"), memberRef, null), newAddress());
        assertEquals(200, r.status(), r.body());
        String url = r.json().path("invite").path("inviteUrl").asText();
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    /** {@code n} friends join through {@code invite}, 8 at a time. */
    private void friendsJoin(String invite, int n) throws Exception {
        List<String> tickets = java.util.stream.IntStream.range(0, n).mapToObj(i -> world.ticket(invite)).toList();
        List<String> addresses = java.util.stream.IntStream.range(0, n).mapToObj(i -> newAddress()).toList();
        var joins = ScanWorld.concurrently(n, 8, i -> world.join(invite,
                ScanWorld.joinBody(tickets.get(i), "friend-" + i, null), addresses.get(i)));
        assertEquals(Map.of(200, (long) n), ScanWorld.histogram(joins));
    }

    /** The campaign's items as stored, straight from the table (no API read, which could settle anything). */
    private List<Map<String, AttributeValue>> items(Setup s) {
        String pk = "T#" + tenant.tenantId() + "#CAMPAIGN#" + s.campaignId();
        return TestDeployment.get().clients().dynamo().query(q -> q.tableName(TestDeployment.get().mainTable())
                .consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    /** Each invitee's credit status. */
    private Map<String, String> credits(Setup s) {
        Map<String, String> out = new TreeMap<>();
        items(s).stream().filter(i -> i.get("sk").s().startsWith("INVITEE#"))
                .forEach(i -> out.put(i.get("memberRef").s(), i.get("status").s()));
        return out;
    }

    /** The inviter's stored counts: [qualified, pending]. */
    private List<Long> counts(Setup s, String inviter) {
        return items(s).stream().filter(i -> i.get("sk").s().equals("INVITER#" + inviter))
                .map(i -> List.of(Long.parseLong(i.get("qualified").n()), Long.parseLong(i.get("pending").n())))
                .findFirst().orElseThrow();
    }

    private List<String> rewardCodes(Setup s) {
        return items(s).stream().filter(i -> i.get("sk").s().startsWith("REWARD#"))
                .map(i -> i.get("rewardCode").s()).toList();
    }

    /** The stored webhook events that name {@code memberRef}, by type. */
    private Map<String, Long> eventsNaming(String memberRef) {
        return TestDeployment.get().clients().dynamo().query(q -> q.tableName(TestDeployment.get().mainTable())
                .indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + tenant.tenantId() + "#WHMEMBER#"
                        + memberRef)))).items().stream()
                .collect(Collectors.groupingBy(i -> i.get("type").s(), Collectors.counting()));
    }

    @Test
    void theRunQualifiesDueCreditsWithNoReadAndLeavesTheNotYetDuePending() {
        Setup s = campaign(2, 60);
        String alice = inviteOf(s.codePath(), "alice");
        inviteOf(alice, "bob");
        world.clock.advance(Duration.ofMinutes(30));
        inviteOf(alice, "carol");
        world.clock.advance(Duration.ofMinutes(30));

        newContainer().handleRequest(SCHEDULED_EVENT, null);
        assertEquals(Map.of("bob", "qualified", "carol", "pending"), credits(s), "carol's hour is not over");
        assertEquals(List.of(1L, 1L), counts(s, "alice"));
        assertEquals(Map.of("referral.credited", 1L), eventsNaming("alice"));
        assertEquals(List.of(), rewardCodes(s));

        world.clock.advance(Duration.ofMinutes(30));
        newContainer().handleRequest(SCHEDULED_EVENT, null);
        assertEquals(Map.of("bob", "qualified", "carol", "qualified"), credits(s));
        assertEquals(List.of(2L, 0L), counts(s, "alice"));
        assertEquals(Map.of("referral.credited", 2L, "referral.goal_reached", 1L), eventsNaming("alice"));
        assertEquals(1, rewardCodes(s).size());
    }

    @Test
    void theSameScheduledEventDeliveredAgainCreditsNothingTwice() throws Exception {
        Setup s = campaign(3, 0);
        String alice = inviteOf(s.codePath(), "alice");
        friendsJoin(alice, 4);
        QualificationHandler container = newContainer();
        container.handleRequest(SCHEDULED_EVENT, null);
        container.handleRequest(SCHEDULED_EVENT, null);
        newContainer().handleRequest(SCHEDULED_EVENT, null);

        assertEquals(4, credits(s).values().stream().filter("qualified"::equals).count(), credits(s).toString());
        assertEquals(List.of(4L, 0L), counts(s, "alice"));
        assertEquals(1, rewardCodes(s).size(), "one reward");
        assertEquals(Map.of("referral.credited", 4L, "referral.goal_reached", 1L), eventsNaming("alice"));
    }

    @Test
    void twoRunsAtOnceOverTheSameDueCreditsSettleEachOnce() throws Exception {
        Setup s = campaign(5, 60);
        String alice = inviteOf(s.codePath(), "alice");
        friendsJoin(alice, 30);
        world.clock.advance(Duration.ofMinutes(60));

        List<QualificationHandler> containers = List.of(newContainer(), newContainer());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, Object>>> runs = containers.stream().map(c -> pool.submit(() -> {
                start.await();
                return c.handleRequest(SCHEDULED_EVENT, null);
            })).toList();
            start.countDown();
            for (Future<Map<String, Object>> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // Whatever the race left pending, the counts equal the credits and nothing is doubled.
        long qualified = credits(s).values().stream().filter("qualified"::equals).count();
        assertEquals(List.of(qualified, 30 - qualified), counts(s, "alice"));
        assertEquals(qualified, eventsNaming("alice").getOrDefault("referral.credited", 0L));
        assertEquals(qualified >= 5 ? 1 : 0, rewardCodes(s).size());

        newContainer().handleRequest(SCHEDULED_EVENT, null);
        assertEquals(30, credits(s).values().stream().filter("qualified"::equals).count(), credits(s).toString());
        assertEquals(List.of(30L, 0L), counts(s, "alice"));
        assertEquals(1, rewardCodes(s).size(), "one reward");
        assertEquals(Map.of("referral.credited", 30L, "referral.goal_reached", 1L), eventsNaming("alice"));
    }

    @Test
    void theRewardCodeIsSignedAndAForgedOrAlteredOneIsRefusedBeforeAnyDynamoDbCall() throws Exception {
        Setup s = campaign(1, 0);
        String alice = inviteOf(s.codePath(), "alice");
        friendsJoin(alice, 1);
        newContainer().handleRequest(SCHEDULED_EVENT, null);
        String code = rewardCodes(s).get(0);
        assertTrue(code.matches("[A-Z2-7]{48}"), code);

        SdkCalls calls = new SdkCalls();
        Wiring w = TestDeployment.get().wiring("CodesApiFunction", world.clock);
        HttpCalls api = new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(calls)))));
        String prefix = "/v1/campaigns/" + s.campaignId() + "/rewards/";
        char last = code.charAt(code.length() - 1);
        String altered = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        // Made up: a code's shape under key version 1, with a tag nobody signed.
        String forged = "AE" + "Q".repeat(46);
        // The first request loads what a container keeps (the API key, the key ring).
        assertEquals(404, api.post(prefix + forged + "/redeem", null, bearer(tenant.apiKey())).status());
        for (String bad : List.of(altered, forged, code.toLowerCase(java.util.Locale.ROOT))) {
            calls.reset();
            var r = api.post(prefix + bad + "/redeem", null, bearer(tenant.apiKey()));
            assertEquals(404, r.status(), r.body());
            assertEquals(Map.of(), calls.snapshot(), bad + " cost no call");
        }
        ScanWorld.Tenant other = world.tenant("Another", "Asia/Shanghai");
        assertEquals(404, api.post(prefix + code + "/redeem", null, bearer(other.apiKey())).status(),
                "another tenant's key");

        var first = api.post(prefix + code + "/redeem", null, bearer(tenant.apiKey()));
        assertEquals(200, first.status(), first.body());
        assertEquals("alice", first.text("memberRef"));
        var again = api.post(prefix + code + "/redeem", null, bearer(tenant.apiKey()));
        assertEquals(409, again.status(), again.body());
        assertEquals("reward_redeemed", again.errorCode());
    }
}
