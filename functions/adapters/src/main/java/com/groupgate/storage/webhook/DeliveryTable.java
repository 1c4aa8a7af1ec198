package com.groupgate.storage.webhook;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.hash.Sha256;
import com.groupgate.id.Base32;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.MainTableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Every delivery attempt, {@code pk=T#<t>#WH#<webhook>, sk=DLV#<delivery>}, listed newest
 * first through gsi1. A delivery's id is derived from its endpoint, event, chain and
 * attempt number, and its write is conditioned on being new: of two copies of one queued
 * attempt (at-least-once queues hand some out twice) only the first records and goes on.
 */
public final class DeliveryTable {
    public static final Duration KEEP = Duration.ofDays(30);
    public static final Pattern ID = Pattern.compile("dlv_[a-z2-7]{26}");

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * One attempt as listed.
     *
     * @param status       {@code delivered}, {@code failed} or {@code gone}
     * @param responseCode the endpoint's HTTP status, or null when it did not answer
     * @param final_       whether no further attempt of its chain follows
     */
    public record Attempt(String deliveryId, String eventId, String type, int attempt, String status,
                          Integer responseCode, Instant at, boolean final_) {
    }

    public record Page(List<Attempt> items, String nextCursor) {
    }

    /** The id of attempt {@code attempt} of {@code chain} of an event to an endpoint. */
    public static String deliveryId(WebhookId webhookId, String eventId, String chain, int attempt) {
        byte[] digest = Sha256.of(webhookId.text() + "\n" + eventId + "\n" + chain + "\n" + attempt);
        return "dlv_" + Base32.encode(java.util.Arrays.copyOf(digest, 17)).substring(0, 26).toLowerCase(Locale.ROOT);
    }

    /** Records an attempt; false when this attempt was recorded before (a second copy of it). */
    public boolean record(TenantId tenantId, WebhookId webhookId, String chain, Attempt a) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.delivery(tenantId, webhookId, a.deliveryId()));
        item.put("deliveryId", s(a.deliveryId()));
        item.put("eventId", s(a.eventId()));
        item.put("type", s(a.type()));
        item.put("attempt", n(a.attempt()));
        item.put("status", s(a.status()));
        if (a.responseCode() != null) {
            item.put("responseCode", n(a.responseCode()));
        }
        item.put("at", n(a.at().toEpochMilli()));
        item.put("chain", s(chain));
        item.put("final", com.groupgate.aws.Attr.bool(a.final_()));
        item.put("gsi1pk", s(MainTableKeys.deliveriesIndex(tenantId, webhookId)));
        item.put("gsi1sk", s(MainTableKeys.deliveriesSort(a.at(), a.deliveryId())));
        item.put("ttl", n(a.at().plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException recorded) {
            return false;
        }
    }

    public Optional<Attempt> find(TenantId tenantId, WebhookId webhookId, String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.delivery(tenantId, webhookId, deliveryId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    /** One page of an endpoint's attempts, newest first: one query of at most {@code limit} items. */
    public Page page(TenantId tenantId, WebhookId webhookId, int limit, String cursor) {
        String index = MainTableKeys.deliveriesIndex(tenantId, webhookId);
        Map<String, AttributeValue> start = cursor == null ? null : Map.of("gsi1pk", s(index), "gsi1sk", s(cursor),
                "pk", MainTableKeys.delivery(tenantId, webhookId, MainTableKeys.deliveryIdOfSort(cursor)).get("pk"),
                "sk", MainTableKeys.delivery(tenantId, webhookId, MainTableKeys.deliveryIdOfSort(cursor)).get("sk"));
        QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1").limit(limit)
                .scanIndexForward(false).keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(index))).exclusiveStartKey(start));
        List<Attempt> items = page.items().stream().map(DeliveryTable::from).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? Attr.str(page.items().get(items.size() - 1), "gsi1sk") : null;
        return new Page(items, next);
    }

    public static boolean isCursor(String text) {
        return MainTableKeys.isDeliveriesCursor(text);
    }

    private static Attempt from(Map<String, AttributeValue> item) {
        return new Attempt(Attr.str(item, "deliveryId"), Attr.str(item, "eventId"), Attr.str(item, "type"),
                (int) Attr.num(item, "attempt", 1), Attr.str(item, "status"),
                item.containsKey("responseCode") ? (int) Attr.num(item, "responseCode", 0) : null,
                Instant.ofEpochMilli(Attr.num(item, "at", 0)),
                item.get("final") != null && Boolean.TRUE.equals(item.get("final").bool()));
    }
}
