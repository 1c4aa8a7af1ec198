package com.groupgate.storage.webhook;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Events waiting to be sent, and sent ones kept for redelivery: an event item
 * ({@code sk=EVENT}) or a redelivery item ({@code sk=REDELIVER#<id>}) in the event's
 * partition. Storing one is how an event is emitted: the write is conditioned on the item
 * being new, and the event ids are derived, so the same happening stored twice is stored
 * once. The stream brings each new item to the dispatcher, which queues its deliveries and
 * then marks it {@code dispatchedAt}.
 *
 * <p>An event that names a member ({@code data.memberRef}) is listed under that member on
 * gsi1, and so is each redelivery of it: an erasure drops them all ({@link ErasedEvents}),
 * and the sender sends nothing of an event no longer stored ({@link #kept}).
 */
public final class Outbox {
    /** How long an event is kept for redelivery. */
    public static final Duration KEEP_EVENTS = Duration.ofDays(30);
    /** A redelivery item only needs to outlive its dispatch. */
    static final Duration KEEP_REDELIVERIES = Duration.ofDays(1);
    /** The chain of attempts the first dispatch starts; a redelivery starts its own. */
    public static final String FIRST_CHAIN = "auto";

    private final DynamoDbClient dynamo;
    private final String table;

    public Outbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A stored event or redelivery, as the dispatcher reads it from its item ({@code tenantId} null when it names none). */
    public record Item(TenantId tenantId, String eventId, String type, String body, String target, String chain,
                       boolean dispatched, String memberIndex) {
    }

    /**
     * Emits {@code event} (to {@code target} only when not null): true when it is new, false
     * when it was stored before (the same happening read again).
     */
    public boolean emit(WebhookEvent event, String target, Instant now) {
        Map<String, AttributeValue> item = item(event, target, now);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException stored) {
            return false;
        }
    }

    /**
     * The item that stores {@code event}, for a writer that emits it in a transaction of its
     * own (Put with {@code attribute_not_exists(pk)}), so the event is stored exactly when
     * what it reports is.
     */
    public static Map<String, AttributeValue> item(WebhookEvent event, String target, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.event(event.tenantId(), event.id()));
        item.put("tenantId", s(event.tenantId().text()));
        item.put("eventId", s(event.id()));
        item.put("type", s(event.type().wireName()));
        item.put("body", s(EventBodies.of(event)));
        item.put("at", n(event.at().toEpochMilli()));
        item.put("chain", s(FIRST_CHAIN));
        if (target != null) {
            item.put("target", s(target));
        }
        item.put("ttl", n(now.plus(KEEP_EVENTS).getEpochSecond()));
        if (event.data().get("memberRef") instanceof String memberRef) {
            item.put("gsi1pk", s(MainTableKeys.memberEventsIndex(event.tenantId(), memberRef)));
            item.put("gsi1sk", s(item.get("pk").s() + "|" + item.get("sk").s()));
        }
        return item;
    }

    /** The stored event, or empty when it is unknown or no longer kept. */
    public Optional<Item> event(TenantId tenantId, String eventId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.event(tenantId, eventId))).item();
        if (item == null || item.isEmpty() || Attr.num(item, "ttl", Long.MAX_VALUE) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(from(item));
    }

    /** Asks for {@code event} to be sent to {@code webhookId} again, as a new chain of attempts. */
    public void redeliver(Item event, String webhookId, String redeliveryId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.redelivery(event.tenantId(), event.eventId(),
                redeliveryId));
        item.put("tenantId", s(event.tenantId().text()));
        item.put("eventId", s(event.eventId()));
        item.put("type", s(event.type()));
        item.put("body", s(event.body()));
        item.put("target", s(webhookId));
        item.put("chain", s(redeliveryId));
        item.put("ttl", n(now.plus(KEEP_REDELIVERIES).getEpochSecond()));
        if (event.memberIndex() != null) {
            item.put("gsi1pk", s(event.memberIndex()));
            item.put("gsi1sk", s(item.get("pk").s() + "|" + item.get("sk").s()));
        }
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Whether the event is still stored: a queued attempt of one that an erasure dropped
     * (or that is past keeping) is not sent. One consistent read of its key.
     */
    public boolean kept(TenantId tenantId, String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.event(tenantId, eventId)).projectionExpression("pk")).item();
        return item != null && !item.isEmpty();
    }

    /** Whether the item under {@code key} has had its deliveries queued (a consistent read). */
    public boolean dispatched(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key)
                .projectionExpression("dispatchedAt")).item();
        return item != null && item.containsKey("dispatchedAt");
    }

    /** Marks the item's deliveries queued, so a redelivered stream record queues nothing again. */
    public void markDispatched(Map<String, AttributeValue> key, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key).updateExpression("SET dispatchedAt = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
        } catch (ConditionalCheckFailedException gone) {
            // expired meanwhile: nothing left to mark
        }
    }

    /** An outbox item from its stored (or streamed) attributes. */
    public static Item from(Map<String, AttributeValue> item) {
        return new Item(TenantId.parse(Attr.str(item, "tenantId")).orElse(null), Attr.str(item, "eventId"), Attr.str(item, "type"),
                Attr.str(item, "body"), Attr.str(item, "target"), Attr.str(item, "chain"),
                item.containsKey("dispatchedAt"), Attr.str(item, "gsi1pk"));
    }
}
