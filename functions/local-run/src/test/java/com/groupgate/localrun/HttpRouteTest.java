package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpRouteTest {
    private static final List<HttpRoute> TEMPLATE_ROUTES = HttpRoute.fromTemplate(CloudFormationTemplate.ofRepository());

    @Test
    void httpApiRoutesAreReadFromTheTemplatesHttpApiEvents() {
        Set<String> keys = TEMPLATE_ROUTES.stream().map(r -> r.routeKey() + " -> " + r.functionLogicalId())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "GET /health -> CodesApiFunction",
                "ANY /v1/{proxy+} -> CodesApiFunction",
                "ANY /v1/audit -> AuditFunction",
                "ANY /v1/audit/{proxy+} -> AuditFunction",
                "GET /v1/codes/{codeId}/image -> DesignsFunction",
                "GET /p/{token}/{file} -> DesignsFunction",
                "GET /v1/live-codes/{liveCodeId}/image -> DesignsFunction",
                "PUT /v1/tenant/logo -> DesignsFunction",
                "GET /dashboard -> CodesApiFunction",
                "GET /dashboard/{proxy+} -> CodesApiFunction",
                "GET /S/{token} -> ScanFunction",
                "GET /s/{token} -> ScanFunction",
                "POST /S/{token}/join -> ScanFunction",
                "POST /s/{token}/join -> ScanFunction",
                "GET /R/{token} -> ScanFunction",
                "GET /r/{token} -> ScanFunction",
                "GET /P/{token} -> ScanFunction",
                "GET /openapi.yaml -> CodesApiFunction"), keys);
    }

    @Test
    void aDesignsRouteWinsOverTheGreedyApiRouteAsTheHttpApiChoosesTheMostSpecific() {
        var design = HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/v1/codes/c1/image").orElseThrow();
        assertEquals("DesignsFunction", design.route().functionLogicalId());
        var code = HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/v1/codes/c1").orElseThrow();
        assertEquals("CodesApiFunction", code.route().functionLogicalId());
        // Another method on the design's path is not the designs route's: the greedy route takes it.
        var post = HttpRoute.resolve(TEMPLATE_ROUTES, "POST", "/v1/codes/c1/image").orElseThrow();
        assertEquals("CodesApiFunction", post.route().functionLogicalId());
    }

    @Test
    void greedyVariableTakesTheRestOfThePathDecoded() {
        var matched = HttpRoute.resolve(TEMPLATE_ROUTES, "DELETE", "/v1/groups/g%201/codes").orElseThrow();
        assertEquals("ANY /v1/{proxy+}", matched.route().routeKey());
        assertEquals(Map.of("proxy", "groups/g 1/codes"), matched.pathParameters());
    }

    @Test
    void greedyVariableNeedsAtLeastOneSegment() {
        assertTrue(HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/v1/").isEmpty());
        assertTrue(HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/v1").isEmpty());
    }

    @Test
    void methodMustMatchUnlessRouteSaysAny() {
        assertTrue(HttpRoute.resolve(TEMPLATE_ROUTES, "POST", "/health").isEmpty());
        assertTrue(HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/S/TOKEN/join").isEmpty());
        assertEquals("POST /s/{token}/join",
                HttpRoute.resolve(TEMPLATE_ROUTES, "POST", "/s/TOKEN/join").orElseThrow().route().routeKey());
    }

    @Test
    void mostSpecificRouteWins() {
        List<HttpRoute> routes = List.of(new HttpRoute("ANY", "/a/{proxy+}", "Greedy"),
                new HttpRoute("ANY", "/a/{id}", "Variable"), new HttpRoute("GET", "/a/{id}", "Method"),
                new HttpRoute("ANY", "/a/b", "Literal"));
        assertEquals("Literal", HttpRoute.resolve(routes, "GET", "/a/b").orElseThrow().route().functionLogicalId());
        assertEquals("Method", HttpRoute.resolve(routes, "GET", "/a/c").orElseThrow().route().functionLogicalId());
        assertEquals("Variable", HttpRoute.resolve(routes, "PUT", "/a/c").orElseThrow().route().functionLogicalId());
        assertEquals("Greedy", HttpRoute.resolve(routes, "GET", "/a/c/d").orElseThrow().route().functionLogicalId());
    }

    @Test
    void emptySegmentDoesNotFillAVariable() {
        assertTrue(HttpRoute.resolve(TEMPLATE_ROUTES, "GET", "/S/").isEmpty());
    }

    @Test
    void withoutTheEdgeTheHttpApiServesEveryPublicRoute() {
        Routes routes = Routes.fromTemplate(CloudFormationTemplate.ofRepository(), Map.of("Edge", "false"));
        assertFalse(routes.edge());
        assertTrue(routes.behaviors().isEmpty());
        assertEquals(Map.ofEntries(
                Map.entry("GET /S/T1", "HTTP API GET /S/{token} -> ScanFunction {token=T1}"),
                Map.entry("GET /s/T1", "HTTP API GET /s/{token} -> ScanFunction {token=T1}"),
                Map.entry("POST /S/T1/join", "HTTP API POST /S/{token}/join -> ScanFunction {token=T1}"),
                Map.entry("POST /s/T1/join", "HTTP API POST /s/{token}/join -> ScanFunction {token=T1}"),
                Map.entry("GET /S/T1/join", "nothing"),
                Map.entry("GET /R/T2", "HTTP API GET /R/{token} -> ScanFunction {token=T2}"),
                Map.entry("GET /r/T2", "HTTP API GET /r/{token} -> ScanFunction {token=T2}"),
                Map.entry("GET /health", "HTTP API GET /health -> CodesApiFunction {}"),
                Map.entry("PATCH /v1/groups/g1", "HTTP API ANY /v1/{proxy+} -> CodesApiFunction {proxy=groups/g1}"),
                Map.entry("GET /dashboard", "HTTP API GET /dashboard -> CodesApiFunction {}"),
                Map.entry("GET /dashboard/app.js",
                        "HTTP API GET /dashboard/{proxy+} -> CodesApiFunction {proxy=app.js}"),
                // Without the edge, the operator's own CDN serves /i/*; the HTTP API has no such route.
                Map.entry("GET /i/c/t1/ab.png", "nothing"),
                Map.entry("GET /i/c/t%2B1/a%20b.png", "nothing"),
                Map.entry("PUT /i/c/t1/ab.png", "nothing"),
                Map.entry("GET /entries/t1/x.png", "nothing"),
                // The console is the edge's: without it, nothing serves it.
                Map.entry("GET /console", "nothing"),
                Map.entry("GET /console/", "nothing"),
                Map.entry("GET /console/assets/main-AB12.js", "nothing"),
                Map.entry("POST /console/", "nothing"),
                Map.entry("GET /S", "nothing")), served(routes));
    }

    @Test
    void withTheEdgeScanPathsGoToTheScanFunctionsUrlImagesToTheBucketAndTheRestToTheHttpApi() {
        Routes routes = Routes.fromTemplate(CloudFormationTemplate.ofRepository(), Map.of("Edge", "true"));
        assertTrue(routes.edge());
        assertEquals(List.of("/i/* -> ImagesBucket", "/p/* -> HTTP API", "/console* -> ConsoleBucket", "/S/* -> ScanFunction URL", "/s/* -> ScanFunction URL",
                        "/R/* -> ScanFunction URL", "/r/* -> ScanFunction URL", "/P/* -> ScanFunction URL", "default -> HTTP API"),
                routes.behaviors().stream().map(b -> (b.pathPattern() == null ? "default" : b.pathPattern()) + " -> "
                        + (b.bucketOf() != null ? b.bucketOf()
                        : b.functionUrlOf() == null ? "HTTP API" : b.functionUrlOf() + " URL")).toList());
        assertEquals(Set.of("ImagesBucket", "ConsoleBucket"), routes.buckets());
        assertEquals(Map.ofEntries(
                Map.entry("GET /S/T1", "URL of ScanFunction via /S/*"),
                Map.entry("GET /s/T1", "URL of ScanFunction via /s/*"),
                Map.entry("POST /S/T1/join", "URL of ScanFunction via /S/*"),
                Map.entry("POST /s/T1/join", "URL of ScanFunction via /s/*"),
                // CloudFront sends the whole pattern to the URL; the scan function answers it itself.
                Map.entry("GET /S/T1/join", "URL of ScanFunction via /S/*"),
                Map.entry("GET /R/T2", "URL of ScanFunction via /R/*"),
                Map.entry("GET /r/T2", "URL of ScanFunction via /r/*"),
                Map.entry("GET /health", "HTTP API GET /health -> CodesApiFunction {}"),
                Map.entry("PATCH /v1/groups/g1", "HTTP API ANY /v1/{proxy+} -> CodesApiFunction {proxy=groups/g1}"),
                Map.entry("GET /dashboard", "HTTP API GET /dashboard -> CodesApiFunction {}"),
                Map.entry("GET /dashboard/app.js",
                        "HTTP API GET /dashboard/{proxy+} -> CodesApiFunction {proxy=app.js}"),
                Map.entry("GET /i/c/t1/ab.png", "object i/c/t1/ab.png of ImagesBucket via /i/*"),
                Map.entry("GET /i/c/t%2B1/a%20b.png", "object i/c/t+1/a b.png of ImagesBucket via /i/*"),
                Map.entry("PUT /i/c/t1/ab.png", "refused 403"),
                Map.entry("GET /entries/t1/x.png", "nothing"),
                // The behavior's viewer-request function turns these two into console/index.html.
                Map.entry("GET /console", "object console of ConsoleBucket via /console*"),
                Map.entry("GET /console/", "object console/ of ConsoleBucket via /console*"),
                Map.entry("GET /console/assets/main-AB12.js", "object console/assets/main-AB12.js of ConsoleBucket via /console*"),
                Map.entry("POST /console/", "refused 403"),
                Map.entry("GET /S", "nothing")), served(routes));
        assertEquals(Set.of("ScanFunction", "CodesApiFunction", "AuditFunction", "DesignsFunction"), routes.functions());
        Routes.Behavior console = routes.behaviors().stream().filter(b -> "/console*".equals(b.pathPattern()))
                .findFirst().orElseThrow();
        assertEquals("ConsoleIndexFunction", console.viewerRequestFunction());
        assertEquals("ConsoleResponseHeadersPolicy", console.responseHeadersPolicy());
    }

    @Test
    void theDeployedDefaultIsTheEdge() {
        assertTrue(Routes.fromTemplate(CloudFormationTemplate.ofRepository(), Map.of()).edge());
    }

    @Test
    void cloudFrontPathPatternsAreCaseSensitiveGlobs() {
        Routes.Behavior upper = new Routes.Behavior("/S/*", Set.of("GET"), "F");
        assertTrue(upper.matches("/S/"));
        assertTrue(upper.matches("/S/a/b"));
        assertFalse(upper.matches("/s/a"));
        assertFalse(upper.matches("/S"));
        Routes.Behavior one = new Routes.Behavior("img/?.png", Set.of("GET"), "F");
        assertTrue(one.matches("/img/a.png"));
        assertFalse(one.matches("/img/ab.png"));
        assertFalse(one.matches("/img/a.pngx"));
    }

    /** Where each probe request goes, in words. */
    private static Map<String, String> served(Routes routes) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String probe : List.of("GET /S/T1", "GET /s/T1", "POST /S/T1/join", "POST /s/T1/join", "GET /S/T1/join",
                "GET /R/T2", "GET /r/T2", "GET /health", "PATCH /v1/groups/g1", "GET /dashboard", "GET /dashboard/app.js", "GET /S",
                "GET /i/c/t1/ab.png", "GET /i/c/t%2B1/a%20b.png", "PUT /i/c/t1/ab.png", "GET /entries/t1/x.png",
                "GET /console", "GET /console/", "GET /console/assets/main-AB12.js", "POST /console/")) {
            String[] parts = probe.split(" ");
            out.put(probe, routes.resolve(parts[0], parts[1]).map(HttpRouteTest::describe).orElse("nothing"));
        }
        return out;
    }

    private static String describe(Routes.Target target) {
        if (target instanceof Routes.FunctionUrl u) {
            return "URL of " + u.functionLogicalId() + " via " + u.pathPattern();
        }
        if (target instanceof Routes.BucketObject o) {
            return "object " + o.key() + " of " + o.bucketLogicalId() + " via " + o.pathPattern();
        }
        if (target instanceof Routes.HttpApi a) {
            return "HTTP API " + a.matched().route().routeKey() + " -> " + a.matched().route().functionLogicalId()
                    + " " + new java.util.TreeMap<>(a.matched().pathParameters());
        }
        return "refused " + ((Routes.EdgeRefusal) target).status();
    }

    @Test
    void greedyVariableOnlyAsTheLastSegment() {
        assertThrows(IllegalArgumentException.class, () -> new HttpRoute("GET", "/{a+}/b", "F"));
    }
}
