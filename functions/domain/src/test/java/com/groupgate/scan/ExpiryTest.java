package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.RefusalException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    @Test
    void ttlDefaultsToSeventyTwoHours() {
        assertEquals(72 * 3600, Expiry.validateTtl(null));
    }

    @Test
    void ttlDefaultsToThePresetsWhenGiven() {
        assertEquals(24 * 3600, Expiry.validateTtl(null, 24 * 3600));
        assertEquals(120, Expiry.validateTtl(120L, 24 * 3600));
    }

    @Test
    void ttlBoundsAreSixtySecondsAndThirtyDaysInclusive() {
        assertEquals(60, Expiry.validateTtl(60L));
        assertEquals(2_592_000, Expiry.validateTtl(2_592_000L));
    }

    @Test
    void ttlOutOfRangeIsRefusedNamingTtlSeconds() {
        for (long bad : new long[] {59, 0, -60, 2_592_001, Long.MAX_VALUE}) {
            RefusalException e = assertThrows(RefusalException.class, () -> Expiry.validateTtl(bad));
            assertEquals("ttlSeconds", e.field());
            assertTrue(e.getMessage().startsWith("ttlSeconds: "));
        }
    }

    @Test
    void codeIsExpiredFromItsExpiryInstantOn() {
        Instant issued = Instant.parse("2026-11-26T00:00:00Z");
        Instant expiresAt = Expiry.expiresAt(issued, 60);
        assertEquals(Instant.parse("2026-11-26T00:01:00Z"), expiresAt);
        assertFalse(Expiry.isExpired(expiresAt, expiresAt.minusMillis(1)));
        assertTrue(Expiry.isExpired(expiresAt, expiresAt));
        assertTrue(Expiry.isExpired(expiresAt, expiresAt.plusSeconds(1)));
    }
}
