package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real handlers behind the local HTTP API, on the emulator, as {@code make run} serves them. */
class LocalGroupGateIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalGroupGate local;
    private static URI base;

    @BeforeAll
    static void start() {
        local = RecordedStack.builder().adminKey("test-admin-key").originSecret("test-origin-secret").build();
        base = local.start(0);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals(Map.of("status", "ok"), MAPPER.readValue(r.body(), Map.class));
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void unknownRouteIsNotFoundJson() throws Exception {
        HttpResponse<String> r = get("/no/such/route");
        assertEquals(404, r.statusCode());
        assertEquals(Map.of("error", Map.of("code", "not_found", "message", "not found")),
                MAPPER.readValue(r.body(), Map.class));
    }

    @Test
    void functionsAreConfiguredFromTheTemplateEnvironment() {
        var codes = local.wiring(LocalGroupGate.CODES_API_FUNCTION).config();
        assertEquals(local.resources().ref("MainTable"), codes.mainTable());
        assertEquals(local.resources().ref("AnalyticsTable"), codes.analyticsTable());
        assertEquals(local.resources().ref("ImagesBucket"), codes.imagesBucket());
        assertEquals(local.resources().attribute("SigningKey", "Arn"), codes.keyId());
        // The admin key and the origin secret are not in any environment: only their secrets' ARNs.
        assertEquals(local.resources().ref("AdminKeySecret"), codes.adminKeySecretArn());
        assertEquals("HTTP://127.0.0.1:" + base.getPort() + "/S/", codes.scanBaseUrl());
        var scan = local.wiring(LocalGroupGate.SCAN_FUNCTION).config();
        assertEquals(local.resources().ref("OriginSecret"), scan.originSecretArn());
        // Read from the secret the bootstrap put the local value in (another run's value may be its previous one).
        assertTrue(local.wiring(LocalGroupGate.SCAN_FUNCTION).originSecret().accepted().accepts("test-origin-secret"));
        // The scan function presigns revealed entry pictures, so it knows the bucket (and may only read entries/).
        assertEquals(local.resources().ref("ImagesBucket"), scan.imagesBucket());
        assertEquals(local.resources().ref("AnalyticsTable"),
                local.wiring(LocalGroupGate.AGGREGATE_FUNCTION).config().analyticsTable());
    }

    @Test
    void byDefaultTheLocalRunLetsCurlThroughWithoutTheOriginHeader() throws Exception {
        assertFalse(local.requiresOriginVerify(), "GROUPGATE_REQUIRE_ORIGIN_VERIFY is not set for the tests");
        assertFalse(local.wiring(LocalGroupGate.CODES_API_FUNCTION).config().requireOriginVerify());
        assertFalse(local.wiring(LocalGroupGate.SCAN_FUNCTION).config().requireOriginVerify());
        HttpResponse<String> r = get("/v1/groups");
        assertEquals(401, r.statusCode(), "past the edge check to the key check: " + r.body());
        assertEquals(404, get("/S/NOTATOKEN").statusCode());
    }

    @Test
    void askedToTheLocalRunRequiresTheOriginHeaderAsDeployed() throws Exception {
        try (LocalGroupGate edge = RecordedStack.builder().originSecret("edge-secret").requireOriginVerify(true)
                .streamPolling(false).build()) {
            URI edgeBase = edge.start(0);
            assertTrue(edge.wiring(LocalGroupGate.CODES_API_FUNCTION).config().requireOriginVerify());
            assertTrue(edge.wiring(LocalGroupGate.SCAN_FUNCTION).config().requireOriginVerify());
            HttpResponse<String> without = HTTP.send(HttpRequest.newBuilder(edgeBase.resolve("/v1/groups")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, without.statusCode(), without.body());
            assertEquals("forbidden", MAPPER.readTree(without.body()).path("error").path("code").asText());
            HttpResponse<String> scan = HTTP.send(HttpRequest.newBuilder(edgeBase.resolve("/S/NOTATOKEN"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, scan.statusCode(), scan.body());
            HttpResponse<String> with = HTTP.send(HttpRequest.newBuilder(edgeBase.resolve("/v1/groups"))
                    .header("X-Origin-Verify", "edge-secret").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, with.statusCode(), with.body());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(edgeBase.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void concurrentRequestsAreServedInParallel() throws Exception {
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 32; i++) {
            futures.add(HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : futures) {
            assertEquals(200, f.get().statusCode());
        }
    }
}
