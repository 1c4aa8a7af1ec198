package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each scan outcome costs in AWS calls, and that forged tokens cost none. */
class ScanCostIT {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final Map<String, Long> ONE_UPDATE = Map.of("DynamoDb.UpdateItem", 1L);
    private static final Map<String, Long> ONE_PUT = Map.of("DynamoDb.PutItem", 1L);
    private static final Map<String, Long> STATUS_READ_AND_PUT = Map.of("DynamoDb.GetItem", 1L, "DynamoDb.PutItem", 1L);

    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Cost tenant", null);
    }

    /** The calls {@code path} costs once the container knows the keys and the code. */
    private static Map<String, Long> warmCost(String path, Map<String, String> headers, int expectedStatus) {
        var warm = world.scan(path, headers, ScanWorld.SOURCE_IP);
        assertEquals(expectedStatus, warm.status(), warm.body());
        world.calls.reset();
        var r = world.scan(path, headers, ScanWorld.SOURCE_IP);
        assertEquals(expectedStatus, r.status(), r.body());
        return world.calls.snapshot();
    }

    @Test
    void forgedTokensNeverAccepted() {
        String path = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":1000000}"));
        String real = path.substring(3);
        assertEquals(200, world.scanJson(path).status());
        world.calls.reset();

        Set<String> forged = forgeries(real, new Random(20261126L));
        assertTrue(forged.size() >= 10_000, "forgeries: " + forged.size());
        int accepted = 0;
        int notFound = 0;
        for (String token : forged) {
            HttpCalls.Response r = world.scanJson("/S/" + token);
            assertTrue(r.status() < 500, token + " -> " + r.status() + " " + r.body());
            if (r.status() == 200) {
                accepted++;
            }
            if (r.status() == 404 && "not_found".equals(r.errorCode())) {
                notFound++;
            }
        }
        assertEquals(0, accepted);
        assertEquals(forged.size(), notFound, "every forgery gets the same 404 not_found");
        assertEquals(Map.of(), world.calls.snapshot(), "forged tokens cost no DynamoDB or KMS call");
    }

    /** Random strings and single- and multi-character mutations of {@code real}; never {@code real} in any case. */
    private static Set<String> forgeries(String real, Random random) {
        Set<String> out = new LinkedHashSet<>();
        String upper = real.toUpperCase(Locale.ROOT);
        for (int i = 0; i < real.length(); i++) {
            for (char c : BASE32.toCharArray()) {
                if (c != upper.charAt(i)) {
                    out.add(upper.substring(0, i) + c + upper.substring(i + 1));
                }
            }
        }
        while (out.size() < 5_000) {
            char[] chars = upper.toCharArray();
            int changes = 2 + random.nextInt(8);
            for (int k = 0; k < changes; k++) {
                chars[random.nextInt(chars.length)] = BASE32.charAt(random.nextInt(32));
            }
            String s = new String(chars);
            if (!s.equals(upper)) {
                out.add(random.nextBoolean() ? s : s.toLowerCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < 500; i++) {
            int at = random.nextInt(upper.length());
            out.add(upper.substring(0, at) + upper.substring(at + 1));
            out.add(upper.substring(0, at) + BASE32.charAt(random.nextInt(32)) + upper.substring(at));
            out.add(upper.substring(0, at));
            out.add(upper + BASE32.charAt(random.nextInt(32)));
        }
        while (out.size() < 8_000) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < real.length(); i++) {
                s.append(BASE32.charAt(random.nextInt(32)));
            }
            out.add(s.toString());
        }
        String noise = BASE32 + "abcdefghijklmnopqrstuvwxyz0189-_.~=+%!$&'()*,;:@ é中\u0000";
        while (out.size() < 10_500) {
            int length = random.nextInt(130);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(noise.charAt(random.nextInt(noise.length())));
            }
            out.add(s.toString());
        }
        out.removeIf(s -> s.equalsIgnoreCase(real));
        return out;
    }

    @Test
    void acceptedScanCostsOneUpdateAndNoKms() {
        String path = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":1000}"));
        assertEquals(ONE_UPDATE, warmCost(path, Map.of("accept", "application/json"), 200));
    }

    @Test
    void dailyLimitAndRevokedCostOneUpdate() {
        JsonNode code = world.openCode(tenant, "{\"dailyScanLimit\":1}");
        String path = ScanWorld.path(code);
        assertEquals(200, world.scanJson(path).status());
        assertEquals(ONE_UPDATE, warmCost(path, Map.of(), 429));
        var revoked = world.api.post("/v1/codes/" + code.path("codeId").asText() + "/revoke", null,
                bearer(tenant.apiKey()));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(ONE_UPDATE, warmCost(path, Map.of(), 410));
    }

    @Test
    void geoRefusalCostsOneReadOfTheStatusAndOnePut() {
        String path = ScanWorld.path(world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}"));
        assertEquals(STATUS_READ_AND_PUT, warmCost(path, Map.of(), 403));
    }

    /**
     * A dead code's scanner learns it is dead from anywhere: revoked and superseded win over
     * the code's area (a scan without geo headers is outside every allow-list), archived too,
     * and each refusal is still at most one write.
     */
    @Test
    void aDeadCodeScannedFromOutsideItsAreaAnswersDeadNotGeoBlocked() {
        JsonNode revoked = world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}");
        String path = ScanWorld.path(revoked);
        assertEquals(403, world.scanJson(path).status(), "outside the area while it lives");
        assertEquals(200, world.api.post("/v1/codes/" + revoked.path("codeId").asText() + "/revoke", null,
                bearer(tenant.apiKey())).status());
        assertEquals(STATUS_READ_AND_PUT, warmCost(path, Map.of(), 410));
        assertEquals("revoked", world.scanJson(path).errorCode());

        JsonNode replaced = world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}");
        String oldPath = ScanWorld.path(replaced);
        assertEquals(403, world.scanJson(oldPath).status());
        var refreshed = world.api.post("/v1/codes/" + replaced.path("codeId").asText() + "/refresh", null,
                bearer(tenant.apiKey()));
        assertTrue(refreshed.status() == 200 || refreshed.status() == 201, refreshed.body());
        assertEquals(STATUS_READ_AND_PUT, warmCost(oldPath, Map.of(), 410));
        assertEquals("superseded", world.scanJson(oldPath).errorCode());

        JsonNode archived = world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}");
        var patched = world.api.call("PATCH", "/v1/groups/" + archived.path("groupId").asText(),
                "{\"status\":\"archived\"}", bearer(tenant.apiKey()));
        assertEquals(200, patched.status(), patched.body());
        String archivedPath = ScanWorld.path(archived);
        var first = world.scanJson(archivedPath);
        assertEquals(410, first.status(), first.body());
        assertEquals("archived", first.errorCode());
        assertEquals(ONE_PUT, warmCost(archivedPath, Map.of(), 410));
    }

    @Test
    void expiredRefusalCostsOnePut() {
        ScanWorld timed = new ScanWorld();
        ScanWorld.Tenant t = timed.tenant("Expiry cost tenant", null);
        String path = ScanWorld.path(timed.openCode(t, "{\"ttlSeconds\":60}"));
        assertEquals(200, timed.scanJson(path).status());
        timed.clock.advance(Duration.ofSeconds(61));
        var first = timed.scanJson(path);
        assertEquals(410, first.status(), first.body());
        assertEquals("expired", first.errorCode());
        timed.calls.reset();
        var again = timed.scanJson(path);
        assertEquals(410, again.status());
        assertEquals(ONE_PUT, timed.calls.snapshot());
    }
}
