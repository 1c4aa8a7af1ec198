package com.groupgate.storage.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.webhook.WebhookEvent;
import com.groupgate.webhook.WebhookEventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Outbox against the emulated MainTable: an event stored once under its tenant, kept for redelivery, indexed by member. */
class OutboxIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private final Outbox outbox = new Outbox(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    private WebhookEvent joined(String memberRef) {
        return WebhookEvent.of(WebhookEventType.MEMBER_JOINED, tenant, NOW, Map.of("memberRef", memberRef),
                UUID.randomUUID().toString());
    }

    @Test
    void theSameHappeningIsStoredOnceUnderItsTenantAndKeptForRedelivery() {
        WebhookEvent e = joined("alice");
        assertTrue(outbox.emit(e, null, NOW));
        assertFalse(outbox.emit(e, null, NOW.plusSeconds(1)), "stored before");

        Outbox.Item item = outbox.event(tenant, e.id(), NOW).orElseThrow();
        assertEquals(e.id(), item.eventId());
        assertEquals("member.joined", item.type());
        assertEquals(Outbox.FIRST_CHAIN, item.chain());
        assertNull(item.target());
        assertFalse(item.dispatched());
        assertEquals(MainTableKeys.memberEventsIndex(tenant, "alice"), item.memberIndex());

        Map<String, AttributeValue> stored = TABLES.item(TABLES.main(), MainTableKeys.event(tenant, e.id()));
        assertEquals(NOW.plus(Outbox.KEEP_EVENTS).getEpochSecond(), Long.parseLong(stored.get("ttl").n()));
        assertEquals(tenant.text(), MainTableKeys.parse(stored.get("pk").s(), stored.get("sk").s()).orElseThrow().tenantId());
        assertTrue(stored.get("gsi1pk").s().startsWith(MainTableKeys.tenantPartition(tenant)));
    }

    @Test
    void anEventPastItsKeepingIsNotReadAgain() {
        WebhookEvent e = joined("bob");
        outbox.emit(e, "wh-1", NOW);
        assertTrue(outbox.event(tenant, e.id(), NOW.plus(Outbox.KEEP_EVENTS).plusSeconds(1)).isEmpty(),
                "DynamoDB removes expired items late; the reader does not wait for it");
        assertTrue(outbox.kept(tenant, e.id()));
        assertFalse(outbox.kept(tenant, WebhookEvent.randomId()));
    }

    @Test
    void aRedeliveryIsItsOwnChainBesideTheEventAndDispatchIsMarkedOnce() {
        WebhookEvent e = joined("carol");
        outbox.emit(e, null, NOW);
        Outbox.Item event = outbox.event(tenant, e.id(), NOW).orElseThrow();
        outbox.redeliver(event, "wh-9", "rdl-1", NOW);
        assertThrows(ConditionalCheckFailedException.class, () -> outbox.redeliver(event, "wh-9", "rdl-1", NOW));

        Map<String, AttributeValue> key = MainTableKeys.redelivery(tenant, e.id(), "rdl-1");
        Map<String, AttributeValue> stored = TABLES.item(TABLES.main(), key);
        Outbox.Item redelivery = Outbox.from(stored);
        assertEquals("wh-9", redelivery.target());
        assertEquals("rdl-1", redelivery.chain());
        assertEquals(event.memberIndex(), redelivery.memberIndex(), "erased with the member's other events");
        assertEquals(MainTableKeys.eventPartition(tenant, e.id()), stored.get("pk").s());

        assertFalse(outbox.dispatched(key));
        outbox.markDispatched(key, NOW);
        assertTrue(outbox.dispatched(key));
        Map<String, AttributeValue> gone = MainTableKeys.redelivery(tenant, e.id(), "never-stored");
        outbox.markDispatched(gone, NOW);
        assertTrue(TABLES.item(TABLES.main(), gone).isEmpty(), "marking does not create");
    }
}
