package com.groupgate.storage.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.webhook.DisabledReason;
import com.groupgate.webhook.Subscription;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookEventType;
import com.groupgate.webhook.WebhookUrl;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** WebhookTable against the emulated MainTable: endpoints under their tenant, typed events and reasons, rotation, failure streaks. */
class WebhookTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant CREATED = Instant.parse("2026-12-06T08:00:00Z");
    private final WebhookTable webhooks = new WebhookTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    private Webhook webhook(WebhookId id) {
        return new Webhook(tenant, id, new WebhookUrl(URI.create("https://hooks.example.com/" + id)),
                new Subscription(List.of(WebhookEventType.MEMBER_JOINED, WebhookEventType.JOIN_REQUESTED)),
                "crm", true, CREATED, new byte[] {1, 1}, null, null, null, null);
    }

    private Webhook created() {
        Webhook w = webhook(WebhookId.random());
        webhooks.create(w);
        return w;
    }

    @Test
    void aCreatedEndpointReadsBackTypedAndListedOnlyForItsTenant() {
        Webhook w = created();
        Webhook read = webhooks.find(tenant, w.webhookId()).orElseThrow();
        assertArrayEquals(w.sealedSecret(), read.sealedSecret());
        assertEquals(w.url(), read.url());
        assertEquals(w.subscription(), read.subscription());
        assertEquals(List.of(w.tenantId(), w.webhookId(), "crm", true, CREATED),
                List.of(read.tenantId(), read.webhookId(), read.description(), read.enabled(), read.createdAt()));
        assertNull(read.disabledReason());

        assertEquals(List.of(w.webhookId()), webhooks.list(tenant).stream().map(Webhook::webhookId).toList());
        assertTrue(webhooks.list(TenantId.random()).isEmpty());
        assertTrue(webhooks.find(TenantId.random(), w.webhookId()).isEmpty());
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.webhook(tenant, w.webhookId()));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
    }

    @Test
    void creatingTheSameEndpointTwiceIsRefused() {
        Webhook w = created();
        assertThrows(ConditionalCheckFailedException.class, () -> webhooks.create(w));
    }

    @Test
    void disablingByTheTenantRecordsTheReasonAndEnablingClearsTheStreak() {
        Webhook w = created();
        webhooks.failed(tenant, w.webhookId(), CREATED.plusSeconds(10));
        Webhook off = webhooks.update(tenant, w.webhookId(), new WebhookTable.Change(null,
                new Subscription(List.of(WebhookEventType.JOIN_APPROVED)), false)).orElseThrow();
        assertFalse(off.enabled());
        assertEquals(DisabledReason.TENANT, off.disabledReason());
        assertEquals(List.of(WebhookEventType.JOIN_APPROVED), off.subscription().events());

        Webhook on = webhooks.update(tenant, w.webhookId(), new WebhookTable.Change(
                new WebhookUrl(URI.create("https://hooks.example.com/new")), null, true)).orElseThrow();
        assertTrue(on.enabled());
        assertNull(on.disabledReason());
        assertNull(on.failingSince());
        assertEquals("https://hooks.example.com/new", on.url().toString());
        assertTrue(webhooks.update(TenantId.random(), w.webhookId(), new WebhookTable.Change(null, null, false)).isEmpty());
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.webhook(TenantId.random(), w.webhookId())).isEmpty());
    }

    @Test
    void aRotatedSecretKeepsThePreviousOneForTheOverlap() {
        Webhook w = created();
        Instant now = CREATED.plusSeconds(100);
        Webhook rotated = webhooks.rotate(tenant, w.webhookId(), new byte[] {2, 2}, now).orElseThrow();
        assertArrayEquals(new byte[] {2, 2}, rotated.sealedSecret());
        assertArrayEquals(new byte[] {1, 1}, rotated.sealedPrevious());
        assertEquals(now.plus(WebhookTable.OVERLAP), rotated.previousUntil());
        assertTrue(webhooks.rotate(tenant, WebhookId.random(), new byte[] {3}, now).isEmpty());
    }

    @Test
    void aFailingStreakStartsAtItsFirstFailureAndEndsWithASuccess() {
        Webhook w = created();
        assertEquals(CREATED.plusSeconds(10), webhooks.failed(tenant, w.webhookId(), CREATED.plusSeconds(10)).orElseThrow());
        assertEquals(CREATED.plusSeconds(10), webhooks.failed(tenant, w.webhookId(), CREATED.plusSeconds(20)).orElseThrow());
        webhooks.succeeded(tenant, w.webhookId());
        assertNull(webhooks.find(tenant, w.webhookId()).orElseThrow().failingSince());
        webhooks.disable(tenant, w.webhookId(), DisabledReason.FAILING);
        assertEquals(DisabledReason.FAILING, webhooks.find(tenant, w.webhookId()).orElseThrow().disabledReason());
    }

    @Test
    void aDeletedEndpointIsGoneAndNothingRecreatesIt() {
        Webhook w = created();
        assertTrue(webhooks.delete(tenant, w.webhookId()));
        assertFalse(webhooks.delete(tenant, w.webhookId()));
        assertTrue(webhooks.failed(tenant, w.webhookId(), CREATED).isEmpty());
        webhooks.succeeded(tenant, w.webhookId());
        webhooks.disable(tenant, w.webhookId(), DisabledReason.GONE);
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.webhook(tenant, w.webhookId())).isEmpty());
    }
}
