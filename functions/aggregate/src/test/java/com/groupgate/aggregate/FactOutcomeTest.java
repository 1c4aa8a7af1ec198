package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FactOutcomeTest {

    @Test
    void anExplicitOutcomeWinsOverTheCodeItem() {
        assertEquals("geo_blocked", FactOutcome.of("geo_blocked", "active", 1L, 10L));
        assertEquals("joined", FactOutcome.of("joined", null, null, null));
    }

    @Test
    void aScanUpToTheCapIsAcceptedAndOneOverIsDailyLimit() {
        assertEquals("accepted", FactOutcome.of(null, "active", 1L, 3L));
        assertEquals("accepted", FactOutcome.of(null, "active", 3L, 3L));
        assertEquals("daily_limit", FactOutcome.of(null, "active", 4L, 3L));
    }

    @Test
    void anInactiveCodeGivesItsStatusWhateverTheCounter() {
        assertEquals("revoked", FactOutcome.of(null, "revoked", 1L, 3L));
        assertEquals("superseded", FactOutcome.of(null, "superseded", 9L, 3L));
    }

    @Test
    void aCountedScanWithoutStatusCounterOrCapCannotBeDecided() {
        assertThrows(IllegalArgumentException.class, () -> FactOutcome.of(null, null, 1L, 3L));
        assertThrows(IllegalArgumentException.class, () -> FactOutcome.of(null, "active", null, 3L));
        assertThrows(IllegalArgumentException.class, () -> FactOutcome.of(null, "active", 1L, null));
    }
}
