package com.groupgate.storage.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.tenant.FactRetention;
import com.groupgate.tenant.KeyScope;
import com.groupgate.tenant.KeySettings;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TenantTable against the emulated MainTable: a tenant and its first key in one write, its zone, its retention, its removal. */
class TenantTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private final ApiKeyTable keys = new ApiKeyTable(TABLES.dynamo(), TABLES.main());
    private final TenantTable tenants = new TenantTable(TABLES.dynamo(), TABLES.main(), keys,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTenantIsCreatedWithItsZoneAndAFullFirstKey() {
        TenantTable.Created created = tenants.create("Acme", ZoneId.of("Asia/Shanghai"));
        TenantId id = created.tenant().tenantId();

        Tenant read = tenants.find(id).orElseThrow();
        assertEquals(new Tenant(id, "Acme", ZoneId.of("Asia/Shanghai")), read);
        assertEquals(FactRetention.DEFAULT_DAYS, read.factRetentionDays());
        assertFalse(read.blocked());

        ApiKeyTable.Grant grant = keys.lookup(ApiKeys.sha256Hex(created.apiKey())).orElseThrow();
        assertEquals(id, grant.tenantId());
        assertEquals(KeyScope.FULL, grant.scope());
        assertEquals(KeySettings.INITIAL_NAME, keys.list(id).get(0).name());

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.tenant(id));
        assertEquals("Asia/Shanghai", item.get("timezone").s());
        assertEquals(NOW.getEpochSecond(), Long.parseLong(item.get("createdAt").n()));
        assertEquals(id.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
    }

    @Test
    void aSecondTenantUnderTheSameIdIsRefusedAndIssuesNoKey() {
        TenantId id = TenantId.random();
        tenants.create(id, "First", ZoneOffset.UTC);
        assertThrows(TransactionCanceledException.class, () -> tenants.create(id, "Second", ZoneOffset.UTC));
        assertEquals("First", tenants.find(id).orElseThrow().name());
        assertEquals(1, keys.list(id).size(), "the refused tenant's key was not written");
    }

    @Test
    void factRetentionIsSetOnAnExistingTenantOnly() {
        TenantId id = tenants.create("Kept", ZoneOffset.UTC).tenant().tenantId();
        assertEquals(90, tenants.setFactRetention(id, 90).orElseThrow().factRetentionDays());
        assertEquals(90, tenants.find(id).orElseThrow().factRetentionDays());

        TenantId absent = TenantId.random();
        assertTrue(tenants.setFactRetention(absent, 90).isEmpty());
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.tenant(absent)).isEmpty(), "not created by the update");
    }

    @Test
    void removingAccessDeletesTheTenantAndEveryKeyLookup() {
        TenantTable.Created created = tenants.create("Leaving", ZoneOffset.UTC);
        TenantId id = created.tenant().tenantId();
        ApiKeyTable.Issued second = keys.issue(id, new KeySettings("reader", KeyScope.READ), NOW);

        assertEquals(3, tenants.removeAccess(id), "the tenant and two lookups");
        assertTrue(tenants.find(id).isEmpty());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(created.apiKey())).isEmpty());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(second.apiKey())).isEmpty());
        assertEquals(2, keys.list(id).size(), "the entries stay for the sweep of the tenant's partition");
        assertNull(tenants.find(id).map(Tenant::block).orElse(null));
    }
}
