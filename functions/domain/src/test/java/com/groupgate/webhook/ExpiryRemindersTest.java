package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpiryRemindersTest {
    private static final Instant AT = Instant.parse("2026-11-27T08:00:00Z");

    private static Map<String, Object> code(Duration life) {
        return Map.of("tenantId", "tenantoneaaaa", "codeId", "c1", "issuedAt", AT.getEpochSecond(),
                "expiresAt", AT.plus(life).getEpochSecond());
    }

    @Test
    void aCodeIsRemindedOfADayBeforeItExpires() {
        var reminders = ExpiryReminders.of(new ItemChange(ItemChange.Kind.CODE, "r", AT, Map.of(),
                code(Duration.ofHours(72))));
        assertEquals(1, reminders.size());
        assertEquals(AT.plus(Duration.ofHours(48)), reminders.get(0).dueAt());
        assertEquals(WebhookEventType.CODE_EXPIRING, reminders.get(0).event(Map.of()).type());
        assertEquals(reminders.get(0).event(Map.of()).id(), reminders.get(0).event(Map.of("x", 1)).id(),
                "one event per code");
    }

    @Test
    void aCodeLivingADayOrLessGetsNone() {
        assertEquals(List.of(), ExpiryReminders.of(new ItemChange(ItemChange.Kind.CODE, "r", AT, Map.of(),
                code(Duration.ofHours(24)))));
    }

    @Test
    void anEntrysNewExpiryIsReminded() {
        Map<String, Object> before = Map.of("tenantId", "tenantoneaaaa", "groupId", "g1");
        Map<String, Object> week = Map.of("tenantId", "tenantoneaaaa", "groupId", "g1",
                "entry", Map.of("expiresAt", AT.plus(Duration.ofDays(7)).getEpochSecond()));
        Map<String, Object> soon = Map.of("tenantId", "tenantoneaaaa", "groupId", "g1",
                "entry", Map.of("expiresAt", AT.plus(Duration.ofHours(3)).getEpochSecond()));
        assertEquals(AT.plus(Duration.ofDays(6)), ExpiryReminders.of(new ItemChange(ItemChange.Kind.GROUP, "r", AT,
                before, week)).get(0).dueAt());
        assertEquals(AT, ExpiryReminders.of(new ItemChange(ItemChange.Kind.GROUP, "r", AT, before, soon)).get(0)
                .dueAt(), "inside the window: at once");
        assertEquals(List.of(), ExpiryReminders.of(new ItemChange(ItemChange.Kind.GROUP, "r", AT, week, week)),
                "an unchanged expiry is not reminded twice");
    }
}
