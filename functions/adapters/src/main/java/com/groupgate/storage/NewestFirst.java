package com.groupgate.storage;

import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One page of a tenant's codes or live codes: one gsi1 partition of MainTable, newest
 * first by {@link MainTableKeys#listSort}, whose cursor is the last item's gsi1 sort key.
 * Both lists page this one way.
 */
public final class NewestFirst {
    private NewestFirst() {
    }

    /** The page's items as stored, and the cursor of the next page (null at the end). */
    public record Page(List<Map<String, AttributeValue>> items, String nextCursor) {
    }

    /**
     * Reads up to {@code limit} items of {@code index} after {@code cursor} (null: from the
     * newest). {@code parseId} reads the cursor's id; {@code itemKey} is the table key of the item a cursor's id names, which the
     * index's start key needs beside the index's own. A cursor is checked by the routes
     * ({@link MainTableKeys#listCursorId}) before it gets here.
     */
    public static <I> Page read(DynamoDbClient dynamo, String table, String index, int limit, String cursor,
            Function<String, Optional<I>> parseId, Function<I, Map<String, AttributeValue>> itemKey) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            start = new HashMap<>(itemKey.apply(MainTableKeys.listCursorId(cursor, parseId).orElseThrow()));
            start.put("gsi1pk", s(index));
            start.put("gsi1sk", s(cursor));
        }
        Map<String, AttributeValue> from = start;
        QueryResponse page = dynamo.query(q -> q.tableName(table).indexName("gsi1").limit(limit)
                .scanIndexForward(false)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(index)))
                .exclusiveStartKey(from));
        List<Map<String, AttributeValue>> items = page.items();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()
                ? Attr.str(items.get(items.size() - 1), "gsi1sk") : null;
        return new Page(items, next);
    }
}
