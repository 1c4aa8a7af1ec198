package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.PageHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan function as deployed behind CloudFront ({@code GROUPGATE_REQUIRE_ORIGIN_VERIFY}
 * true): a scan or join that did not come through the edge is refused 403 before the
 * function touches AWS, so the execute-api URL cannot be used to scan as "geo unknown".
 */
class OnlyTheEdgeMayScanIT {
    private static ScanWorld world;
    private static String path;

    @BeforeAll
    static void start() {
        world = new ScanWorld(Instant.now().truncatedTo(ChronoUnit.SECONDS), TestDeployment.AS_DEPLOYED_BEHIND_THE_EDGE);
        ScanWorld.Tenant tenant = world.tenant("Edge tenant", null);
        // Denies "unknown" nowhere, allows only CN: only a scan with trusted geo can pass.
        path = ScanWorld.path(world.openCode(tenant, "{\"geo\":{\"allowCountries\":[\"CN\"]}}"));
        world.scans();
    }

    private static HttpCalls.Response get(Map<String, String> headers) {
        return world.scans().call("GET", path, Map.of(), null, headers, ScanWorld.SOURCE_IP);
    }

    private static HttpCalls.Response join(String body, Map<String, String> headers) {
        return world.scans().call("POST", path + "/join", Map.of(), body, headers, ScanWorld.SOURCE_IP);
    }

    private static Map<String, String> fromCloudFront(String originVerify) {
        Map<String, String> h = new HashMap<>(Map.of("accept", "application/json", "cloudfront-viewer-country", "CN",
                "cloudfront-viewer-address", "203.0.113.9:4431"));
        if (originVerify != null) {
            h.put("x-origin-verify", originVerify);
        }
        return h;
    }

    private static void assertForbidden(HttpCalls.Response r) {
        assertEquals(403, r.status(), r.body());
        assertEquals("forbidden", r.errorCode(), r.body());
        assertEquals("no-store", r.headers().get("cache-control"), r.headers().toString());
    }

    @Test
    void aScanOrJoinWithoutTheOriginHeaderIsForbiddenBeforeAnyAwsCall() {
        world.calls.reset();
        assertForbidden(get(fromCloudFront(null)));
        assertForbidden(join("{\"joinTicket\":\"anything\"}", fromCloudFront(null)));
        assertForbidden(world.scans().call("GET", "/S/NOTATOKEN", Map.of(), null, Map.of("accept", "application/json"),
                ScanWorld.SOURCE_IP));
        assertEquals(Map.of(), world.calls.snapshot(), "no DynamoDB or KMS call for a request from outside the edge");
    }

    @Test
    void aWrongOriginHeaderIsForbiddenWhateverViewerHeadersItCarries() {
        world.calls.reset();
        for (String wrong : new String[] {"", "wrong", TestDeployment.ORIGIN_SECRET + " ",
                TestDeployment.ORIGIN_SECRET.substring(0, TestDeployment.ORIGIN_SECRET.length() - 1)}) {
            assertForbidden(get(fromCloudFront(wrong)));
        }
        assertEquals(Map.of(), world.calls.snapshot());
    }

    @Test
    void aBrowserRefusedAtTheEdgeGetsASmallHtmlPageWithTheSecurityHeaders() {
        world.calls.reset();
        HttpCalls.Response page = get(Map.of("accept", "text/html,application/xhtml+xml"));
        assertEquals(403, page.status(), page.body());
        assertTrue(page.headers().get("content-type").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().length() < 2048, "small: " + page.body().length() + " characters");
        assertTrue(page.body().contains("<h1>Not available</h1>"), page.body());
        String csp = page.headers().get("content-security-policy");
        assertEquals(java.util.List.of("'none'"), PageHeaders.sources(csp, "script-src"), csp);
        assertEquals(java.util.List.of("'none'"), PageHeaders.sources(csp, "frame-ancestors"), csp);
        assertEquals(java.util.List.of(PageHeaders.sha256Source(PageHeaders.inlineBlocks(page.body(), "style").get(0))),
                PageHeaders.sources(csp, "style-src"), csp);
        assertEquals("nosniff", page.headers().get("x-content-type-options"));
        assertEquals("no-referrer", page.headers().get("referrer-policy"));
        assertEquals("no-store", page.headers().get("cache-control"));
        assertEquals(Map.of(), world.calls.snapshot());
    }

    @Test
    void withTheRightOriginHeaderScanAndJoinWorkAndGeoIsTrusted() {
        HttpCalls.Response scan = get(fromCloudFront(TestDeployment.ORIGIN_SECRET));
        assertEquals(200, scan.status(), scan.body());
        JsonNode answer = scan.json();
        HttpCalls.Response joined = join(ScanWorld.joinBody(answer.path("joinTicket").asText(), "edge-member", null),
                fromCloudFront(TestDeployment.ORIGIN_SECRET));
        assertEquals(200, joined.status(), joined.body());
        assertEquals("joined", joined.text("status"));
        assertTrue(world.calls.snapshot().containsKey("DynamoDb.UpdateItem"), world.calls.snapshot().toString());
    }
}
