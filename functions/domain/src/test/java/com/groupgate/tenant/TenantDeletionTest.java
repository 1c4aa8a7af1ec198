package com.groupgate.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDeletionTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration GRACE = TenantDeletion.CACHE_GRACE;

    @Test
    void phasesRunInOrderAndOnlyTheLastIsDeleted() {
        TenantDeletion d = TenantDeletion.started(TenantId.random(), T0);
        List<TenantDeletion.Phase> seen = new ArrayList<>();
        while (!d.done()) {
            seen.add(d.phase());
            assertEquals("deleting", d.status());
            d = d.phaseDone(T0.plusSeconds(seen.size()));
        }
        assertEquals(List.of(TenantDeletion.Phase.ACCESS, TenantDeletion.Phase.MAIN_TABLE,
                TenantDeletion.Phase.ANALYTICS_TABLE, TenantDeletion.Phase.OBJECTS, TenantDeletion.Phase.AUDIT_LOG), seen);
        assertEquals("deleted", d.status());
        assertEquals(T0.plusSeconds(1), d.accessRemovedAt(), "access went when its phase finished");
        assertEquals(T0.plusSeconds(5), d.finishedAt());
        assertEquals(d, d.phaseDone(T0.plusSeconds(9)).progressed(0, 0, d.updatedAt()), "done stays done");
    }

    @Test
    void theMainTableWaitsOutTheCachesAfterAccessWentAndNothingElseWaits() {
        TenantDeletion started = TenantDeletion.started(TenantId.random(), T0);
        assertTrue(started.mayRun(T0, GRACE), "access goes at once");
        TenantDeletion main = started.phaseDone(T0);
        assertFalse(main.mayRun(T0.plus(GRACE).minusMillis(1), GRACE));
        assertTrue(main.mayRun(T0.plus(GRACE), GRACE));
        TenantDeletion analytics = main.phaseDone(T0.plus(GRACE));
        assertTrue(analytics.mayRun(T0.plus(GRACE), GRACE));
    }

    @Test
    void progressAddsUpAcrossPagesAndPhases() {
        TenantDeletion d = TenantDeletion.started(TenantId.random(), T0).progressed(3, 0, T0.plusSeconds(1)).phaseDone(T0)
                .progressed(7, 0, T0.plusSeconds(2)).progressed(5, 2, T0.plusSeconds(3));
        assertEquals(15, d.itemsDeleted());
        assertEquals(2, d.objectsDeleted());
        assertEquals(T0.plusSeconds(3), d.updatedAt());
        assertNull(d.finishedAt());
        assertThrows(IllegalArgumentException.class, () -> d.progressed(-20, 0, T0));
    }

    @Test
    void phasesReadBackFromTheirWireNames() {
        for (TenantDeletion.Phase p : TenantDeletion.Phase.values()) {
            assertEquals(p, TenantDeletion.Phase.parse(p.wireName()));
        }
        assertEquals("main_table", TenantDeletion.Phase.MAIN_TABLE.wireName());
    }
}
