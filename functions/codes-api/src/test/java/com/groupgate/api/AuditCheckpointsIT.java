package com.groupgate.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.api.audit.AuditScheduleHandler;
import com.groupgate.testkit.HttpCalls;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints signed by the audit function with the KMS key verify with the served public
 * key by plain JDK {@code SHA256withECDSA}, carry the RFC 6962 root of the listed entries,
 * and the hourly run signs exactly the logs that grew.
 */
class AuditCheckpointsIT {
    private static HttpCalls api;
    private static HttpCalls audit;

    @BeforeAll
    static void start() {
        api = ApiTestbed.api(Clock.systemUTC());
        audit = ApiTestbed.audit(Clock.systemUTC());
    }

    private static JsonNode get(ApiTestbed.TestTenant t, String path) {
        return get(t, path, Map.of());
    }

    private static JsonNode get(ApiTestbed.TestTenant t, String path, Map<String, String> query) {
        var r = audit.call("GET", path, query, null, t.auth(), "198.51.100.7");
        assertEquals(200, r.status(), path + ": " + r.body());
        return r.json();
    }

    private static List<byte[]> leafInputs(ApiTestbed.TestTenant t) {
        List<byte[]> out = new ArrayList<>();
        get(t, "/v1/audit", Map.of("limit", "100")).path("items")
                .forEach(i -> out.add(Base64.getDecoder().decode(i.path("leafInput").asText())));
        return out;
    }

    private static PublicKey pem(String pem) throws Exception {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static ApiTestbed.TestTenant tenantWithGroups(String name, int groups) {
        ApiTestbed.TestTenant t = ApiTestbed.newTenant(api, name);
        for (int i = 0; i < groups; i++) {
            assertEquals(201, api.post("/v1/groups", "{\"name\":\"C" + i + "\"}", t.auth()).status());
        }
        return t;
    }

    @Test
    void aCheckpointSignedNowVerifiesWithTheServedPublicKeyByPlainJdkSignature() throws Exception {
        ApiTestbed.TestTenant t = tenantWithGroups("Signed", 4);
        var signed = audit.post("/v1/audit/checkpoint", null, t.auth());
        assertEquals(200, signed.status(), signed.body());
        JsonNode latest = get(t, "/v1/audit/checkpoint");
        assertEquals(signed.json(), latest);
        assertEquals(5, latest.path("size").asInt());

        List<byte[]> leaves = leafInputs(t);
        assertArrayEquals(Rfc6962.mth(leaves), Base64.getDecoder().decode(latest.path("rootHash").asText()));
        String origin = latest.path("origin").asText();
        assertTrue(origin.endsWith("/audit/" + t.tenantId()), origin);
        assertEquals(origin + "\n5\n" + latest.path("rootHash").asText() + "\n", latest.path("note").asText());

        JsonNode key = get(t, "/v1/audit/public-key");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pem(key.path("publicKeyPem").asText()));
        verifier.update(latest.path("note").asText().getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(latest.path("signature").asText())));
        assertEquals(key.path("keyId").asText(), latest.path("keyId").asText());

        verifier.initVerify(pem(key.path("publicKeyPem").asText()));
        verifier.update((origin + "\n6\n" + latest.path("rootHash").asText() + "\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(!verifier.verify(Base64.getDecoder().decode(latest.path("signature").asText())),
                "another note must not verify");
    }

    @Test
    void signingAgainWithoutNewEntriesAnswersTheSameCheckpoint() {
        ApiTestbed.TestTenant t = tenantWithGroups("Again", 1);
        var first = audit.post("/v1/audit/checkpoint", null, t.auth());
        var second = audit.post("/v1/audit/checkpoint", null, t.auth());
        assertEquals(200, second.status(), second.body());
        assertEquals(first.json(), second.json());
    }

    /** The tenant's stored webhook events of type audit.checkpoint, as the outbox holds them. */
    private static List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> checkpointEvents(
            ApiTestbed.TestTenant t) {
        return ApiTestbed.mainTableItems("T#" + t.tenantId() + "#WHEV#").stream()
                .filter(i -> "EVENT".equals(i.get("sk").s()) && "audit.checkpoint".equals(i.get("type").s())).toList();
    }

