package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.jobs.QualificationHandler;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A join through an invite records the credit it owes in its own transaction ({@code joined}),
 * and its next step completes it: a scan function that dies in between (here: every write
 * after the join's transaction fails) loses no credit. The next qualification run past
 * {@link CreditTable#COMPLETE_AFTER} completes it with the same decisions (daily limit), a
 * later run qualifies it; a retried join completes it instead, and each credit counts once,
 * however the retries and the runs meet.
 */
class JoinCreditRecordIT {
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final Map<String, Object> SCHEDULED_EVENT = Map.of("version", "0", "id",
            "2c1f0c9e-8a35-4c1e-9f0e-3bb1b4a0d1c7", "detail-type", "Scheduled Event", "source", "aws.scheduler",
            "time", "2026-12-06T11:00:00Z", "resources", List.of("arn:aws:scheduler:us-east-1:123456789012:schedule/default/q"),
            "detail", Map.of());

    private final ScanWorld world = new ScanWorld(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            FunctionFaults.SHORT_TIMEOUTS);
    private final ScanWorld.Tenant tenant = world.tenant("Recorded credits", null);
    private final FunctionFaults faults = FunctionFaults.of("ScanFunction");

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    private record Setup(String codePath, String campaignId) {
    }

    private Setup campaign(int dailyLimit) {
        String groupId = world.group(tenant, "{\"name\":\"Club\",\"capacity\":3000}").path("groupId").asText();
        String codePath = ScanWorld.path(world.code(tenant, groupId, "{}"));
        var c = world.api.post("/v1/campaigns", "{\"name\":\"Invite friends\",\"groupId\":\"" + groupId
                + "\",\"goal\":100,\"reward\":\"a mug\",\"qualifyAfterMinutes\":60,\"perInviterDailyLimit\":"
                + dailyLimit + "}", bearer(tenant.apiKey()));
        assertEquals(201, c.status(), c.body());
        return new Setup(codePath, c.text("campaignId"));
    }

    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.19." + (n / 250) % 250 + "." + (n % 250 + 1);
    }

    private String inviteOf(String path, String memberRef) {
        var r = world.join(path, ScanWorld.joinBody(world.ticket(path), memberRef, null), newAddress());
        assertEquals(200, r.status(), r.body());
        String url = r.json().path("invite").path("inviteUrl").asText();
        return "/S/" + url.substring(TestDeployment.SCAN_BASE.length());
    }

    /** From here on, every TransactWriteItems of the scan function after the next one fails: a join commits, its credit step dies. */
    private void theCreditStepDies() {
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.ERROR_500).skip(1).always());
    }

    private void runQualification() {
        new QualificationHandler(TestDeployment.get().wiring("QualificationFunction", world.clock))
                .handleRequest(SCHEDULED_EVENT, null);
    }

    private List<Map<String, AttributeValue>> items(Setup s) {
        String pk = "T#" + tenant.tenantId() + "#CAMPAIGN#" + s.campaignId();
        return TestDeployment.get().clients().dynamo().query(q -> q.tableName(TestDeployment.get().mainTable())
                .consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    /** Each invitee's credit status (with its refusal's reason). */
    private Map<String, String> credits(Setup s) {
        Map<String, String> out = new TreeMap<>();
        items(s).stream().filter(i -> i.get("sk").s().startsWith("INVITEE#"))
                .forEach(i -> out.put(i.get("memberRef").s(), i.get("status").s()
                        + (i.containsKey("reason") ? ":" + i.get("reason").s() : "")));
        return out;
    }

    /** The inviter's stored counts: [qualified, pending]. */
    private List<Long> counts(Setup s, String inviter) {
        return items(s).stream().filter(i -> i.get("sk").s().equals("INVITER#" + inviter))
                .map(i -> List.of(Long.parseLong(i.get("qualified").n()), Long.parseLong(i.get("pending").n())))
                .findFirst().orElse(List.of());
    }

    @Test
    void aCreditWhoseJoinDiedIsCompletedByTheNextRunAndQualifiesLater() {
        Setup s = campaign(1000);
        String alice = inviteOf(s.codePath(), "alice");
        String ticket = world.ticket(alice);
        theCreditStepDies();
        var died = world.join(alice, ScanWorld.joinBody(ticket, "bob", null), newAddress());
        assertEquals(503, died.status(), died.body());
        faults.close();
        assertEquals(Map.of("bob", "joined"), credits(s), "the join's own transaction recorded the credit");

        runQualification();
        assertEquals(Map.of("bob", "joined"), credits(s), "a join's next step gets its grace first");

        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));
        runQualification();
        assertEquals(Map.of("bob", "pending"), credits(s));
        assertEquals(List.of(0L, 1L), counts(s, "alice"));

        world.clock.advance(Duration.ofMinutes(60));
        runQualification();
        assertEquals(Map.of("bob", "qualified"), credits(s));
        assertEquals(List.of(1L, 0L), counts(s, "alice"));
    }

    @Test
    void theRunCompletesARecordWithTheDailyLimitOfItsJoinsDay() {
        Setup s = campaign(1);
        String alice = inviteOf(s.codePath(), "alice");
        List<String> tickets = List.of(world.ticket(alice), world.ticket(alice));
        theCreditStepDies();
        assertEquals(503, world.join(alice, ScanWorld.joinBody(tickets.get(0), "bob", null), newAddress()).status());
        faults.close();
        theCreditStepDies();
        assertEquals(503, world.join(alice, ScanWorld.joinBody(tickets.get(1), "carol", null), newAddress()).status());
        faults.close();

        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));
        runQualification();
        Map<String, String> credits = credits(s);
        assertEquals(1, credits.values().stream().filter("pending"::equals).count(), credits.toString());
        assertEquals(1, credits.values().stream().filter("refused:daily_limit"::equals).count(), credits.toString());
        assertEquals(List.of(0L, 1L), counts(s, "alice"));
    }

    @Test
    void aRetriedJoinCompletesTheRecordOnceAndTheRunAddsNothing() {
        Setup s = campaign(1000);
        String alice = inviteOf(s.codePath(), "alice");
        String ticket = world.ticket(alice);
        String address = newAddress();
        theCreditStepDies();
        assertEquals(503, world.join(alice, ScanWorld.joinBody(ticket, "bob", null), address).status());
        faults.close();

        var retried = world.join(alice, ScanWorld.joinBody(ticket, "bob", null), address);
        assertEquals(200, retried.status(), retried.body());
        assertEquals(Map.of("bob", "pending"), credits(s));
        assertEquals(List.of(0L, 1L), counts(s, "alice"));
        assertEquals(200, world.join(alice, ScanWorld.joinBody(ticket, "bob", null), address).status());

        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));
        runQualification();
        assertEquals(Map.of("bob", "pending"), credits(s));
        assertEquals(List.of(0L, 1L), counts(s, "alice"));
    }

    @Test
    void fiftyInviteesWhoseJoinsDiedAreEachCreditedOnceWhileRetriesAndARunRace() throws Exception {
        Setup s = campaign(1000);
        String alice = inviteOf(s.codePath(), "alice");
        int n = 50;
        List<String> tickets = IntStream.range(0, n).mapToObj(i -> world.ticket(alice)).toList();
        List<String> addresses = IntStream.range(0, n).mapToObj(i -> newAddress()).toList();
        for (int i = 0; i < n; i++) {
            theCreditStepDies();
            var r = world.join(alice, ScanWorld.joinBody(tickets.get(i), "friend-" + i, null), addresses.get(i));
            assertEquals(503, r.status(), r.body());
            faults.close();
        }
        assertEquals(n, credits(s).values().stream().filter("joined"::equals).count(), credits(s).toString());
        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));

        // Half of them retry while a run completes every record.
        var retries = ScanWorld.concurrently(n / 2 + 1, 8, i -> {
            if (i == n / 2) {
                runQualification();
                return 200;
            }
            return world.join(alice, ScanWorld.joinBody(tickets.get(i), "friend-" + i, null), addresses.get(i)).status();
        });
        assertEquals(List.of(200), retries.stream().distinct().toList());
        runQualification();

        Map<String, String> credits = credits(s);
        assertEquals(n, credits.size(), credits.toString());
        assertEquals(n, credits.values().stream().filter("pending"::equals).count(), credits.toString());
        assertEquals(List.of(0L, (long) n), counts(s, "alice"));
    }

    /** Every item of the tenant's campaign on the cross-tenant due index. */
    private long onTheDueIndex(Setup s) {
        return items(s).stream().filter(i -> i.containsKey("gsi1pk") && i.get("gsi1pk").s().startsWith("CREDITS#DUE#"))
                .count();
    }

    @Test
    void aRecordWhoseInviterWasErasedMeanwhileCreditsNoOneAndLeavesTheDueIndex() {
        Setup s = campaign(1000);
        String alice = inviteOf(s.codePath(), "alice");
        String ticket = world.ticket(alice);
        theCreditStepDies();
        assertEquals(503, world.join(alice, ScanWorld.joinBody(ticket, "bob", null), newAddress()).status());
        faults.close();
        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"alice\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());

        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));
        runQualification();
        assertEquals(Map.of("bob", "removed"), credits(s));
        assertEquals(List.of(), counts(s, "alice"));
        assertEquals(0, onTheDueIndex(s));
    }

    @Test
    void aRecordWhoseInviteeWasErasedMeanwhileIsCompletedUnderTheErasuresNameAndSettlesRemoved() {
        Setup s = campaign(1000);
        String alice = inviteOf(s.codePath(), "alice");
        String ticket = world.ticket(alice);
        theCreditStepDies();
        assertEquals(503, world.join(alice, ScanWorld.joinBody(ticket, "bob", null), newAddress()).status());
        faults.close();
        var erased = world.api.post("/v1/erasure", "{\"memberRef\":\"bob\"}", bearer(tenant.apiKey()));
        assertEquals(200, erased.status(), erased.body());

        world.clock.advance(CreditTable.COMPLETE_AFTER.plusSeconds(1));
        runQualification();
        assertEquals(List.of("pending"), List.copyOf(credits(s).values()), credits(s).toString());
        assertEquals(List.of(0L, 1L), counts(s, "alice"));

        world.clock.advance(Duration.ofMinutes(60));
        runQualification();
        assertEquals(List.of("removed"), List.copyOf(credits(s).values()), credits(s).toString());
        assertEquals(List.of(0L, 0L), counts(s, "alice"));
        assertEquals(0, onTheDueIndex(s));
    }
}
