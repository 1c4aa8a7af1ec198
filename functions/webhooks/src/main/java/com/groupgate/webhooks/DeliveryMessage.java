package com.groupgate.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.http.Json;

/**
 * One queued delivery: an event to one endpoint, within a chain of attempts (the first
 * dispatch's, or a redelivery's). The body travels with it, so an attempt reads only the
 * endpoint. Nothing secret is in it.
 */
record DeliveryMessage(String tenantId, String webhookId, String eventId, String type, String chain, String body) {

    String toJson() {
        return Json.write(this);
    }

    static DeliveryMessage parse(String json) {
        try {
            return Json.MAPPER.readValue(json, DeliveryMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a delivery message", e);
        }
    }
}
