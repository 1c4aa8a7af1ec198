package com.groupgate.api;

import com.groupgate.audit.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The audit table as stored, read by the tests with the emulator's own client (not the service's code). */
final class AuditItems {
    private AuditItems() {
    }

    static String table() {
        return ApiTestbed.aws().resources().table("AuditTable");
    }

    /** How many entries every log together holds: a full scan. */
    static long entryCount() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ApiTestbed.aws().clients().dynamo().scan(s -> s.tableName(table()).select(Select.COUNT)
                    .filterExpression("begins_with(sk, :e)").expressionAttributeValues(Map.of(":e",
                            AttributeValue.fromS("E#"))).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** The raw items of one log's partition whose sort key starts with {@code prefix}, in key order. */
    static List<Map<String, AttributeValue>> items(String logId, String prefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ApiTestbed.aws().clients().dynamo().query(q -> q.tableName(table())
                    .consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LOG#" + logId),
                            ":p", AttributeValue.fromS(prefix))).exclusiveStartKey(from));
            out.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** One log's entries as stored, in index order. */
    static List<AuditEntry> entries(String logId) {
        return items(logId, "E#").stream().map(i -> AuditEntry.fromLeafInput(i.get("leafInput").b().asByteArray()))
                .toList();
    }

    static long size(String logId) {
        Map<String, AttributeValue> head = ApiTestbed.aws().clients().dynamo().getItem(g -> g.tableName(table())
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS("LOG#" + logId),
                        "sk", AttributeValue.fromS("HEAD")))).item();
        return head == null || head.isEmpty() ? 0 : Long.parseLong(head.get("treeSize").n());
    }
}
