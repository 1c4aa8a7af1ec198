package com.groupgate.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.http.Json;
import com.groupgate.id.TenantId;

/**
 * One queued delivery: an event to one endpoint, within a chain of attempts (the first
 * dispatch's, or a redelivery's). The body travels with it, so an attempt reads only the
 * endpoint. Nothing secret is in it.
 */
record DeliveryMessage(TenantId tenantId, String webhookId, String eventId, String type, String chain, String body) {

    /** The message as queued: the same fields, ids as their text. */
    private record Wire(String tenantId, String webhookId, String eventId, String type, String chain, String body) {
    }

    String toJson() {
        return Json.write(new Wire(tenantId.text(), webhookId, eventId, type, chain, body));
    }

    /** The message read back; an IllegalArgumentException when it is not one of ours. */
    static DeliveryMessage parse(String json) {
        Wire w;
        try {
            w = Json.MAPPER.readValue(json, Wire.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a delivery message", e);
        }
        TenantId tenantId = TenantId.parse(w.tenantId())
                .orElseThrow(() -> new IllegalArgumentException("not a delivery message: tenantId"));
        return new DeliveryMessage(tenantId, w.webhookId(), w.eventId(), w.type(), w.chain(), w.body());
    }
}
