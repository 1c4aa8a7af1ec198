package com.groupgate.webhook;

import java.time.Instant;

/**
 * An endpoint as stored. Its secrets only sealed: {@code sealedSecret} signs every attempt;
 * after a rotation {@code sealedPrevious} signs too until {@code previousUntil}.
 * {@code failingSince}: the first failed attempt after the last success, or null.
 * {@code disabledReason}: why it was disabled ({@code gone}: it answered 410;
 * {@code failing}: three days of failures; {@code tenant}: switched off), or null.
 */
public record Webhook(String tenantId, String webhookId, WebhookUrl url, Subscription subscription, String description,
                      boolean enabled, Instant createdAt, byte[] sealedSecret, byte[] sealedPrevious,
                      Instant previousUntil, Instant failingSince, String disabledReason) {

    /** The previous secret still signs at {@code now}. */
    public boolean previousSignsAt(Instant now) {
        return sealedPrevious != null && previousUntil != null && now.isBefore(previousUntil);
    }
}