    /**
     * An endpoint subscribed to audit.checkpoint, stored as the webhook routes store one
     * (directly: this test is about the event, not the registration).
     */
    private static void subscribe(ApiTestbed.TestTenant t) {
        new com.groupgate.storage.webhook.WebhookTable(ApiTestbed.aws().clients().dynamo(), ApiTestbed.mainTable())
                .create(new com.groupgate.webhook.Webhook(com.groupgate.id.TenantId.parse(t.tenantId()).orElseThrow(),
                        com.groupgate.id.WebhookId.random(),
                        com.groupgate.webhook.WebhookUrl.parse("https://1.1.1.1/audit", false),
                        com.groupgate.webhook.Subscription.parse(List.of("audit.checkpoint")), null, true,
                        java.time.Instant.now(), new byte[] {1}, null, null, null, null));
    }

    @Test
    void eachSignedCheckpointIsStoredOnceAsAnAuditCheckpointEventForSubscribers() {
        ApiTestbed.TestTenant listening = tenantWithGroups("Listening", 2);
        subscribe(listening);
        ApiTestbed.TestTenant deaf = tenantWithGroups("Deaf", 2);
        JsonNode signed = audit.post("/v1/audit/checkpoint", null, listening.auth()).json();
        audit.post("/v1/audit/checkpoint", null, listening.auth());
        assertEquals(200, audit.post("/v1/audit/checkpoint", null, deaf.auth()).status());

        var events = checkpointEvents(listening);
        assertEquals(1, events.size(), events.toString());
        String body = events.get(0).get("body").s();
        assertTrue(body.contains(signed.path("signature").asText()) && body.contains(signed.path("rootHash").asText()),
                body);
        assertEquals(List.of(), checkpointEvents(deaf));

        assertEquals(201, api.post("/v1/groups", "{\"name\":\"one more\"}", listening.auth()).status());
        audit.post("/v1/audit/checkpoint", null, listening.auth());
        assertEquals(2, checkpointEvents(listening).size());
    }

    @Test
    void theHourlyRunSignsEveryLogThatGrewAndOnlyThose() {
        ApiTestbed.TestTenant grew = tenantWithGroups("Grew", 2);
        subscribe(grew);
        ApiTestbed.TestTenant quiet = tenantWithGroups("Quiet", 1);
        assertEquals(200, audit.post("/v1/audit/checkpoint", null, quiet.auth()).status());
        String quietBefore = get(quiet, "/v1/audit/checkpoint").path("at").asText();

        new AuditScheduleHandler(ApiTestbed.aws().wiring("AuditCheckpointFunction", Clock.systemUTC()))
                .handleRequest(Map.of(), null);

        assertEquals(3, get(grew, "/v1/audit/checkpoint").path("size").asInt());
        assertEquals(1, checkpointEvents(grew).size());
        assertEquals(quietBefore, get(quiet, "/v1/audit/checkpoint").path("at").asText());

        assertEquals(201, api.post("/v1/groups", "{\"name\":\"more\"}", grew.auth()).status());
        new AuditScheduleHandler(ApiTestbed.aws().wiring("AuditCheckpointFunction", Clock.systemUTC()))
                .handleRequest(Map.of(), null);
        assertEquals(4, get(grew, "/v1/audit/checkpoint").path("size").asInt());
    }

    @Test
    void aLogNeverSignedHasNoCheckpointAndAReadKeyCannotSign() {
        ApiTestbed.TestTenant t = ApiTestbed.newTenant(api, "Fresh");
        var key = api.post("/v1/keys", "{\"name\":\"viewer\",\"scope\":\"read\"}", t.auth());
        assertEquals(201, key.status(), key.body());
        var refused = audit.post("/v1/audit/checkpoint", null, HttpCalls.bearer(key.text("apiKey")));
        assertEquals(403, refused.status(), refused.body());
        var none = audit.call("GET", "/v1/audit/checkpoint", Map.of(), null, t.auth(), "198.51.100.7");
        assertEquals(404, none.status(), none.body());
    }
}
