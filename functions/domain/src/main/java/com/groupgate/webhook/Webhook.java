package com.groupgate.webhook;

import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import java.time.Instant;

/**
 * An endpoint as stored. Its secrets only sealed: {@code sealedSecret} signs every attempt;
 * after a rotation {@code sealedPrevious} signs too until {@code previousUntil}.
 * {@code failingSince}: the first failed attempt after the last success, or null.
 * {@code disabledReason}: why it was disabled, or null while enabled.
 */
public record Webhook(TenantId tenantId, WebhookId webhookId, WebhookUrl url, Subscription subscription, String description,
                      boolean enabled, Instant createdAt, byte[] sealedSecret, byte[] sealedPrevious,
                      Instant previousUntil, Instant failingSince, DisabledReason disabledReason) {

    /** The previous secret still signs at {@code now}. */
    public boolean previousSignsAt(Instant now) {
        return sealedPrevious != null && previousUntil != null && now.isBefore(previousUntil);
    }
}
