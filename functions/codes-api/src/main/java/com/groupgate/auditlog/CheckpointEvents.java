package com.groupgate.auditlog;

import com.groupgate.id.TenantId;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each signed checkpoint goes out as the {@code audit.checkpoint} webhook event, so tenants
 * hold copies GroupGate cannot alter later. The event is stored in the outbox like every
 * other (the MainTable stream brings it to the dispatcher), under an id derived from the
 * log and the size, so announcing a checkpoint again stores nothing twice; and only when an
 * enabled endpoint of the tenant subscribes.
 */
public final class CheckpointEvents {
    private final WebhookTable webhooks;
    private final Outbox outbox;
    private final Clock clock;

    public CheckpointEvents(WebhookTable webhooks, Outbox outbox, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores the event of {@code c} for tenant {@code logId} unless nobody listens or it was stored before. */
    public void announce(String logId, CheckpointTable.Stored c) {
        if (AuditTrail.OPERATOR_LOG.equals(logId)) {
            return;
        }
        Optional<TenantId> tenantId = TenantId.parse(logId);
        boolean listened = tenantId.map(webhooks::list).orElse(List.of()).stream().filter(Webhook::enabled)
                .anyMatch(w -> w.subscription().includes(WebhookEventType.AUDIT_CHECKPOINT));
        if (!listened) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("origin", c.origin());
        data.put("size", c.size());
        data.put("rootHash", c.rootHash());
        data.put("note", c.note());
        data.put("signature", java.util.Base64.getEncoder().encodeToString(c.signature()));
        data.put("signedNote", c.signedNote());
        data.put("keyId", c.keyId());
        outbox.emit(WebhookEvent.of(WebhookEventType.AUDIT_CHECKPOINT, tenantId.get(), c.at(), data, "size",
                Long.toString(c.size())), null, clock.instant());
    }
}
