package com.groupgate.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyUseTest {
    private static final Instant LAST = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aFirstUseIsAlwaysWritten() {
        assertTrue(KeyUse.due(null, LAST));
    }

    @Test
    void usesWithinAMinuteOfTheLastWrittenAreNot() {
        assertFalse(KeyUse.due(LAST, LAST));
        assertFalse(KeyUse.due(LAST, LAST.plusSeconds(59)));
        assertFalse(KeyUse.due(LAST, LAST.plusMillis(59_999)));
        assertTrue(KeyUse.due(LAST, LAST.plusSeconds(60)));
    }

    @Test
    void theTablesCutoffAgreesWithDue() {
        Instant now = LAST.plusSeconds(60);
        assertEquals(LAST, KeyUse.cutoff(now));
        // The write's condition is "lastUsedAt <= cutoff": exactly when due() says so.
        for (long s = 0; s <= 120; s++) {
            Instant at = LAST.plusSeconds(s);
            assertEquals(KeyUse.due(LAST, at), !LAST.isAfter(KeyUse.cutoff(at)), "at +" + s + " s");
        }
    }
}
