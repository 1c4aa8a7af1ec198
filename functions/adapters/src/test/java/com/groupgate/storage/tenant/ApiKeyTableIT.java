package com.groupgate.storage.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.ApiKeyId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.tenant.ApiKey;
import com.groupgate.tenant.KeyScope;
import com.groupgate.tenant.KeySettings;
import com.groupgate.tenant.KeyUse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ApiKeyTable against the emulated MainTable: entry, lookup and count written together, and their conditions. */
class ApiKeyTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00.750Z");
    private final ApiKeyTable keys = new ApiKeyTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    @Test
    void anIssuedKeyIsListedAndLookedUpByItsHashOnly() {
        ApiKeyTable.Issued issued = keys.issue(tenant, new KeySettings("ci", KeyScope.READ), NOW);

        List<ApiKey> listed = keys.list(tenant);
        assertEquals(List.of(new ApiKey(issued.key().keyId(), "ci", KeyScope.READ,
                Instant.ofEpochSecond(NOW.getEpochSecond()), null)), listed);
        assertEquals(new ApiKeyTable.Grant(tenant, issued.key().keyId(), KeyScope.READ),
                keys.lookup(ApiKeys.sha256Hex(issued.apiKey())).orElseThrow());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(issued.apiKey() + "x")).isEmpty());

        Map<String, AttributeValue> entry = TABLES.item(TABLES.main(), MainTableKeys.apiKey(tenant, issued.key().keyId()));
        assertFalse(entry.values().stream().anyMatch(v -> issued.apiKey().equals(v.s())), "the key itself is never stored");
        assertEquals(tenant.text(), MainTableKeys.parse(entry.get("pk").s(), entry.get("sk").s()).orElseThrow().tenantId());
    }

    @Test
    void aTenantsKeysAreNotAnotherTenants() {
        ApiKeyTable.Issued issued = keys.issue(tenant, new KeySettings("mine", KeyScope.FULL), NOW);
        TenantId other = TenantId.random();
        assertTrue(keys.list(other).isEmpty());
        RefusalException e = assertThrows(RefusalException.class, () -> keys.delete(other, issued.key().keyId()));
        assertEquals(Refusal.NOT_FOUND, e.refusal());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(issued.apiKey())).isPresent(), "nothing deleted");
    }

    @Test
    void theLastFullKeyCannotBeDeletedButAReadKeyCan() {
        ApiKeyTable.Issued full = keys.issue(tenant, new KeySettings("owner", KeyScope.FULL), NOW);
        ApiKeyTable.Issued read = keys.issue(tenant, new KeySettings("reader", KeyScope.READ), NOW);

        RefusalException e = assertThrows(RefusalException.class, () -> keys.delete(tenant, full.key().keyId()));
        assertEquals(Refusal.LAST_FULL_KEY, e.refusal());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(full.apiKey())).isPresent());

        keys.delete(tenant, read.key().keyId());
        assertTrue(keys.lookup(ApiKeys.sha256Hex(read.apiKey())).isEmpty());
        assertEquals(List.of(full.key().keyId()), keys.list(tenant).stream().map(ApiKey::keyId).toList());
        assertThrows(RefusalException.class, () -> keys.delete(tenant, read.key().keyId()), "already deleted");
        assertThrows(RefusalException.class, () -> keys.delete(tenant, ApiKeyId.random()));
    }

    @Test
    void oneKeyPastTheCapIsRefusedAndWritesNothing() {
        for (int i = 0; i < KeySettings.MAX_KEYS; i++) {
            keys.issue(tenant, new KeySettings("k" + i, KeyScope.READ), NOW);
        }
        RefusalException e = assertThrows(RefusalException.class,
                () -> keys.issue(tenant, new KeySettings("one too many", KeyScope.READ), NOW));
        assertEquals(Refusal.KEY_LIMIT, e.refusal());
        assertEquals(KeySettings.MAX_KEYS, keys.list(tenant).size());
    }

    @Test
    void aUseIsRecordedAtMostOncePerResolutionAndNeverRecreatesADeletedKey() {
        keys.issue(tenant, new KeySettings("owner", KeyScope.FULL), NOW);
        ApiKeyId id = keys.issue(tenant, new KeySettings("reader", KeyScope.READ), NOW).key().keyId();

        assertTrue(keys.recordUse(tenant, id, NOW));
        assertFalse(keys.recordUse(tenant, id, NOW.plusSeconds(30)));
        assertTrue(keys.recordUse(tenant, id, NOW.plus(KeyUse.RESOLUTION)));
        assertEquals(Instant.ofEpochSecond(NOW.plus(KeyUse.RESOLUTION).getEpochSecond()),
                keys.list(tenant).stream().filter(k -> k.keyId().equals(id)).findFirst().orElseThrow().lastUsedAt());

        keys.delete(tenant, id);
        assertFalse(keys.recordUse(tenant, id, NOW.plusSeconds(3600)));
        assertTrue(TABLES.item(TABLES.main(), MainTableKeys.apiKey(tenant, id)).isEmpty());
        assertNull(keys.list(tenant).stream().filter(k -> k.keyId().equals(id)).findFirst().orElse(null));
    }
}
