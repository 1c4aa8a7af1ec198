package com.groupgate.scan;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.TestDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expiry, revocation, refresh and geo/CIDR rules, through the scan handler. */
class ScanRulesIT {
    static ScanWorld world;
    static ScanWorld.Tenant tenant;

    @BeforeAll
    static void start() {
        world = new ScanWorld();
        tenant = world.tenant("Rules tenant", null);
    }

    @Test
    void codeIsValidUntilTheSecondBeforeExpiry() {
        Instant issued = world.clock.instant();
        JsonNode code = world.openCode(tenant, "{\"ttlSeconds\":3600}");
        Instant expiresAt = Instant.parse(code.path("expiresAt").asText());
        assertEquals(issued.plusSeconds(3600), expiresAt);
        String path = ScanWorld.path(code);
        try {
            world.clock.set(expiresAt.minusSeconds(1));
            assertEquals(200, world.scanJson(path).status());
            world.clock.set(expiresAt);
            var expired = world.scanJson(path);
            assertEquals(410, expired.status(), expired.body());
            assertEquals("expired", expired.errorCode());
            var stored = world.api.get("/v1/codes/" + code.path("codeId").asText(), bearer(tenant.apiKey()));
            assertEquals(200, stored.status(), "the item still exists: " + stored.body());
            assertEquals("expired", stored.text("status"));
        } finally {
            world.clock.set(issued);
        }
    }

    @Test
    void revokedCodeIsGone() {
        JsonNode code = world.openCode(tenant, "{}");
        String path = ScanWorld.path(code);
        assertEquals(200, world.scanJson(path).status());
        var revoke = world.api.post("/v1/codes/" + code.path("codeId").asText() + "/revoke", null, bearer(tenant.apiKey()));
        assertEquals(200, revoke.status(), revoke.body());
        var r = world.scanJson(path);
        assertEquals(410, r.status(), r.body());
        assertEquals("revoked", r.errorCode());
    }

    @Test
    void refreshSupersedesTheOldCode() {
        JsonNode code = world.openCode(tenant, "{}");
        String oldPath = ScanWorld.path(code);
        assertEquals(200, world.scanJson(oldPath).status());
        var refreshed = world.api.post("/v1/codes/" + code.path("codeId").asText() + "/refresh", null,
                bearer(tenant.apiKey()));
        assertEquals(201, refreshed.status(), refreshed.body());
        var old = world.scanJson(oldPath);
        assertEquals(410, old.status(), old.body());
        assertEquals("superseded", old.errorCode());
        assertEquals(200, world.scanJson(ScanWorld.path(refreshed.json())).status());
    }

    /** Headers as our CloudFront sends them; null values are left out. */
    private static Map<String, String> cloudFront(String secret, String country, String region, String address) {
        Map<String, String> h = new HashMap<>();
        h.put("accept", "application/json");
        if (secret != null) {
            h.put("x-origin-verify", secret);
        }
        if (country != null) {
            h.put("cloudfront-viewer-country", country);
        }
        if (region != null) {
            h.put("cloudfront-viewer-country-region", region);
        }
        if (address != null) {
            h.put("cloudfront-viewer-address", address);
        }
        h.put("cloudfront-viewer-city", "Shenzhen");
        return h;
    }

    private static Map<String, String> trusted(String country, String region, String address) {
        return cloudFront(TestDeployment.ORIGIN_SECRET, country, region, address);
    }

    private static Map<String, String> untrusted(String country, String region, String address) {
        return cloudFront(null, country, region, address);
    }

    private record Case(String name, Map<String, String> headers, String sourceIp, int status) {
    }

    private static final String V4_IN = "203.0.113.9";
    private static final String V4_OUT = "198.51.100.23";
    private static final String V6_IN = "2001:db8:aa::5";
    private static final String V6_OUT = "2001:db8:bb::5";
    private static final String CIDRS = "[\"203.0.113.0/24\",\"2001:db8:aa::/48\"]";

