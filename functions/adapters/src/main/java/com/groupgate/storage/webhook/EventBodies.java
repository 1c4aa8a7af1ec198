package com.groupgate.storage.webhook;

import com.groupgate.http.Json;
import com.groupgate.webhook.WebhookEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event as delivered: {@code {"type","timestamp","data"}}, the same bytes on every attempt. */
public final class EventBodies {
    private EventBodies() {
    }

    public static String of(WebhookEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().wireName());
        body.put("timestamp", event.at().toString());
        body.put("data", event.data());
        return Json.write(body);
    }
}
