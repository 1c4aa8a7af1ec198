package com.groupgate.webhook;

import static com.groupgate.aws.Attr.s;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The keys of every webhook item of MainTable, built in this one place (docs/data-model.md). */
public final class WebhookKeys {
    /** Sort keys the dispatcher's stream filter and item kinds go by. */
    public static final String WEBHOOK_PREFIX = "WEBHOOK#";
    public static final String EVENT = "EVENT";
    public static final String REDELIVERY_PREFIX = "REDELIVER#";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private WebhookKeys() {
    }

    /** A tenant's endpoint: {@code pk=T#<t>, sk=WEBHOOK#<id>} (listed with the tenant's other items). */
    public static Map<String, AttributeValue> webhook(String tenantId, String webhookId) {
        return key("T#" + tenantId, WEBHOOK_PREFIX + webhookId);
    }

    static String tenantPartition(String tenantId) {
        return "T#" + tenantId;
    }

    /** An event, its body kept for redelivery: {@code pk=T#<t>#WHEV#<event>, sk=EVENT}. */
    public static Map<String, AttributeValue> event(String tenantId, String eventId) {
        return key(eventPartition(tenantId, eventId), EVENT);
    }

    /** A redelivery asked for, beside its event: {@code sk=REDELIVER#<id>}. */
    public static Map<String, AttributeValue> redelivery(String tenantId, String eventId, String redeliveryId) {
        return key(eventPartition(tenantId, eventId), REDELIVERY_PREFIX + redeliveryId);
    }

    private static String eventPartition(String tenantId, String eventId) {
        return "T#" + tenantId + "#WHEV#" + eventId;
    }

    /**
     * gsi1 lists the stored events and redeliveries that name one member, so that an
     * erasure finds and drops them: {@code gsi1pk=T#<t>#WHMEMBER#<memberRef>}, sorted by the
     * item's own key. The ref is in the item's body already; the index adds no holder of it.
     */
    static String memberEventsIndex(String tenantId, String memberRef) {
        return "T#" + tenantId + "#WHMEMBER#" + memberRef;
    }

    /** One delivery attempt: {@code pk=T#<t>#WH#<webhook>, sk=DLV#<delivery>}. */
    public static Map<String, AttributeValue> delivery(String tenantId, String webhookId, String deliveryId) {
        return key("T#" + tenantId + "#WH#" + webhookId, "DLV#" + deliveryId);
    }

    /** gsi1 lists an endpoint's attempts newest first by {@link #deliveriesSort}. */
    static String deliveriesIndex(String tenantId, String webhookId) {
        return "T#" + tenantId + "#WH#" + webhookId + "#DLV";
    }

    /** Zero-padded epoch milliseconds, then the id: string order is time order. */
    static String deliveriesSort(Instant at, String deliveryId) {
        return String.format("%013d#%s", at.toEpochMilli(), deliveryId);
    }

    /** The reminders due in one UTC hour: {@code pk=WHREMIND#<yyyy-MM-ddTHH>}, sorted by due time. */
    static String reminderHour(Instant due) {
        return "WHREMIND#" + HOUR.format(due);
    }

    static String reminderSort(Instant due, String tenantId, String subject, String subjectId, Instant expiresAt) {
        return String.format("%010d#%s#%s#%s#%d", due.getEpochSecond(), tenantId, subject, subjectId,
                expiresAt.getEpochSecond());
    }

    /** How far the reminder run has read: the first hour not yet read to its end. */
    static Map<String, AttributeValue> reminderCheckpoint() {
        return key("WHREMIND", "CHECKPOINT");
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
