package com.groupgate.storage.export;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportKind;
import com.groupgate.export.ExportStatus;
import com.groupgate.id.ExportId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Export jobs, one item each ({@code pk=T#<t>#EXPORT#<id>, sk=EXPORT}), the single owner of
 * their stored shape. A job is queued by the API, taken by the worker (each take counted in
 * {@code attempts}), and finished once: done with its row count, or failed. A finished job is
 * never taken again, so a queue's second delivery of its message writes nothing.
 * Jobs expire with their file ({@link #KEEP}).
 */
public final class ExportTable {
    /** How long a job and its file are kept: the bucket's lifecycle removes the file after a day too. */
    public static final Duration KEEP = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public ExportTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores a new queued job; false when a job of that id exists (an Idempotency-Key seen before). */
    public boolean create(ExportJob job) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.export(job.tenantId(), job.exportId()));
        item.put("tenantId", s(job.tenantId().toString()));
        item.put("exportId", s(job.exportId().toString()));
        item.put("kind", s(job.kind().wire()));
        item.put("from", n(job.from().getEpochSecond()));
        item.put("to", n(job.to().getEpochSecond()));
        if (job.groupId() != null) {
            item.put("groupId", s(job.groupId().toString()));
        }
        item.put("status", s(job.status().wire()));
        item.put("rows", n(job.rows()));
        item.put("attempts", n(0));
        item.put("createdAt", n(job.createdAt().getEpochSecond()));
        item.put("ttl", n(job.createdAt().plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<ExportJob> find(TenantId tenantId, ExportId exportId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.export(tenantId, exportId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    /**
     * Takes a job to run: queued or running (a take that died is taken again, from the
     * start) becomes running. Empty when it is finished or gone: nothing to do.
     */
    public Optional<ExportJob> take(TenantId tenantId, ExportId exportId) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(MainTableKeys.export(tenantId, exportId))
                    .updateExpression("SET #st = :running, attempts = attempts + :one")
                    .conditionExpression("#st IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":running", s(ExportStatus.RUNNING.wire()),
                            ":queued", s(ExportStatus.QUEUED.wire()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(from(item));
        } catch (ConditionalCheckFailedException finishedOrGone) {
            return Optional.empty();
        }
    }

    /** Done: its file is complete with {@code rows} data rows. False when it was finished already. */
    public boolean done(TenantId tenantId, ExportId exportId, long rows, Instant at) {
        return finish(tenantId, exportId, ExportStatus.DONE, rows, at);
    }

    /** Failed for good (its message is past its last try). False when it was finished already. */
    public boolean failed(TenantId tenantId, ExportId exportId, Instant at) {
        return finish(tenantId, exportId, ExportStatus.FAILED, 0, at);
    }

    private boolean finish(TenantId tenantId, ExportId exportId, ExportStatus status, long rows, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.export(tenantId, exportId))
                    .updateExpression("SET #st = :st, #rows = :rows, finishedAt = :at")
                    .conditionExpression("#st IN (:queued, :running)")
                    .expressionAttributeNames(Map.of("#st", "status", "#rows", "rows"))
                    .expressionAttributeValues(Map.of(":st", s(status.wire()), ":rows", n(rows),
                            ":at", n(at.getEpochSecond()), ":queued", s(ExportStatus.QUEUED.wire()),
                            ":running", s(ExportStatus.RUNNING.wire()))));
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }

    /** The file of an export: {@code exports/<tenant>/<exportId>.csv}, private, served only presigned. */
    public static String objectKey(TenantId tenantId, ExportId exportId) {
        return "exports/" + tenantId + "/" + exportId + ".csv";
    }

    static ExportJob from(Map<String, AttributeValue> item) {
        String group = Attr.str(item, "groupId");
        return new ExportJob(TenantId.parse(Attr.str(item, "tenantId")).orElseThrow(),
                ExportId.parse(Attr.str(item, "exportId")).orElseThrow(), ExportKind.parse(Attr.str(item, "kind")),
                Instant.ofEpochSecond(Attr.num(item, "from", 0)), Instant.ofEpochSecond(Attr.num(item, "to", 0)),
                group == null ? null : GroupId.parse(group).orElseThrow(), ExportStatus.parse(Attr.str(item, "status")),
                Attr.num(item, "rows", 0), Instant.ofEpochSecond(Attr.num(item, "createdAt", 0)));
    }
}
