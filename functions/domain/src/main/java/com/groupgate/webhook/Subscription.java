package com.groupgate.webhook;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The events an endpoint subscribes to: at least one, each a known type, none twice,
 * kept in the order given. {@code webhook.test} need not be named: a test is sent to the
 * endpoint it is asked for, whatever it subscribed to.
 */
public record Subscription(List<WebhookEventType> events) {
    public static final int MAX_DESCRIPTION = 200;

    public Subscription {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("at least one event type");
        }
        Set<WebhookEventType> seen = EnumSet.noneOf(WebhookEventType.class);
        for (WebhookEventType t : events) {
            if (!seen.add(t)) {
                throw new IllegalArgumentException(t.wireName() + " is named twice");
            }
        }
        events = List.copyOf(events);
    }

    /** The subscription named by wire names, or why not. */
    public static Subscription parse(List<String> names) {
        List<WebhookEventType> types = new ArrayList<>(names.size());
        for (String name : names) {
            types.add(WebhookEventType.parse(name).orElseThrow(
                    () -> new IllegalArgumentException("unknown event type " + name)));
        }
        return new Subscription(types);
    }

    public boolean includes(WebhookEventType type) {
        return events.contains(type);
    }

    public List<String> wireNames() {
        return events.stream().map(WebhookEventType::wireName).toList();
    }
}
