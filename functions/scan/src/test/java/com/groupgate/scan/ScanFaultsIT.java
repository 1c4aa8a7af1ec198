package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.localaws.EmulatorFaults.Kind;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.FunctionFaults;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scans and joins under AWS faults (docs/faults.md): a lasting fault answers 503 with
 * Retry-After and counts nothing; a fault that passes is retried by the SDK; a write whose
 * answer was lost counts once. The key ring survives a failing refresh for its grace
 * period, and join tickets are signed only with versions every warm container knows.
 */
class ScanFaultsIT {
    private final ScanWorld world = new ScanWorld(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            FunctionFaults.SHORT_TIMEOUTS);
    private final ScanWorld.Tenant tenant = world.tenant("Faults", null);
    private final FunctionFaults faults = FunctionFaults.of("ScanFunction");

    @AfterEach
    void clearFaults() {
        faults.close();
    }

    private static void assertBusy(HttpCalls.Response r) {
        assertEquals(503, r.status(), r.body());
        assertEquals("busy", r.errorCode(), r.body());
        assertNotNull(r.headers().get("retry-after"), "Retry-After: " + r.headers());
        assertFalse(r.body().contains("Exception"), "internals: " + r.body());
    }

    private long scansToday(JsonNode code) {
        return world.api.get("/v1/codes/" + code.path("codeId").asText(), bearer(tenant.apiKey()))
                .json().path("scansToday").asLong();
    }

    private long members(String groupId) {
        return world.api.get("/v1/groups/" + groupId, bearer(tenant.apiKey())).json().path("members").asLong();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"THROUGHPUT_EXCEEDED", "THROTTLING", "ERROR_500", "TIMEOUT", "RESET"})
    void aScanWhoseCountCannotBeWrittenIsBusyAndCountsNothing(Kind kind) {
        JsonNode code = world.openCode(tenant, "{}");
        String path = ScanWorld.path(code);
        assertEquals(200, world.scanJson(path).status());
        faults.inject(faults.on("dynamodb", "UpdateItem", kind).always());
        assertBusy(world.scanJson(path));
        faults.close();
        assertEquals(1, scansToday(code));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"THROUGHPUT_EXCEEDED", "THROTTLING", "ERROR_500", "TIMEOUT", "RESET"})
    void oneFaultOnAScansCountIsRetriedAndCountedOnce(Kind kind) {
        JsonNode code = world.openCode(tenant, "{}");
        String path = ScanWorld.path(code);
        boolean lostAnswer = kind == Kind.TIMEOUT || kind == Kind.RESET;
        var rule = faults.on("dynamodb", "UpdateItem", kind);
        faults.inject(lostAnswer ? rule.afterApplying() : rule);
        assertEquals(200, world.scanJson(path).status());
        assertEquals(1, scansToday(code), "counted once");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"THROUGHPUT_EXCEEDED", "THROTTLING", "ERROR_500", "TIMEOUT", "RESET"})
    void aJoinThatCannotBeWrittenIsBusyAndAddsNoMember(Kind kind) {
        String groupId = world.group(tenant, "{\"name\":\"Faulty\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        String ticket = world.ticket(path);
        faults.inject(faults.on("dynamodb", "TransactWriteItems", kind).always());
        assertBusy(world.join(path, ScanWorld.joinBody(ticket, "gina", null)));
        faults.close();
        assertEquals(0, members(groupId));
        assertEquals(200, world.join(path, ScanWorld.joinBody(ticket, "gina", null)).status(), "the retry joins");
        assertEquals(1, members(groupId));
    }

    @Test
    void aJoinWhoseAnswerIsLostJoinsOnce() {
        String groupId = world.group(tenant, "{\"name\":\"Lost answers\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        faults.inject(faults.on("dynamodb", "TransactWriteItems", Kind.RESET).afterApplying());
        var joined = world.join(path, ScanWorld.joinBody(world.ticket(path), "hal", null));
        assertEquals(200, joined.status(), joined.body());
        assertEquals(1, members(groupId));
    }

    /**
     * A live code's scans today are summed over its counter shards with one BatchGetItem;
     * keys DynamoDB leaves unprocessed are read again, never counted as zero.
     */
    @Test
    void aLiveCodesScansTodayCountEveryShardEvenWhenKeysComeBackUnprocessed() {
        String groupId = world.group(tenant, "{\"name\":\"Pool\",\"capacity\":100}").path("groupId").asText();
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + groupId + "\"]}",
                bearer(tenant.apiKey()));
        assertEquals(201, live.status(), live.body());
        for (int i = 0; i < 12; i++) {
            assertEquals(200, world.scanJson(ScanWorld.path(live.json())).status());
        }
        try (FunctionFaults api = FunctionFaults.of("CodesApiFunction")) {
            String rule = api.inject(api.on("dynamodb", "BatchGetItem", Kind.UNPROCESSED).keep(2).times(2));
            var read = world.api.get("/v1/live-codes/" + live.text("liveCodeId"), bearer(tenant.apiKey()));
            assertEquals(2, api.fired(rule));
            assertEquals(12, read.json().path("scansToday").asLong(), read.body());
        }
    }

    /**
     * A warm container whose key ring cannot be refreshed (its Query throttled) keeps
     * verifying with the ring it has for {@link SigningKeyTable#STALE_GRACE}, then answers 503.
     */
    @Test
    void aFailingRingRefreshKeepsTheCachedRingForItsGracePeriod() {
        String path = ScanWorld.path(world.openCode(tenant, "{}"));
        assertEquals(200, world.scanJson(path).status(), "the ring is loaded");
        faults.inject(faults.on("dynamodb", "Query", Kind.THROTTLING).always());
        world.clock.advance(SigningKeyTable.REFRESH.plusSeconds(1));
        assertEquals(200, world.scanJson(path).status(), "past its refresh time, the ring still serves");
        world.clock.advance(SigningKeyTable.STALE_GRACE.minusSeconds(5));
        assertEquals(200, world.scanJson(path).status(), "within the grace period");
        world.clock.advance(Duration.ofSeconds(10));
        assertBusy(world.scanJson(path));
        faults.close();
        world.clock.advance(SigningKeyTable.RETRY_FAILED_REFRESH);
        assertEquals(200, world.scanJson(path).status(), "a refresh that works again restores the ring");
    }

    /**
     * A ticket from a container that knows a just-rotated version is accepted by a
     * container that does not know it yet: tickets are signed with versions older than one
     * refresh interval, which every warm container has.
     */
    @Test
    void aTicketFromAContainerThatKnowsANewVersionIsAcceptedByOneThatDoesNot() {
        String groupId = world.group(tenant, "{\"name\":\"Rotation\",\"capacity\":5}").path("groupId").asText();
        String path = ScanWorld.path(world.code(tenant, groupId, "{}"));
        HttpCalls before = world.newScanContainer();
        assertEquals(200, before.call("GET", path, Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP).status(), "this container's ring is loaded before the rotation");
        var rotated = world.api.post("/v1/admin/keys/rotate", null, bearer(TestDeployment.ADMIN_KEY));
        assertEquals(200, rotated.status(), rotated.body());
        HttpCalls after = world.newScanContainer();
        var scan = after.call("GET", path, Map.of(), null, Map.of("accept", "application/json"), ScanWorld.SOURCE_IP);
        assertEquals(200, scan.status(), scan.body());
        var joined = before.call("POST", path + "/join", Map.of(),
                ScanWorld.joinBody(scan.text("joinTicket"), "ivy", null), Map.of(), ScanWorld.SOURCE_IP);
        assertEquals(200, joined.status(), joined.body());
    }
}
