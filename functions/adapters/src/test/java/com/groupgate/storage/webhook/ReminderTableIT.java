package com.groupgate.storage.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.webhook.ExpiryReminders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ReminderTable against the emulated MainTable: reminders by the hour they fall due, read
 * up to now, deleted when done, expiring a day after their subject; the run's checkpoint.
 * Hours are shared by every tenant, so each test reads only its own tenant's reminders.
 */
class ReminderTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant HOUR = Instant.parse("2026-12-06T10:00:00Z");
    private final ReminderTable reminders = new ReminderTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    private ExpiryReminders.Reminder reminder(ExpiryReminders.Subject subject, String id, Instant due) {
        return new ExpiryReminders.Reminder(tenant, subject, id, due.plus(ExpiryReminders.AHEAD), due);
    }

    private List<ExpiryReminders.Reminder> mine(Instant hour, Instant now) {
        return reminders.due(hour, now).stream().map(ReminderTable.Due::reminder)
                .filter(r -> r.tenantId().equals(tenant)).toList();
    }

    @Test
    void remindersAreReadByTheirHourUpToNowAndRoundTrip() {
        ExpiryReminders.Reminder early = reminder(ExpiryReminders.Subject.CODE, CodeId.random().text(), HOUR.plusSeconds(60));
        ExpiryReminders.Reminder late = reminder(ExpiryReminders.Subject.ENTRY, GroupId.random().text(), HOUR.plusSeconds(3000));
        ExpiryReminders.Reminder nextHour = reminder(ExpiryReminders.Subject.CODE, CodeId.random().text(), HOUR.plusSeconds(3700));
        reminders.plan(early);
        reminders.plan(late);
        reminders.plan(nextHour);

        assertEquals(List.of(early), mine(HOUR, HOUR.plusSeconds(60)), "due by now only");
        assertEquals(List.of(early, late), mine(HOUR, HOUR.plusSeconds(3599)), "in due order");
        assertEquals(List.of(nextHour), mine(HOUR.plus(Duration.ofHours(1)), HOUR.plus(Duration.ofHours(2))));

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.key(MainTableKeys.reminderHour(early.dueAt()),
                MainTableKeys.reminderSort(early.dueAt(), tenant, "CODE", early.subjectId(), early.expiresAt())));
        assertEquals(early.expiresAt().plus(Duration.ofDays(1)).getEpochSecond(), Long.parseLong(item.get("ttl").n()));
        MainTableKeys.Parsed parsed = MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow();
        assertFalse(parsed.kind().tenantInKey(), "read by hour across tenants");
        assertEquals(tenant.text(), parsed.tenantId(), "the tenant is in the sort key");
    }

    @Test
    void aDoneReminderIsDeletedAndPlanningItAgainIsOneReminder() {
        ExpiryReminders.Reminder r = reminder(ExpiryReminders.Subject.ENTRY, GroupId.random().text(), HOUR.plusSeconds(120));
        reminders.plan(r);
        reminders.plan(r);
        List<ReminderTable.Due> due = reminders.due(HOUR, HOUR.plusSeconds(3599)).stream()
                .filter(d -> d.reminder().tenantId().equals(tenant)).toList();
        assertEquals(1, due.size());
        reminders.done(due.get(0));
        assertTrue(mine(HOUR, HOUR.plusSeconds(3599)).isEmpty());
    }

    @Test
    void theCheckpointKeepsTheHourTruncated() {
        reminders.advance(Instant.parse("2026-12-06T11:42:17Z"));
        assertEquals(Instant.parse("2026-12-06T11:00:00Z"), reminders.checkpoint().orElseThrow());
        reminders.advance(Instant.parse("2026-12-06T12:00:00Z"));
        assertEquals(Instant.parse("2026-12-06T12:00:00Z"), reminders.checkpoint().orElseThrow());
    }
}
