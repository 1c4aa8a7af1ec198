package com.groupgate.storage.webhook;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.bool;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.webhook.DisabledReason;
import com.groupgate.webhook.Subscription;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookUrl;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A tenant's webhook endpoints, {@code pk=T#<tenant>, sk=WEBHOOK#<id>}: at most
 * {@link #MAX_PER_TENANT}, all read in one query (the dispatcher's fan-out and the list
 * route). The secret is stored only sealed.
 */
public final class WebhookTable {
    public static final int MAX_PER_TENANT = 20;
    /** How long the secret a rotation replaced still signs. */
    public static final java.time.Duration OVERLAP = java.time.Duration.ofHours(24);

    /** Every attribute an update names goes by a placeholder: some (URL, …) are DynamoDB reserved words. */
    private static final Map<String, String> NAMES = Map.of("#url", "url", "#events", "events",
            "#enabled", "enabled", "#failing", "failingSince", "#reason", "disabledReason");

    private final DynamoDbClient dynamo;
    private final String table;

    public WebhookTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void create(Webhook w) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.webhook(w.tenantId(), w.webhookId()));
        item.put("tenantId", s(w.tenantId().text()));
        item.put("webhookId", s(w.webhookId().text()));
        item.put("url", s(w.url().toString()));
        item.put("events", Attr.strings(w.subscription().wireNames()));
        if (w.description() != null) {
            item.put("description", s(w.description()));
        }
        item.put("enabled", bool(w.enabled()));
        item.put("createdAt", n(w.createdAt().getEpochSecond()));
        item.put("sealedSecret", b(w.sealedSecret()));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** Every endpoint of the tenant, in id order (one query: there are at most 20). */
    public List<Webhook> list(TenantId tenantId) {
        return dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :w)")
                .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.tenantPartition(tenantId)),
                        ":w", s(MainTableKeys.WEBHOOK_PREFIX)))
                .limit(MAX_PER_TENANT + 1)).items().stream().map(WebhookTable::from).toList();
    }

    public Optional<Webhook> find(TenantId tenantId, WebhookId webhookId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.webhook(tenantId, webhookId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    /** What PATCH changes; null fields stay. Enabling clears the failure count and the reason. */
    public record Change(WebhookUrl url, Subscription subscription, Boolean enabled) {
    }

    /** Applies {@code change}; the endpoint as it now is, or empty when there is none. */
    public Optional<Webhook> update(TenantId tenantId, WebhookId webhookId, Change change) {
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        Map<String, AttributeValue> values = new HashMap<>();
        if (change.url() != null) {
            set.append("#url = :url, ");
            values.put(":url", s(change.url().toString()));
        }
        if (change.subscription() != null) {
            set.append("#events = :events, ");
            values.put(":events", Attr.strings(change.subscription().wireNames()));
        }
        if (change.enabled() != null) {
            set.append("#enabled = :enabled, ");
            values.put(":enabled", bool(change.enabled()));
            if (change.enabled()) {
                remove.append(" REMOVE #failing, #reason");
            } else {
                set.append("#reason = :tenant, ");
                values.put(":tenant", s(DisabledReason.TENANT.wireName()));
            }
        }
        if (set.isEmpty()) {
            return find(tenantId, webhookId);
        }
        String expression = "SET " + set.substring(0, set.length() - 2) + remove;
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(MainTableKeys.webhook(tenantId, webhookId)).updateExpression(expression)
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(NAMES.entrySet().stream().filter(e -> expression.contains(e.getKey()))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(from(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Removes the endpoint; false when there was none. Its queued attempts find it gone and stop. */
    public boolean delete(TenantId tenantId, WebhookId webhookId) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(MainTableKeys.webhook(tenantId, webhookId))
                    .conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Puts in a new sealed secret; the one it replaces signs as well until {@code now + OVERLAP}. */
    public Optional<Webhook> rotate(TenantId tenantId, WebhookId webhookId, byte[] sealedNew, Instant now) {
        Optional<Webhook> current = find(tenantId, webhookId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(MainTableKeys.webhook(tenantId, webhookId))
                    .updateExpression("SET sealedSecret = :new, sealedPrevious = :old, previousUntil = :until")
                    .conditionExpression("sealedSecret = :old")
                    .expressionAttributeValues(Map.of(":new", b(sealedNew), ":old", b(current.get().sealedSecret()),
                            ":until", n(now.plus(OVERLAP).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(from(item));
        } catch (ConditionalCheckFailedException e) {
            return rotate(tenantId, webhookId, sealedNew, now); // rotated meanwhile: rotate what is there now
        }
    }

    /** Switches the endpoint off for {@code reason} ({@link DisabledReason#GONE}, {@link DisabledReason#FAILING}). */
    public void disable(TenantId tenantId, WebhookId webhookId, DisabledReason reason) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.webhook(tenantId, webhookId))
                    .updateExpression("SET #enabled = :off, #reason = :why")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#enabled", "enabled", "#reason", "disabledReason"))
                    .expressionAttributeValues(Map.of(":off", bool(false), ":why", s(reason.wireName()))));
        } catch (ConditionalCheckFailedException deleted) {
            // removed meanwhile: nothing to switch off
        }
    }

    /** Records a failed attempt: the endpoint has been failing since the first one after its last success. */
    public Optional<Instant> failed(TenantId tenantId, WebhookId webhookId, Instant at) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(MainTableKeys.webhook(tenantId, webhookId))
                    .updateExpression("SET #failing = if_not_exists(#failing, :at)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#failing", "failingSince"))
                    .expressionAttributeValues(Map.of(":at", n(at.getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(Instant.ofEpochSecond(Attr.num(item, "failingSince", at.getEpochSecond())));
        } catch (ConditionalCheckFailedException deleted) {
            return Optional.empty();
        }
    }

    /** A success ends the failing streak (written only when there was one). */
    public void succeeded(TenantId tenantId, WebhookId webhookId) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.webhook(tenantId, webhookId))
                    .updateExpression("REMOVE #failing").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#failing", "failingSince")));
        } catch (ConditionalCheckFailedException deleted) {
            // removed meanwhile
        }
    }

    static Webhook from(Map<String, AttributeValue> item) {
        return new Webhook(StoredValues.id(item, "tenantId", TenantId::parse),
                StoredValues.id(item, "webhookId", WebhookId::parse),
                new WebhookUrl(URI.create(Attr.str(item, "url"))),
                Subscription.parse(Attr.strList(item, "events")), Attr.str(item, "description"),
                item.get("enabled") != null && Boolean.TRUE.equals(item.get("enabled").bool()),
                Instant.ofEpochSecond(Attr.num(item, "createdAt", 0)), Attr.bytes(item, "sealedSecret"),
                Attr.bytes(item, "sealedPrevious"),
                item.containsKey("previousUntil") ? Instant.ofEpochSecond(Attr.num(item, "previousUntil", 0)) : null,
                item.containsKey("failingSince") ? Instant.ofEpochSecond(Attr.num(item, "failingSince", 0)) : null,
                item.containsKey("disabledReason") ? StoredValues.oneOf("disabledReason",
                        Attr.str(item, "disabledReason"), DisabledReason.values(), DisabledReason::wireName) : null);
    }
}
