package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.TestDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A group whose entry has expired is as good as full: a live code routes past it to the
 * next group with room, its group code answers 409 {@code entry_expired}, and the refusal
 * is recorded as a fact for the stats.
 */
class EntryExpiryIT {

    @Test
    void aPoolRoutesPastTheGroupWhoseEntryExpiredAndItsGroupCodeRefuses() {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Expiring entries", null);
        Instant expiry = world.clock.instant().plus(Duration.ofHours(1));
        String first = group(world, tenant, "First", "https://chat.whatsapp.com/First", expiry);
        String second = group(world, tenant, "Second", "https://chat.whatsapp.com/Second", null);
        var live = world.api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + first + "\",\""
                + second + "\"]}", bearer(tenant.apiKey()));
        assertEquals(201, live.status(), live.body());
        String livePath = ScanWorld.path(live.json());
        JsonNode code = world.code(tenant, first, "{}");
        String codePath = ScanWorld.path(code);

        assertEquals("https://chat.whatsapp.com/First", joinedEntry(world, livePath, "before"));
        assertEquals(200, world.scanJson(codePath).status());

        world.clock.advance(Duration.ofHours(1));
        assertEquals("https://chat.whatsapp.com/Second", joinedEntry(world, livePath, "after"));
        assertEquals(second, world.api.get("/v1/live-codes/" + live.text("liveCodeId"), bearer(tenant.apiKey()))
                .json().path("currentGroupId").asText(), "the tenant sees where scans go now");
        var refused = world.scanJson(codePath);
        assertEquals(409, refused.status(), refused.body());
        assertEquals("entry_expired", refused.errorCode());
        var page = world.scan(codePath, Map.of("accept", "text/html"), ScanWorld.SOURCE_IP);
        assertEquals(409, page.status());
        assertEquals(2, entryExpiredFacts(tenant, code.path("codeId").asText()), "both refused scans, for the stats");
    }

    private static String group(ScanWorld world, ScanWorld.Tenant tenant, String name, String url, Instant expiry) {
        String groupId = world.group(tenant, "{\"name\":\"" + name + "\",\"capacity\":100}").path("groupId").asText();
        String entry = "{\"type\":\"link\",\"url\":\"" + url + "\""
                + (expiry == null ? "" : ",\"expiresAt\":\"" + expiry + "\"") + "}";
        var r = world.api.call("PATCH", "/v1/groups/" + groupId, "{\"entry\":" + entry + "}", bearer(tenant.apiKey()));
        assertEquals(200, r.status(), r.body());
        return groupId;
    }

    private static String joinedEntry(ScanWorld world, String path, String memberRef) {
        var joined = world.join(path, ScanWorld.joinBody(world.ticket(path), memberRef, null));
        assertEquals(200, joined.status(), joined.body());
        return joined.json().path("entry").path("url").asText();
    }

    private static long entryExpiredFacts(ScanWorld.Tenant tenant, String codeId) {
        TestDeployment aws = TestDeployment.get();
        return aws.clients().dynamo().scanPaginator(s -> s.tableName(aws.mainTable())).items().stream()
                .filter(i -> i.get("pk").s().startsWith("FACT#"))
                .map(i -> i.get("fact").m())
                .filter(f -> tenant.tenantId().equals(str(f, "tenantId")) && codeId.equals(str(f, "codeId"))
                        && "entry_expired".equals(str(f, "outcome")))
                .count();
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }
}