    @Test
    void geoAndCidrRulesDecideEveryCombination() {
        Map<String, List<Case>> byRules = new java.util.LinkedHashMap<>();
        byRules.put("{\"allowCountries\":[\"CN\"]}", List.of(
                new Case("allow country, known match", trusted("CN", null, null), V4_OUT, 200),
                new Case("allow country, known other", trusted("US", null, null), V4_OUT, 403),
                new Case("allow country, unknown", trusted(null, null, null), V4_OUT, 403),
                new Case("allow country, untrusted claim", untrusted("CN", null, null), V4_OUT, 403),
                new Case("allow country, wrong secret", cloudFront("guess", "CN", null, null), V4_OUT, 403),
                new Case("allow country, lowercase header", trusted("cn", null, null), V4_OUT, 200)));
        byRules.put("{\"denyCountries\":[\"RU\"]}", List.of(
                new Case("deny country, known match", trusted("RU", null, null), V4_OUT, 403),
                new Case("deny country, known other", trusted("US", null, null), V4_OUT, 200),
                new Case("deny country, unknown", trusted(null, null, null), V4_OUT, 200),
                new Case("deny country, untrusted claim", untrusted("RU", null, null), V4_OUT, 200)));
        byRules.put("{\"allowRegions\":[\"CN-GD\"]}", List.of(
                new Case("allow region, known match", trusted("CN", "GD", null), V4_OUT, 200),
                new Case("allow region, prefixed match", trusted("CN", "CN-GD", null), V4_OUT, 200),
                new Case("allow region, known other", trusted("CN", "BJ", null), V4_OUT, 403),
                new Case("allow region, unknown", trusted("CN", null, null), V4_OUT, 403),
                new Case("allow region, untrusted claim", untrusted("CN", "GD", null), V4_OUT, 403)));
        byRules.put("{\"denyRegions\":[\"CN-XJ\"]}", List.of(
                new Case("deny region, known match", trusted("CN", "XJ", null), V4_OUT, 403),
                new Case("deny region, known other", trusted("CN", "GD", null), V4_OUT, 200),
                new Case("deny region, unknown", trusted(null, null, null), V4_OUT, 200),
                new Case("deny region, untrusted claim", untrusted("CN", "XJ", null), V4_OUT, 200)));
        byRules.put("{\"allowCidrs\":" + CIDRS + "}", List.of(
                new Case("allow cidr, viewer v4 in", trusted(null, null, V4_IN + ":443"), V4_OUT, 200),
                new Case("allow cidr, viewer v6 in", trusted(null, null, V6_IN + ":443"), V4_OUT, 200),
                new Case("allow cidr, viewer v4 out", trusted(null, null, V4_OUT + ":443"), V4_IN, 403),
                new Case("allow cidr, viewer v6 out", trusted(null, null, V6_OUT + ":443"), V6_IN, 403),
                new Case("allow cidr, viewer unknown", trusted(null, null, null), V4_IN, 403),
                new Case("allow cidr, source v4 in", untrusted(null, null, V4_OUT + ":443"), V4_IN, 200),
                new Case("allow cidr, source v6 in", untrusted(null, null, null), V6_IN, 200),
                new Case("allow cidr, source out, claimed in", untrusted(null, null, V4_IN + ":443"), V4_OUT, 403),
                new Case("allow cidr, source v6 out", untrusted(null, null, null), V6_OUT, 403),
                new Case("allow cidr, source unknown", untrusted(null, null, null), null, 403)));
        byRules.put("{\"denyCidrs\":" + CIDRS + "}", List.of(
                new Case("deny cidr, viewer v4 in", trusted(null, null, V4_IN + ":443"), V4_OUT, 403),
                new Case("deny cidr, viewer v6 in", trusted(null, null, V6_IN + ":443"), V4_OUT, 403),
                new Case("deny cidr, viewer v4 out", trusted(null, null, V4_OUT + ":443"), V4_IN, 200),
                new Case("deny cidr, viewer v6 out", trusted(null, null, V6_OUT + ":443"), V6_IN, 200),
                new Case("deny cidr, viewer unknown", trusted(null, null, null), V4_IN, 200),
                new Case("deny cidr, source v4 in", untrusted(null, null, V4_OUT + ":443"), V4_IN, 403),
                new Case("deny cidr, source v6 in", untrusted(null, null, null), V6_IN, 403),
                new Case("deny cidr, source out, claimed in", untrusted(null, null, V4_IN + ":443"), V4_OUT, 200),
                new Case("deny cidr, source unknown", untrusted(null, null, null), null, 200)));
        List<String> wrong = new ArrayList<>();
        for (var entry : byRules.entrySet()) {
            String path = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":1000,\"geo\":" + entry.getKey() + "}"));
            for (Case c : entry.getValue()) {
                var r = world.scan(path, c.headers(), c.sourceIp());
                String code = r.status() == 403 ? r.errorCode() : "";
                if (r.status() != c.status() || (c.status() == 403 && !"geo_blocked".equals(code))) {
                    wrong.add(c.name() + ": expected " + c.status() + " got " + r.status() + " " + r.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
