package com.groupgate.storage.tenant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.analytics.FactType;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.fact.FactTable;
import com.groupgate.group.Group;
import com.groupgate.group.GroupStatus;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import com.groupgate.id.WebhookId;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import com.groupgate.qr.Ecc;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.webhook.ReminderTable;
import com.groupgate.storage.webhook.WebhookTable;
import com.groupgate.usage.UsageTable;
import com.groupgate.webhook.ExpiryReminders;
import com.groupgate.webhook.Subscription;
import com.groupgate.webhook.Webhook;
import com.groupgate.webhook.WebhookEventType;
import com.groupgate.webhook.WebhookUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TenantItemSweep against the emulated MainTable: the items the adapters write for a
 * tenant — by key or, for the few kept elsewhere, by what they carry — all go, and no
 * other tenant's item or the deletion's own record does.
 */
class TenantItemSweepIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private final ApiKeyTable keys = new ApiKeyTable(TABLES.dynamo(), TABLES.main());
    private final TenantTable tenants = new TenantTable(TABLES.dynamo(), TABLES.main(), keys, Clock.fixed(NOW, ZoneOffset.UTC));
    private final GroupTable groups = new GroupTable(TABLES.dynamo(), TABLES.main());
    private final CodeTable codes = new CodeTable(TABLES.dynamo(), TABLES.main());
    private final UsageTable usage = new UsageTable(TABLES.main());
    private final FactTable facts = new FactTable(TABLES.dynamo(), TABLES.main(), t -> Duration.ofDays(30));
    private final ReminderTable reminders = new ReminderTable(TABLES.dynamo(), TABLES.main());
    private final WebhookTable webhooks = new WebhookTable(TABLES.dynamo(), TABLES.main());
    private final TenantDeletionTable deletions = new TenantDeletionTable(TABLES.dynamo(), TABLES.main());

    /** Every kind of item the adapters write for {@code tenant}; the keys to look for afterwards. */
    private List<Map<String, AttributeValue>> populate(TenantId tenant) {
        String apiKey = tenants.create(tenant, "t", ZoneOffset.UTC).apiKey();
        GroupId group = GroupId.random();
        groups.create(new Group(tenant, group, "g", 5, 0, JoinPolicy.OPEN, GroupCategory.PERSONAL, null, null, null,
                NOW.toEpochMilli(), null, 6, GroupStatus.ACTIVE, null, null));
        CodeId code = CodeId.random();
        codes.create(new GroupCode(tenant, code, group, null, 10, GeoRules.NONE, Ecc.M, 8, 3600, NOW.getEpochSecond(),
                NOW.getEpochSecond() + 3600, CodeStatus.ACTIVE, null, 1, new byte[] {1}, "k", 1, 2, ZoneOffset.UTC, "g",
                JoinPolicy.OPEN, null), usage.codeIssued(tenant, NOW, 1));
        String factId = UUID.randomUUID().toString();
        facts.put(new RecordedFact(factId, FactType.SCAN, NOW, "geo_blocked", tenant, code.text(), group.text(),
                null, null, "CN", null, null, null, null, null, null, null, null));
        ExpiryReminders.Reminder r = new ExpiryReminders.Reminder(tenant, ExpiryReminders.Subject.CODE,
                code.text(), NOW.plusSeconds(3600), NOW);
        reminders.plan(r);
        WebhookId webhook = WebhookId.random();
        webhooks.create(new Webhook(tenant, webhook, new WebhookUrl(URI.create("https://example.com/h")),
                new Subscription(List.of(WebhookEventType.MEMBER_JOINED)), null, true, NOW, new byte[] {1}, null, null,
                null, null));
        return List.of(MainTableKeys.tenant(tenant), MainTableKeys.group(tenant, group), MainTableKeys.code(tenant, code),
                MainTableKeys.codeCounter(tenant, code), MainTableKeys.usage(tenant, UsageTable.month(NOW)),
                MainTableKeys.apiKeyCount(tenant), MainTableKeys.apiKeyLookup(ApiKeys.sha256Hex(apiKey)),
                MainTableKeys.refusalFact(factId),
                MainTableKeys.key(MainTableKeys.reminderHour(r.dueAt()), MainTableKeys.reminderSort(r.dueAt(),
                        tenant, "CODE", r.subjectId(), r.expiresAt())),
                MainTableKeys.webhook(tenant, webhook));
    }

    @Test
    void sweepingRemovesEveryItemOfTheTenantAndNothingElse() {
        TenantId leaving = TenantId.random();
        TenantId staying = TenantId.random();
        List<Map<String, AttributeValue>> leavingItems = populate(leaving);
        List<Map<String, AttributeValue>> stayingItems = populate(staying);
        deletions.start(leaving, NOW);

        TenantDeletionTable.Position at = null;
        long deleted = 0;
        int pages = 0;
        do {
            TenantItemSweep.Page page = new TenantItemSweep(TABLES.dynamo(), TABLES.main()).sweep(leaving, at, 200);
            deleted += page.deleted();
            at = page.next();
            pages++;
        } while (at != null && pages < 10_000);

        for (Map<String, AttributeValue> key : leavingItems) {
            assertTrue(TABLES.item(TABLES.main(), key).isEmpty(), "left behind: " + key);
        }
        assertTrue(keys.list(leaving).isEmpty(), "the key entries went too");
        assertTrue(deleted >= leavingItems.size() + 1, "the key's entry as well: " + deleted);
        for (Map<String, AttributeValue> key : stayingItems) {
            assertFalse(TABLES.item(TABLES.main(), key).isEmpty(), "another tenant's item went: " + key);
        }
        assertTrue(deletions.find(leaving).isPresent(), "the deletion's record outlives the sweep");
    }
}
