package com.groupgate.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** UsageTable against the emulated MainTable: issued codes and image bytes add up per tenant and UTC month. */
class UsageTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private final UsageTable usage = new UsageTable(TABLES.main());
    private final TenantId tenant = TenantId.random();

    private void issue(TenantId t, Instant at, long bytes) {
        TABLES.dynamo().transactWriteItems(w -> w.transactItems(usage.codeIssued(t, at, bytes)));
    }

    @Test
    void issuedCodesAddUpInTheirUtcMonthUnderTheTenant() {
        Instant lateNovemberUtc = Instant.parse("2026-11-30T23:30:00Z");
        issue(tenant, lateNovemberUtc, 100);
        issue(tenant, Instant.parse("2026-11-01T00:00:00Z"), 50);
        issue(tenant, Instant.parse("2026-12-01T00:00:00Z"), 7);

        assertEquals("2026-11", UsageTable.month(lateNovemberUtc));
        assertEquals(Map.of("codesIssued", 2L, "imageBytesStored", 150L),
                UsageTable.read(TABLES.dynamo(), TABLES.main(), tenant, "2026-11"));
        assertEquals(Map.of("codesIssued", 1L, "imageBytesStored", 7L),
                UsageTable.read(TABLES.dynamo(), TABLES.main(), tenant, "2026-12"));

        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.usage(tenant, "2026-11"));
        assertTrue(item.get("pk").s().startsWith(MainTableKeys.tenantPartition(tenant)));
        assertEquals(tenant.text(), MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow().tenantId());
    }

    @Test
    void aMonthWithoutUsageReadsZeroAndAnotherTenantsUsageIsNotCounted() {
        issue(TenantId.random(), Instant.parse("2026-10-10T10:00:00Z"), 99);
        assertEquals(Map.of("codesIssued", 0L, "imageBytesStored", 0L),
                UsageTable.read(TABLES.dynamo(), TABLES.main(), tenant, "2026-10"));
    }
}
