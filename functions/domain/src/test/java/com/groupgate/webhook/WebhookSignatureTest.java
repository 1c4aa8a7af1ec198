package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signatures, checked by the Standard Webhooks reference library (an independent implementation). */
class WebhookSignatureTest {
    private static Map<String, List<String>> headers(String id, long ts, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(signature));
    }

    @Test
    void theReferenceLibraryVerifiesOurSignature() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"member.joined\",\"timestamp\":\"2026-11-27T08:00:00Z\",\"data\":{\"memberRef\":\"张三\"}}";
        String signature = WebhookSignature.header("evt_abc", now, body, List.of(secret));
        new Webhook(secret.reveal()).verify(body, headers("evt_abc", now, signature));
        assertEquals(new Webhook(secret.reveal()).sign("evt_abc", now, body), signature,
                "the same bytes as the reference signer");
    }

    @Test
    void aRotatedEndpointVerifiesWithEitherSecretButNotAnother() throws Exception {
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String body = "{}";
        String signature = WebhookSignature.header("evt_x", now, body, List.of(current, previous));
        assertEquals(2, signature.split(" ").length);
        new Webhook(current.reveal()).verify(body, headers("evt_x", now, signature));
        new Webhook(previous.reveal()).verify(body, headers("evt_x", now, signature));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(WebhookSecret.generate().reveal())
                .verify(body, headers("evt_x", now, signature)));
    }

    @Test
    void aChangedBodyOrIdDoesNotVerify() {
        WebhookSecret secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.header("evt_x", now, "{\"a\":1}", List.of(secret));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.reveal())
                .verify("{\"a\":2}", headers("evt_x", now, signature)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.reveal())
                .verify("{\"a\":1}", headers("evt_y", now, signature)));
    }

    @Test
    void secretsReadBackAsTheyAreShownAndNeverPrint() {
        WebhookSecret secret = WebhookSecret.generate();
        assertTrue(secret.reveal().startsWith("whsec_"));
        assertEquals(secret, WebhookSecret.parse(secret.reveal()));
        assertEquals("WebhookSecret[redacted]", secret.toString());
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("sk_live_123"));
    }
}
