package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the console's analytics, usage and webhooks pages read with (the code and
 * live-code lists, channel rows, usage, each code's stats, the webhooks and their
 * deliveries) answers a read key, and the retired {@code /dashboard} leads there; a change
 * such as the webhook test is refused a read key and nothing is written.
 */
class AnalyticsReadKeyIT {
    @Test
    void everyRequestTheAnalyticsPageMakesAnswersAReadKey() {
        HttpCalls api = ApiTestbed.api(Clock.systemUTC());
        TestTenant tenant = ApiTestbed.newTenant(api, "Dashboard Viewer Co");
        String groupId = ApiTestbed.newGroup(api, tenant, "{\"name\":\"Shown\"}");
        var code = api.post("/v1/groups/" + groupId + "/codes", "{\"channel\":\"store-7\"}", tenant.auth());
        assertEquals(201, code.status(), code.body());
        var live = api.post("/v1/live-codes", "{\"name\":\"Poster\",\"groupIds\":[\"" + groupId + "\"]}",
                tenant.auth());
        assertEquals(201, live.status(), live.body());
        var key = api.post("/v1/keys", "{\"name\":\"wall screen\",\"scope\":\"read\"}", tenant.auth());
        assertEquals(201, key.status(), key.body());
        Map<String, String> read = bearer(key.text("apiKey"));
        var hook = api.post("/v1/webhooks", "{\"url\":\"https://1.1.1.1/in\",\"events\":[\"member.joined\"]}",
                tenant.auth());
        assertEquals(201, hook.status(), hook.body());
        String webhookId = hook.text("webhookId");

        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        String range = "from=" + to.minus(Duration.ofDays(7)) + "&to=" + to;
        for (String old : List.of("/dashboard", "/dashboard/app.0123456789ab.js")) {
            var page = api.get(old, Map.of());
            assertEquals(301, page.status(), old);
            assertEquals("/console#/analytics", page.headers().get("location"), old);
        }
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put("/v1/codes", Map.of("limit", "100"));
        requests.put("/v1/live-codes", Map.of("limit", "100"));
        requests.put("/v1/stats", query(range + "&groupBy=channel"));
        requests.put("/v1/usage", Map.of("month", YearMonth.now(ZoneOffset.UTC).toString()));
        requests.put("/v1/codes/" + code.text("codeId") + "/stats", query(range + "&granularity=day"));
        requests.put("/v1/live-codes/" + live.text("liveCodeId") + "/stats", query(range + "&granularity=hour"));
        requests.put("/v1/webhooks", Map.of());
        requests.put("/v1/webhooks/" + webhookId + "/deliveries", Map.of("limit", "10"));
        requests.forEach((path, query) -> {
            var r = api.call("GET", path, query, null, read, "198.51.100.7");
            assertEquals(200, r.status(), path + ": " + r.body());
        });
        long before = ApiTestbed.mainTableItemCount();
        var test = api.post("/v1/webhooks/" + webhookId + "/test", null, read);
        assertEquals(403, test.status(), test.body());
        assertEquals("forbidden", test.errorCode());
        assertEquals(before, ApiTestbed.mainTableItemCount(), "a refused test stores no event");
        assertEquals(202, api.post("/v1/webhooks/" + webhookId + "/test", null, tenant.auth()).status(),
                "the button works with a full key");
        var codes = api.call("GET", "/v1/codes", Map.of("limit", "100"), null, read, "198.51.100.7");
        assertEquals(List.of(code.text("codeId")), codes.json().path("items").findValuesAsText("codeId"));
    }

    private static Map<String, String> query(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
