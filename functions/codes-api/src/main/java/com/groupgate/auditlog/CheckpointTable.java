package com.groupgate.auditlog;

import static com.groupgate.aws.Attr.b;
import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The signed checkpoints of each log ({@code C#<size>} in the log's partition), and which
 * logs grew since their last one: an append sets the head's {@code grown} attribute, which
 * the sparse index {@code grown} lists (keys only, so later appends do not write it), and
 * storing a checkpoint of the head's current size removes it.
 */
public final class CheckpointTable {
    static final String GROWN = "grown";
    static final String GROWN_INDEX = "grown";

    private final DynamoDbClient dynamo;
    private final String table;

    public CheckpointTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One signed checkpoint as stored. */
    public record Stored(String origin, long size, String rootHash, String note, byte[] signature, String signedNote,
                         String keyId, Instant at) {
    }

    public Optional<Stored> latest(String logId) {
        QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true).scanIndexForward(false).limit(1)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", s(AuditKeys.pk(logId)), ":c", s(AuditKeys.CHECKPOINT_PREFIX))));
        return page.items().stream().findFirst().map(CheckpointTable::from);
    }

    /**
     * Stores {@code c} (once per size: a second signing of the same size keeps the first)
     * and, when the log has not grown meanwhile, takes it off the grown index.
     */
    public void store(String logId, Stored c) {
        Map<String, AttributeValue> item = new HashMap<>(AuditKeys.checkpoint(logId, c.size()));
        item.put("origin", s(c.origin()));
        item.put("size", n(c.size()));
        item.put("rootHash", s(c.rootHash()));
        item.put("note", s(c.note()));
        item.put("signature", b(c.signature()));
        item.put("signedNote", s(c.signedNote()));
        item.put("keyId", s(c.keyId()));
        item.put("at", n(c.at().toEpochMilli()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException signedBefore) {
            // the same size was signed by another run: one checkpoint per size is enough
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(AuditKeys.head(logId))
                    .updateExpression("SET checkpointSize = :size REMOVE " + GROWN)
                    .conditionExpression("#size = :size")
                    .expressionAttributeNames(Map.of("#size", AuditLogTable.SIZE))
                    .expressionAttributeValues(Map.of(":size", n(c.size()))));
        } catch (ConditionalCheckFailedException grewMeanwhile) {
            // stays on the index for the next run
        }
    }

    /** The logs that grew since their last checkpoint (the sparse index, all pages). */
    public List<String> grownLogs() {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(GROWN_INDEX)
                    .keyConditionExpression("#g = :g").expressionAttributeNames(Map.of("#g", GROWN))
                    .expressionAttributeValues(Map.of(":g", s(AuditLogTable.GROWN_VALUE))).exclusiveStartKey(from));
            page.items().forEach(i -> out.add(i.get("pk").s().substring("LOG#".length())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Stored from(Map<String, AttributeValue> item) {
        return new Stored(Attr.str(item, "origin"), Attr.num(item, "size", 0), Attr.str(item, "rootHash"),
                Attr.str(item, "note"), Attr.bytes(item, "signature"), Attr.str(item, "signedNote"),
                Attr.str(item, "keyId"), Instant.ofEpochMilli(Attr.num(item, "at", 0)));
    }
}
