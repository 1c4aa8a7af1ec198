package com.groupgate.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature of one delivery attempt:
 * {@code v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>} for each secret in
 * force, space-separated. A receiver accepts the attempt when any signature verifies with
 * a secret it holds, so during a rotation's overlap both the old and the new one work.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    /**
     * @param id        the event id ({@code webhook-id})
     * @param timestamp Unix seconds of this attempt ({@code webhook-timestamp})
     * @param body      the exact body sent
     * @param secrets   the secrets in force, newest first; at least one
     * @return the {@code webhook-signature} header value
     */
    public static String header(String id, long timestamp, String body, List<WebhookSecret> secrets) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("secrets: at least one");
        }
        byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            parts.add("v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), content)));
        }
        return String.join(" ", parts);
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
