package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {
    private static final Instant AT = Instant.parse("2026-11-27T08:00:00Z");

    private static Map<String, Object> joinFact(String id) {
        return Map.of("id", id, "type", "JOIN", "at", AT.toEpochMilli(), "outcome", "joined", "tenantId", "tenantoneaaaa",
                "groupId", "g1", "codeId", "c1", "channel", "campus");
    }

    private static ItemChange change(ItemChange.Kind kind, String record, Map<String, Object> old,
                                     Map<String, Object> now) {
        return new ItemChange(kind, record, AT, old, now);
    }

    @Test
    void aNewMemberIsOneJoinedEventWhoseIdComesFromItsFact() {
        Map<String, Object> member = Map.of("memberRef", "m-1", "joinedAt", AT.getEpochSecond(), "fact", joinFact("F1"));
        List<WebhookEvent> first = ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r1", Map.of(), member));
        List<WebhookEvent> again = ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r1", Map.of(), member));
        assertEquals(1, first.size());
        WebhookEvent e = first.get(0);
        assertEquals(WebhookEventType.MEMBER_JOINED, e.type());
        assertEquals("tenantoneaaaa", e.tenantId().text());
        assertEquals("evt_dej5mjhrmvekvbe6gjacnei3ps", e.id(), "derived from the tenant's text, as before it was typed");
        assertEquals(Map.of("groupId", "g1", "memberRef", "m-1", "joinedAt", "2026-11-27T08:00:00Z", "codeId", "c1",
                "channel", "campus"), e.data());
        assertEquals(first, again, "the same change read twice is the same event");
        assertNotEquals(e.id(), ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r2", Map.of(),
                Map.of("memberRef", "m-1", "fact", joinFact("F2")))).get(0).id(), "another join, another id");
    }

    @Test
    void aRemovedMemberIsMemberRemoved() {
        Map<String, Object> member = Map.of("memberRef", "m-1", "fact", joinFact("F1"));
        List<WebhookEvent> events = ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r9", member, Map.of()));
        assertEquals(List.of(WebhookEventType.MEMBER_REMOVED), events.stream().map(WebhookEvent::type).toList());
        assertEquals(Map.of("groupId", "g1", "memberRef", "m-1"), events.get(0).data());
    }

    @Test
    void anErasedMemberIsRemovedUnderTheErasuresHashAndNeverByItsRef() {
        Map<String, Object> member = Map.of("memberRef", "m-1", "sk", "MEMBER#m-1", "erasedAs", "h4sh",
                "fact", joinFact("F1"));
        List<WebhookEvent> events = ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r9", member, Map.of()));
        assertEquals(List.of(WebhookEventType.MEMBER_REMOVED), events.stream().map(WebhookEvent::type).toList());
        assertEquals(Map.of("groupId", "g1", "memberRefHash", "h4sh", "erased", true), events.get(0).data());
        assertNotEquals(ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r9", Map.of("memberRef", "m-1",
                "fact", joinFact("F1")), Map.of())).get(0).id(), events.get(0).id(), "its id is not the removal's");
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.MEMBER, "r8", Map.of("memberRef", "m-1",
                "fact", joinFact("F1")), member)), "marking the item before deleting it is no event");
    }

    @Test
    void requestsAreRequestedThenApprovedOrRejectedOnce() {
        Map<String, Object> pending = Map.of("requestId", "q1", "groupId", "g1", "memberRef", "m", "status", "pending",
                "createdAt", AT.getEpochSecond(), "pendingFact", joinFact("F"));
        Map<String, Object> joined = new java.util.HashMap<>(pending);
        joined.put("status", "joined");
        Map<String, Object> rejected = new java.util.HashMap<>(pending);
        rejected.put("status", "rejected");
        assertEquals(WebhookEventType.JOIN_REQUESTED,
                ChangeEvents.of(change(ItemChange.Kind.JOIN_REQUEST, "a", Map.of(), pending)).get(0).type());
        assertEquals(WebhookEventType.JOIN_APPROVED,
                ChangeEvents.of(change(ItemChange.Kind.JOIN_REQUEST, "b", pending, joined)).get(0).type());
        assertEquals(WebhookEventType.JOIN_REJECTED,
                ChangeEvents.of(change(ItemChange.Kind.JOIN_REQUEST, "c", pending, rejected)).get(0).type());
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.JOIN_REQUEST, "d", joined, joined)));
    }

    @Test
    void aGroupIsFullOnlyWhenItsLastSeatIsTaken() {
        Map<String, Object> nine = Map.of("tenantId", "tenantoneaaaa", "groupId", "g1", "members", 9L, "capacity", 10L);
        Map<String, Object> ten = Map.of("tenantId", "tenantoneaaaa", "groupId", "g1", "members", 10L, "capacity", 10L);
        assertEquals(WebhookEventType.GROUP_FULL, ChangeEvents.of(change(ItemChange.Kind.GROUP, "r", nine, ten))
                .get(0).type());
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.GROUP, "r", ten, ten)), "still full: no event");
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.GROUP, "r", Map.of(), nine)));
    }

    @Test
    void theFirstRefusalOfTheDayAndEveryLaterOneAreTheSameEvent() {
        Map<String, Object> before = Map.of("status", "active", "daily", Map.of("2026-11-27", 2L),
                "fact", Map.of("id", "S2"));
        List<WebhookEvent> first = ChangeEvents.of(change(ItemChange.Kind.CODE_COUNTER, "r3", before,
                counter("S3", 3L)));
        List<WebhookEvent> later = ChangeEvents.of(change(ItemChange.Kind.CODE_COUNTER, "r4", counter("S3", 3L),
                counter("S4", 4L)));
        assertEquals(WebhookEventType.CODE_DAILY_LIMIT_REACHED, first.get(0).type());
        assertEquals(first.get(0).id(), later.get(0).id(), "one event per code and day");
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.CODE_COUNTER, "r2", Map.of(),
                counter("S2", 2L))), "within the cap: nothing");
        assertEquals(List.of(), ChangeEvents.of(change(ItemChange.Kind.CODE_COUNTER, "r5", counter("S4", 4L),
                counter("S4", 4L))), "no new scan: nothing");
    }

    private static Map<String, Object> counter(String factId, long count) {
        return Map.of("status", "active", "daily", Map.of("2026-11-27", count), "fact", Map.of("id", factId,
                "tenantId", "tenantoneaaaa", "codeId", "c1", "groupId", "g1", "day", "2026-11-27", "cap", 2L,
                "at", AT.toEpochMilli()));
    }

    @Test
    void anExhaustedLivePoolIsOneEventADay() {
        Map<String, Object> fact = Map.of("fact", Map.of("id", "X1", "tenantId", "tenantoneaaaa", "liveCodeId", "l1",
                "outcome", "group_full", "at", AT.toEpochMilli()));
        Map<String, Object> other = Map.of("fact", Map.of("id", "X2", "tenantId", "tenantoneaaaa", "liveCodeId", "l1",
                "outcome", "group_full", "at", AT.plusSeconds(60).toEpochMilli()));
        WebhookEvent a = ChangeEvents.of(change(ItemChange.Kind.FACT, "r", Map.of(), fact)).get(0);
        WebhookEvent b = ChangeEvents.of(change(ItemChange.Kind.FACT, "s", Map.of(), other)).get(0);
        assertEquals(WebhookEventType.LIVE_CODE_POOL_EXHAUSTED, a.type());
        assertEquals(a.id(), b.id());
        assertTrue(WebhookEvent.ID.matcher(a.id()).matches());
    }
}
