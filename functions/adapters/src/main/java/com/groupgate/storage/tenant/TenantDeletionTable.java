package com.groupgate.storage.tenant;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.tenant.TenantDeletion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Tenant deletions in progress and done, one item each: {@code pk=TENANTDEL, sk=<tenant>}.
 * They live outside the tenant's own keys, so sweeping the tenant away never removes the
 * record of it having been swept, and one query lists every deletion still running.
 * Each item carries where its phase stopped ({@link Position}) and a version: a save is
 * conditional on the version read, so two runs can never both move one deletion on.
 */
public final class TenantDeletionTable {
    private static final String PK = MainTableKeys.TENANT_DELETION;

    private final DynamoDbClient dynamo;
    private final String table;

    public TenantDeletionTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Where a phase stopped: a table's last key, or an object prefix's number and listing token; null at the start. */
    public record Position(String first, String second) {
    }

    /** A deletion as stored: the domain value, where its phase stopped, and the version read. */
    public record Job(TenantDeletion deletion, Position position, long version) {
    }

    /**
     * Starts deleting {@code tenantId} at {@code now}, or answers the deletion already
     * started: asking twice is one deletion.
     */
    public Job start(TenantId tenantId, Instant now) {
        // Stored to the millisecond: the answer says what a later read will say.
        Job fresh = new Job(TenantDeletion.started(tenantId, now.truncatedTo(ChronoUnit.MILLIS)), null, 1);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(fresh)).conditionExpression("attribute_not_exists(pk)"));
            return fresh;
        } catch (ConditionalCheckFailedException started) {
            return find(tenantId).orElseThrow(() -> started);
        }
    }

    public Optional<Job> find(TenantId tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.tenantDeletion(tenantId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(job(item));
    }

    /** Every deletion not yet done (deletions are rare: one query, unpaged up to 1 MB). */
    public List<Job> running() {
        return dynamo.query(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").filterExpression("#phase <> :done")
                        .expressionAttributeNames(Map.of("#phase", "phase"))
                        .expressionAttributeValues(Map.of(":pk", s(PK),
                                ":done", s(TenantDeletion.Phase.DONE.wireName()))))
                .items().stream().map(TenantDeletionTable::job).toList();
    }

    /**
     * Stores {@code deletion} at {@code position} over {@code read}; false when another run
     * saved it since (this run then stops: the other one carries on).
     */
    public boolean save(Job read, TenantDeletion deletion, Position position) {
        Job next = new Job(deletion, position, read.version() + 1);
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(next)).conditionExpression("#v = :read")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":read", n(read.version()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Job job) {
        TenantDeletion d = job.deletion();
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.tenantDeletion(d.tenantId()));
        item.put("phase", s(d.phase().wireName()));
        item.put("startedAt", n(d.startedAt().toEpochMilli()));
        item.put("updatedAt", n(d.updatedAt().toEpochMilli()));
        item.put("itemsDeleted", n(d.itemsDeleted()));
        item.put("objectsDeleted", n(d.objectsDeleted()));
        item.put("version", n(job.version()));
        if (d.accessRemovedAt() != null) {
            item.put("accessRemovedAt", n(d.accessRemovedAt().toEpochMilli()));
        }
        if (d.finishedAt() != null) {
            item.put("finishedAt", n(d.finishedAt().toEpochMilli()));
        }
        if (job.position() != null) {
            item.put("positionFirst", s(job.position().first()));
            if (job.position().second() != null) {
                item.put("positionSecond", s(job.position().second()));
            }
        }
        return item;
    }

    private static Job job(Map<String, AttributeValue> item) {
        TenantDeletion d = new TenantDeletion(StoredValues.id(item, "sk", TenantId::parse),
                TenantDeletion.Phase.parse(Attr.str(item, "phase")), instant(item, "startedAt"),
                instant(item, "accessRemovedAt"), Attr.num(item, "itemsDeleted", 0), Attr.num(item, "objectsDeleted", 0),
                instant(item, "updatedAt"), instant(item, "finishedAt"));
        String first = Attr.str(item, "positionFirst");
        return new Job(d, first == null ? null : new Position(first, Attr.str(item, "positionSecond")),
                Attr.num(item, "version", 1));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochMilli(Attr.num(item, name, 0)) : null;
    }
}
