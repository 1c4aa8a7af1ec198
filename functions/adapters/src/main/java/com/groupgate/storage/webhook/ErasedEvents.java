package com.groupgate.storage.webhook;

import static com.groupgate.aws.Attr.s;

import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.webhook.WebhookEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The stored webhook events (and redeliveries) that name one member, dropped when the
 * member is erased: kept for 30 days for redelivery, each would otherwise send the ref
 * again. Found through gsi1 ({@link com.groupgate.storage.MainTableKeys#memberEventsIndex}); a queued attempt of a
 * dropped event is not sent ({@link Outbox#kept}). Safe to repeat.
 */
public final class ErasedEvents {
    private final DynamoDbClient dynamo;
    private final String table;

    public ErasedEvents(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Deletes the stored events with these ids, and their redeliveries: the events the
     * erased member's items caused, found by their derived ids ({@link WebhookEvent#idOf}) —
     * which reaches events stored before events were listed by member. One query each.
     */
    public int eraseById(TenantId tenantId, List<String> eventIds) {
        int erased = 0;
        for (String eventId : eventIds) {
            String pk = MainTableKeys.event(tenantId, eventId).get("pk").s();
            for (Map<String, AttributeValue> item : dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
                    .projectionExpression("pk, sk")).items()) {
                dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
                erased++;
            }
        }
        return erased;
    }

    /** Deletes every stored event and redelivery of {@code tenantId} naming {@code memberRef}; how many. */
    public int erase(TenantId tenantId, String memberRef) {
        String index = MainTableKeys.memberEventsIndex(tenantId, memberRef);
        int erased = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk").expressionAttributeValues(Map.of(":pk", s(index)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
                erased++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return erased;
    }
}
