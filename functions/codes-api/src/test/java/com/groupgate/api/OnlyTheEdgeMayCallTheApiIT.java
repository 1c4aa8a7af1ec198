package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.config.Wiring;
import com.groupgate.testkit.TestDeployment;
import com.groupgate.testkit.HttpCalls;
import com.groupgate.testkit.SdkCalls;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codes API as deployed behind CloudFront ({@code GROUPGATE_REQUIRE_ORIGIN_VERIFY}
 * true): every route but {@code GET /health} refuses a request without the origin secret,
 * before routing, before the key check and before any AWS call.
 */
class OnlyTheEdgeMayCallTheApiIT {
    private final SdkCalls calls = new SdkCalls();
    private final HttpCalls api;

    OnlyTheEdgeMayCallTheApiIT() {
        Wiring w = ApiTestbed.aws().wiring("CodesApiFunction", Clock.systemUTC(),
                TestDeployment.AS_DEPLOYED_BEHIND_THE_EDGE);
        api = new HttpCalls(new CodesApiHandler(w.withAws(w.aws().withInterceptors(List.of(calls)))));
    }

    private static Map<String, String> with(Map<String, String> headers, String originVerify) {
        Map<String, String> h = new HashMap<>(headers);
        if (originVerify != null) {
            h.put("x-origin-verify", originVerify);
        }
        return h;
    }

    private HttpCalls.Response createTenant(String originVerify) {
        return api.post("/v1/tenants", "{\"name\":\"Edge only\"}", with(bearer(TestDeployment.ADMIN_KEY), originVerify));
    }

    private static void assertForbidden(HttpCalls.Response r) {
        assertEquals(403, r.status(), r.body());
        assertEquals("forbidden", r.errorCode(), r.body());
        assertEquals(List.of("code", "message"), errorFields(r), "no field: nothing for a caller to fix");
    }

    private static List<String> errorFields(HttpCalls.Response r) {
        List<String> names = new java.util.ArrayList<>();
        r.json().path("error").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyRouteButHealthRefusesARequestWithoutTheOriginHeaderBeforeAnyAwsCall() {
        calls.reset();
        assertForbidden(createTenant(null));
        assertForbidden(api.get("/v1/groups", bearer("gg_not-even-looked-at")));
        assertForbidden(api.get("/v1/stats?groupBy=code", Map.of()));
        assertForbidden(api.get("/dashboard", Map.of()));
        assertForbidden(api.get("/openapi.yaml", Map.of()));
        assertForbidden(api.get("/v1/no-such-route", Map.of()));
        assertEquals(Map.of(), calls.snapshot(), "nothing reached DynamoDB, KMS or S3");
    }

    @Test
    void aWrongOriginHeaderIsForbidden() {
        calls.reset();
        for (String wrong : new String[] {"", "local-origin-secret", TestDeployment.ORIGIN_SECRET.toUpperCase(),
                TestDeployment.ORIGIN_SECRET + TestDeployment.ORIGIN_SECRET}) {
            assertForbidden(createTenant(wrong));
        }
        assertEquals(Map.of(), calls.snapshot());
    }

    @Test
    void theRightOriginHeaderReachesTheApi() {
        HttpCalls.Response created = createTenant(TestDeployment.ORIGIN_SECRET);
        assertEquals(201, created.status(), created.body());
        HttpCalls.Response groups = api.get("/v1/groups", with(bearer(created.text("apiKey")), TestDeployment.ORIGIN_SECRET));
        assertEquals(200, groups.status(), groups.body());
        assertEquals(401, api.get("/v1/groups", with(bearer("gg_wrong"), TestDeployment.ORIGIN_SECRET)).status(),
                "past the edge, the key check answers as before");
    }

    @Test
    void healthAnswersWithoutTheOriginHeader() {
        calls.reset();
        HttpCalls.Response health = api.get("/health", Map.of());
        assertEquals(200, health.status(), health.body());
        assertEquals("ok", health.text("status"));
        assertEquals(Map.of(), calls.snapshot());
    }
}
