package com.groupgate.storage.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import com.groupgate.storage.EmulatedTables;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.tenant.TenantDeletion;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** TenantDeletionTable against the emulated MainTable: one deletion per tenant, saved only over the version read. */
class TenantDeletionTableIT {
    private static final EmulatedTables TABLES = EmulatedTables.get();
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00.123456Z");
    private final TenantDeletionTable deletions = new TenantDeletionTable(TABLES.dynamo(), TABLES.main());
    private final TenantId tenant = TenantId.random();

    @Test
    void aStartedDeletionReadsBackAsAnsweredAndStartingTwiceIsOneDeletion() {
        TenantDeletionTable.Job started = deletions.start(tenant, NOW);
        assertEquals(TenantDeletion.Phase.ACCESS, started.deletion().phase());
        assertEquals(Instant.parse("2026-12-06T08:00:00.123Z"), started.deletion().startedAt(), "to the millisecond");
        assertEquals(1, started.version());
        assertEquals(started, deletions.find(tenant).orElseThrow());
        assertEquals(started, deletions.start(tenant, NOW.plusSeconds(60)), "the same deletion");
    }

    @Test
    void theDeletionIsKeptOutsideTheTenantsKeysSoItsSweepNeverRemovesIt() {
        deletions.start(tenant, NOW);
        Map<String, AttributeValue> item = TABLES.item(TABLES.main(), MainTableKeys.tenantDeletion(tenant));
        assertFalse(item.get("pk").s().startsWith(MainTableKeys.tenantPartition(tenant)));
        MainTableKeys.Parsed parsed = MainTableKeys.parse(item.get("pk").s(), item.get("sk").s()).orElseThrow();
        assertFalse(parsed.kind().tenantInKey());
        assertEquals(tenant.text(), parsed.tenantId(), "the key names the tenant it deletes");
    }

    @Test
    void aSaveOverAStaleVersionIsRefusedAndPositionsRoundTrip() {
        TenantDeletionTable.Job read = deletions.start(tenant, NOW);
        TenantDeletion accessGone = new TenantDeletion(tenant, TenantDeletion.Phase.MAIN_TABLE,
                read.deletion().startedAt(), NOW.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), 3, 0,
                NOW.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null);
        TenantDeletionTable.Position at = new TenantDeletionTable.Position("T#x#CODE#y", "CODE");
        assertTrue(deletions.save(read, accessGone, at));

        TenantDeletionTable.Job now = deletions.find(tenant).orElseThrow();
        assertEquals(new TenantDeletionTable.Job(accessGone, at, 2), now);
        assertFalse(deletions.save(read, accessGone.progressed(5, 0, NOW.plusSeconds(2)), null),
                "another run saved it since");
        assertEquals(now, deletions.find(tenant).orElseThrow(), "nothing written");

        assertTrue(deletions.save(now, accessGone, new TenantDeletionTable.Position("only-first", null)));
        assertNull(deletions.find(tenant).orElseThrow().position().second());
    }

    @Test
    void runningListsDeletionsNotYetDone() {
        TenantId done = TenantId.random();
        deletions.start(tenant, NOW);
        TenantDeletionTable.Job other = deletions.start(done, NOW);
        Instant end = NOW.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        deletions.save(other, new TenantDeletion(done, TenantDeletion.Phase.DONE, other.deletion().startedAt(), end,
                1, 1, end, end), null);

        assertTrue(deletions.running().stream().anyMatch(j -> j.deletion().tenantId().equals(tenant)));
        assertTrue(deletions.running().stream().noneMatch(j -> j.deletion().tenantId().equals(done)));
        assertTrue(deletions.find(done).orElseThrow().deletion().done());
    }
}
