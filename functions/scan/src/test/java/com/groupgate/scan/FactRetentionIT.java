package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code factRetentionDays}: a tenant's raw facts (refusals stored as their own items)
 * expire after the days it chose — 30 unless it chose — and the scan path picks a change
 * up within its minute of memory. Bad values are refused naming the field, and a read key
 * may look but not change.
 */
class FactRetentionIT {
    private static final Duration PAST_CACHES = Duration.ofSeconds(61);
    private static final Duration PAST_EXPIRY = Duration.ofSeconds(120);

    static ScanWorld world;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
    }

    @Test
    void aTenantsRefusalFactsExpireAfterTheDaysItChose() {
        ScanWorld.Tenant t = world.tenant("Short memory", null);
        var own = world.api.get("/v1/tenant", bearer(t.apiKey()));
        assertEquals(200, own.status(), own.body());
        assertEquals(30, own.json().path("factRetentionDays").asInt(), "30 days unless the tenant chose");
        String group = world.group(t, "{\"name\":\"Club\",\"capacity\":50}").path("groupId").asText();
        String before = ScanWorld.path(world.code(t, group, "{\"ttlSeconds\":60}"));
        String after = ScanWorld.path(world.code(t, group, "{\"ttlSeconds\":60}"));
        world.clock.advance(PAST_EXPIRY);
        assertEquals(410, world.scanJson(before).status());
        assertEquals(Duration.ofDays(30).toSeconds(), ttlLeft(t, world.clock.instant().getEpochSecond()),
                "a fact of a tenant that chose nothing is kept 30 days");

        var changed = world.api.call("PATCH", "/v1/tenant", "{\"factRetentionDays\":7}", bearer(t.apiKey()));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(7, changed.json().path("factRetentionDays").asInt());
        assertEquals(7, world.api.get("/v1/tenant", bearer(t.apiKey())).json().path("factRetentionDays").asInt());
        world.clock.advance(PAST_CACHES);
        assertEquals(410, world.scanJson(after).status());
        assertEquals(Duration.ofDays(7).toSeconds(), ttlLeft(t, world.clock.instant().getEpochSecond()),
                "after the scan path's minute, facts are kept the days chosen");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndAReadKeyMayNotChange() {
        ScanWorld.Tenant t = world.tenant("Careful", null);
        for (String body : List.of("{\"factRetentionDays\":0}", "{\"factRetentionDays\":366}",
                "{\"factRetentionDays\":\"30\"}", "{\"factRetentionDays\":7.5}", "{}", "{\"name\":\"x\"}")) {
            var r = world.api.call("PATCH", "/v1/tenant", body, bearer(t.apiKey()));
            assertEquals(400, r.status(), body + ": " + r.body());
            assertTrue(r.body().contains("factRetentionDays") || r.body().contains("\"name\""), r.body());
        }
        String readKey = world.api.post("/v1/keys", "{\"name\":\"wall\",\"scope\":\"read\"}", bearer(t.apiKey()))
                .text("apiKey");
        assertEquals(403, world.api.call("PATCH", "/v1/tenant", "{\"factRetentionDays\":9}", bearer(readKey)).status());
        assertEquals(30, world.api.get("/v1/tenant", bearer(readKey)).json().path("factRetentionDays").asInt(),
                "nothing was written");
    }

    /** The TTL left on the tenant's newest refusal fact, seen from {@code now} (epoch seconds). */
    private static long ttlLeft(ScanWorld.Tenant t, long now) {
        TestDeployment aws = TestDeployment.get();
        Map<String, AttributeValue> newest = aws.clients().dynamo().scanPaginator(s -> s.tableName(aws.mainTable()))
                .items().stream()
                .filter(i -> i.get("pk").s().startsWith("FACT#"))
                .filter(i -> t.tenantId().equals(i.get("fact").m().get("tenantId").s()))
                .max(java.util.Comparator.comparingLong(i -> Long.parseLong(i.get("fact").m().get("at").n())))
                .orElseThrow(() -> new AssertionError("no refusal fact of the tenant"));
        return Long.parseLong(newest.get("ttl").n()) - now;
    }
}
