package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.emulator.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpRouteTest {
    private static final List<HttpRoute> TEMPLATE_ROUTES = HttpRoute.fromTemplate(CloudFormationTemplate.ofRepository());

    @Test
    void routesAreReadFromTheTemplatesHttpApiEvents() {
        Set<String> keys = TEMPLATE_ROUTES.stream().map(r -> r.routeKey() + " -> " + r.functionLogicalId())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "GET /health -> CodesApiFunction",
                "ANY /v1/{proxy+} -> CodesApiFunction",
                "GET /dashboard -> CodesApiFunction",
                "GET /dashboard/{proxy+} -> CodesApiFunction",
                "GET /S/{token} -> ScanFunction",
                "GET /s/{token} -> ScanFunction",
                "POST /S/{token}/join -> ScanFunction",
                "POST /s/{token}/join -> ScanFunction",
                "GET /R/{token} -> ScanFunction",
                "GET /r/{token} -> ScanFunction"), keys);
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
    void greedyVariableOnlyAsTheLastSegment() {
        assertThrows(IllegalArgumentException.class, () -> new HttpRoute("GET", "/{a+}/b", "F"));
    }
}
