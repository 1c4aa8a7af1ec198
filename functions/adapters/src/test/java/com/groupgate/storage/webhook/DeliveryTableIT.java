package com.groupgate.storage.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DeliveryTable against the emulated MainTable: each attempt recorded once, expiring, paged newest first. */
class DeliveryTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant AT = Instant.parse("2026-12-06T08:00:00.250Z");
    private final DeliveryTable deliveries = new DeliveryTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();
    private final WebhookId webhook = WebhookId.random();

    private DeliveryTable.Attempt attempt(String event, int n, Instant at, Integer response) {
        return new DeliveryTable.Attempt(DeliveryTable.deliveryId(webhook, event, "c1", n), event, "member.joined", n,
                response == null ? "failed" : "delivered", response, at, response != null);
    }

    @Test
    void anAttemptIsRecordedOnceUnderItsTenantAndExpiresAfterTheKeepPeriod() {
        DeliveryTable.Attempt a = attempt("evt_1", 1, AT, 204);
        assertTrue(DeliveryTable.ID.matcher(a.deliveryId()).matches(), a.deliveryId());
        assertTrue(deliveries.record(tenant, webhook, "c1", a));
        assertFalse(deliveries.record(tenant, webhook, "c1", a), "a second copy of the queued attempt");
        assertEquals(a, deliveries.find(tenant, webhook, a.deliveryId()).orElseThrow());
        assertTrue(deliveries.find(TenantId.random(), webhook, a.deliveryId()).isEmpty());

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.delivery(tenant, webhook, a.deliveryId()));
        assertEquals(AT.plus(DeliveryTable.KEEP).getEpochSecond(), Long.parseLong(item.get("ttl").n()));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
    }

    @Test
    void anAttemptWithoutAnAnswerKeepsNoResponseCode() {
        DeliveryTable.Attempt a = attempt("evt_2", 2, AT, null);
        deliveries.record(tenant, webhook, "c1", a);
        DeliveryTable.Attempt read = deliveries.find(tenant, webhook, a.deliveryId()).orElseThrow();
        assertEquals(null, read.responseCode());
        assertFalse(read.final_());
        assertEquals(2, read.attempt());
    }

    @Test
    void pagingNewestFirstGivesEachAttemptOnce() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            DeliveryTable.Attempt a = attempt("evt_p" + i, 1, AT.plusMillis(i * 1000L), 200);
            deliveries.record(tenant, webhook, "c1", a);
            newestFirst.add(0, a.deliveryId());
        }
        deliveries.record(tenant, WebhookId.random(), "c1", attempt("evt_other", 1, AT, 200));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            DeliveryTable.Page page = deliveries.page(tenant, webhook, 3, cursor);
            page.items().forEach(a -> listed.add(a.deliveryId()));
            cursor = page.nextCursor();
            if (cursor != null) {
                assertTrue(DeliveryTable.isCursor(cursor), cursor);
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(newestFirst, listed);
        assertEquals(7, new HashSet<>(listed).size());
    }
}
