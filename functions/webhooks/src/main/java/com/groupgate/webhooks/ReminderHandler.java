package com.groupgate.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.code.Channel;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.config.Wiring;
import com.groupgate.group.Group;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.storage.webhook.ReminderTable;
import com.groupgate.telemetry.Log;
import com.groupgate.webhook.ExpiryReminders;
import com.groupgate.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scheduled run (EventBridge Scheduler, every 5 minutes) that says what expires within
 * a day: reads the reminders due since the last run, hour by hour from its checkpoint,
 * checks that each code or entry still expires then (a revoked or replaced code, a changed
 * entry, says nothing), emits {@code code.expiring} or {@code group.entry_expiring} into the
 * outbox — once per code, once per entry and expiry, as the event ids are derived — and
 * deletes the reminder. A retried run finds the events stored and emits nothing twice.
 *
 * <p>A schedule rather than a TTL: DynamoDB deletes expired items lazily (within days), so
 * no expiry can be heard on time from the stream.
 */
public final class ReminderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** On the first run, how far back to look: reminders planned just before it started. */
    static final Duration FIRST_LOOK_BACK = Duration.ofHours(25);

    private final ReminderTable reminders;
    private final Outbox outbox;
    private final CodeTable codes;
    private final GroupTable groups;
    private final Clock clock;

    public ReminderHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReminderHandler(Wiring wiring) {
        DynamoDbClient dynamo = wiring.aws().dynamo();
        String table = wiring.config().mainTable();
        this.codes = new CodeTable(dynamo, table);
        this.groups = new GroupTable(dynamo, table);
        this.reminders = new ReminderTable(dynamo, table);
        this.outbox = new Outbox(dynamo, table);
        this.clock = wiring.clock();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduled, Context context) {
        Instant now = clock.instant();
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        Instant hour = reminders.checkpoint().orElse(thisHour.minus(FIRST_LOOK_BACK));
        int emitted = 0;
        int skipped = 0;
        for (; !hour.isAfter(thisHour); hour = hour.plus(Duration.ofHours(1))) {
            for (ReminderTable.Due due : reminders.due(hour, now)) {
                Optional<Map<String, Object>> data = stillExpiring(due.reminder());
                if (data.isPresent()) {
                    WebhookEvent event = due.reminder().event(data.get());
                    emitted += outbox.emit(event, null, now) ? 1 : 0;
                } else {
                    skipped++;
                }
                reminders.done(due);
            }
            if (hour.isBefore(thisHour)) {
                reminders.advance(hour.plus(Duration.ofHours(1)));
            }
        }
        Log.info("webhooks.reminders", Map.of("emitted", emitted, "skipped", skipped));
        return Map.of("emitted", emitted, "skipped", skipped);
    }

    /** The event's data when what the reminder names still expires as planned; empty when not. */
    private Optional<Map<String, Object>> stillExpiring(ExpiryReminders.Reminder r) {
        Optional<TenantId> tenant = Optional.of(r.tenantId());
        Optional<Id> subject = Id.parse(r.subjectId());
        if (tenant.isEmpty() || subject.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.subject() == ExpiryReminders.Subject.CODE) {
            Optional<GroupCode> code = codes.find(tenant.get(), new CodeId(subject.get()));
            if (code.isEmpty() || code.get().status() != CodeStatus.ACTIVE
                    || code.get().expiresAt() != r.expiresAt().getEpochSecond()) {
                return Optional.empty();
            }
            data.put("codeId", r.subjectId());
            data.put("groupId", code.get().groupId().text());
            data.put("channel", Channel.textOrNull(code.get().channel()));
        } else {
            Optional<Group> group = groups.find(tenant.get(), new GroupId(subject.get()));
            Optional<Instant> expiry = group.map(Group::entry).flatMap(e -> e.expiresAt());
            if (expiry.isEmpty() || !expiry.get().equals(r.expiresAt())) {
                return Optional.empty();
            }
            data.put("groupId", r.subjectId());
            data.put("name", group.get().name());
            data.put("platform", group.get().entry().platform().wireName());
        }
        data.put("expiresAt", r.expiresAt().toString());
        return Optional.of(data);
    }
}
