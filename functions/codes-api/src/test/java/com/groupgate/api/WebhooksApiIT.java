package com.groupgate.api;

import static com.groupgate.testkit.HttpCalls.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.api.ApiTestbed.TestTenant;
import com.groupgate.testkit.HttpCalls;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook routes as deployed (no loopback exception): a URL is taken only when it is
 * https and its host resolves to public addresses only; anything else is 422
 * {@code url_not_allowed} naming {@code url}, with nothing written. Secrets are shown
 * once; another tenant's endpoint is 404; bad input names its field.
 */
class WebhooksApiIT {
    private static HttpCalls api;
    private static TestTenant tenant;

    @BeforeAll
    static void setUp() {
        api = ApiTestbed.api(Clock.systemUTC());
        tenant = ApiTestbed.newTenant(api, "Webhook Owner Co");
    }

    private static String body(String url) {
        return "{\"url\":\"" + url + "\",\"events\":[\"member.joined\"]}";
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://127.1.2.3:8443/hook", "https://[::1]/hook",
        "https://10.0.0.7/hook", "https://10.255.1.1/hook", "https://172.16.0.1/hook", "https://172.31.9.9/hook",
        "https://192.168.1.20/hook", "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/x",
        "https://[fd00::1]/hook", "https://[fd12:3456::9]/hook", "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:169.254.169.254]/x", "https://localhost/hook",
        "https://localhost:8443/hook", "https://0.0.0.0/hook",
        "http://example.com/hook", "http://127.0.0.1:9000/hook", "ftp://example.com/hook", "not a url",
        "https://user:secret@example.com/hook",
        // Numbers in other forms than a dotted quad: Java reads 0177.0.0.1 as the public 177.0.0.1
        // where browsers and libc read 127.0.0.1; each is refused by its form, whatever it resolves to.
        "https://0177.0.0.1/hook", "https://2130706433/hook", "https://0x7f000001/hook", "https://017700000001/hook",
        "https://0x7f.1/hook", "https://127.1/hook", "https://127.0.0.1./hook", "https://1.1.1.01/hook",
        "https://0x01.1.1.1/hook", "https://16843009/hook"})
    void internalOrPlainHttpUrlsAreRefusedNamingUrlAndNothingIsWritten(String url) {
        long before = ApiTestbed.mainTableItemCount();
        var r = api.post("/v1/webhooks", body(url), tenant.auth());
        assertEquals(422, r.status(), url + ": " + r.body());
        assertEquals("url_not_allowed", r.errorCode());
        assertEquals("url", r.json().path("error").path("field").asText());
        assertEquals(before, ApiTestbed.mainTableItemCount(), "nothing written for " + url);
    }

    @Test
    void anEndpointIsRegisteredWithItsSecretShownOnceAndListedWithout() {
        TestTenant owner = ApiTestbed.newTenant(api, "Listing Co");
        var created = api.post("/v1/webhooks", "{\"url\":\"https://1.1.1.1/in\",\"events\":[\"member.joined\","
                + "\"join.requested\"],\"description\":\"CRM\"}", owner.auth());
        assertEquals(201, created.status(), created.body());
        assertTrue(created.text("secret").startsWith("whsec_"));
        List<String> events = new java.util.ArrayList<>();
        created.json().path("events").forEach(e -> events.add(e.asText()));
        assertEquals(List.of("member.joined", "join.requested"), events);
        String id = created.text("webhookId");
        var listed = api.get("/v1/webhooks", owner.auth());
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().path("items").size());
        assertFalse(listed.body().contains("whsec_"), "never the secret again: " + listed.body());
        assertFalse(api.get("/v1/webhooks/" + id, owner.auth()).body().contains("whsec_"));
        for (var item : ApiTestbed.mainTableItems("T#" + owner.tenantId())) {
            assertFalse(item.toString().contains(created.text("secret").substring(6)), "stored only sealed");
        }

        var patched = api.call("PATCH", "/v1/webhooks/" + id, "{\"events\":[\"group.full\"],\"enabled\":false}",
                owner.auth());
        assertEquals(200, patched.status(), patched.body());
        assertEquals("group.full", patched.json().path("events").get(0).asText());
        assertFalse(patched.json().path("enabled").asBoolean());
        var rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", null, owner.auth());
        assertEquals(200, rotated.status());
        assertTrue(rotated.text("secret").startsWith("whsec_"));
        assertEquals(204, api.call("DELETE", "/v1/webhooks/" + id, null, owner.auth()).status());
        assertEquals(404, api.get("/v1/webhooks/" + id, owner.auth()).status());
    }

    @Test
    void anotherTenantsEndpointIsNotFound() {
        TestTenant owner = ApiTestbed.newTenant(api, "Owner Co");
        TestTenant other = ApiTestbed.newTenant(api, "Other Co");
        String id = api.post("/v1/webhooks", body("https://1.1.1.1/x"), owner.auth()).text("webhookId");
        assertEquals(404, api.get("/v1/webhooks/" + id, other.auth()).status());
        assertEquals(404, api.call("DELETE", "/v1/webhooks/" + id, null, other.auth()).status());
        assertEquals(404, api.post("/v1/webhooks/" + id + "/test", null, other.auth()).status());
        assertEquals(404, api.get("/v1/webhooks/" + id + "/deliveries", other.auth()).status());
    }

    @Test
    void badInputNamesItsFieldAndWritesNothing() {
        long before = ApiTestbed.mainTableItemCount();
        Map<String, String> cases = Map.of(
                "{\"url\":\"https://1.1.1.1/\",\"events\":[]}", "events",
                "{\"url\":\"https://1.1.1.1/\",\"events\":[\"member.left\"]}", "events",
                "{\"url\":\"https://1.1.1.1/\",\"events\":[\"group.full\",\"group.full\"]}", "events",
                "{\"url\":\"https://1.1.1.1/\",\"events\":\"group.full\"}", "events",
                "{\"events\":[\"group.full\"]}", "url",
                "{\"url\":7,\"events\":[\"group.full\"]}", "url",
                "{\"url\":\"https://1.1.1.1/\",\"events\":[\"group.full\"],\"secret\":\"whsec_x\"}", "secret",
                "{\"url\":\"https://1.1.1.1/\",\"events\":[\"group.full\"],\"description\":\"" + "d".repeat(201) + "\"}",
                "description");
        cases.forEach((json, field) -> {
            var r = api.post("/v1/webhooks", json, tenant.auth());
            assertTrue(r.status() == 400 || r.status() == 422, json + ": " + r.body());
            assertEquals(field, r.json().path("error").path("field").asText(), json + ": " + r.body());
        });
        assertEquals(before, ApiTestbed.mainTableItemCount());
    }

    @Test
    void aTenantHasAtMostTwentyEndpoints() {
        TestTenant busy = ApiTestbed.newTenant(api, "Many Hooks Co");
        for (int i = 0; i < 20; i++) {
            assertEquals(201, api.post("/v1/webhooks", body("https://1.1.1.1/h" + i), busy.auth()).status());
        }
        var refused = api.post("/v1/webhooks", body("https://1.1.1.1/h20"), busy.auth());
        assertEquals(409, refused.status());
        assertEquals("webhook_limit", refused.errorCode());
        assertEquals(200, api.get("/v1/webhooks", bearer(busy.apiKey())).status());
    }
}
