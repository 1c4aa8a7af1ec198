package com.groupgate.storage.webhook;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.webhook.ExpiryReminders;
import com.groupgate.webhook.ExpiryReminders.Reminder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Expiry reminders by the UTC hour they fall due, {@code pk=WHREMIND#<hour>}, sorted by due
 * time, so a scheduled run reads the hours since it last finished and nothing else: its
 * work is bounded by the reminders due, never by how many codes exist. A reminder is
 * deleted once its event is stored; the checkpoint names the first hour not yet read to
 * its end.
 */
public final class ReminderTable {
    private final DynamoDbClient dynamo;
    private final String table;

    public ReminderTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A stored reminder and its key (to delete it once done). */
    public record Due(Reminder reminder, Map<String, AttributeValue> key) {
    }

    public void plan(Reminder r) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.key(MainTableKeys.reminderHour(r.dueAt()),
                MainTableKeys.reminderSort(r.dueAt(), r.tenantId(), r.subject().name(), r.subjectId(), r.expiresAt())));
        item.put("tenantId", s(r.tenantId().text()));
        item.put("subject", s(r.subject().name()));
        item.put("subjectId", s(r.subjectId()));
        item.put("expiresAt", n(r.expiresAt().getEpochSecond()));
        item.put("dueAt", n(r.dueAt().getEpochSecond()));
        item.put("ttl", n(r.expiresAt().plus(Duration.ofDays(1)).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    /** The reminders of {@code hour} due by {@code now}. */
    public List<Due> due(Instant hour, Instant now) {
        List<Due> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String last = String.format("%010d~", now.getEpochSecond());
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk <= :last")
                    .expressionAttributeValues(Map.of(":pk", s(MainTableKeys.reminderHour(hour)), ":last", s(last)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                out.add(new Due(new Reminder(StoredValues.id(item, "tenantId", TenantId::parse),
                        ExpiryReminders.Subject.valueOf(Attr.str(item, "subject")), Attr.str(item, "subjectId"),
                        Instant.ofEpochSecond(Attr.num(item, "expiresAt", 0)),
                        Instant.ofEpochSecond(Attr.num(item, "dueAt", 0))),
                        Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    public void done(Due due) {
        dynamo.deleteItem(d -> d.tableName(table).key(due.key()));
    }

    /** The first hour not yet read to its end, or empty before the first run. */
    public Optional<Instant> checkpoint() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MainTableKeys.reminderCheckpoint())).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(Attr.num(item, "hour", 0)));
    }

    public void advance(Instant hour) {
        Map<String, AttributeValue> item = new HashMap<>(MainTableKeys.reminderCheckpoint());
        item.put("hour", n(hour.truncatedTo(ChronoUnit.HOURS).getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }
}
