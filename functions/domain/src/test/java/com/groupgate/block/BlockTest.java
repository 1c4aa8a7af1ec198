package com.groupgate.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlockTest {
    private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void aBlockNeedsAReasonOfAtMostFiveHundredCharacters() {
        assertEquals("court order", new Block("court order", AT).reason());
        assertEquals(500, new Block("😀".repeat(500), AT).reason().codePointCount(0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Block("  ", AT));
        assertThrows(IllegalArgumentException.class, () -> new Block("r".repeat(501), AT));
        assertThrows(NullPointerException.class, () -> new Block(null, AT));
        assertThrows(NullPointerException.class, () -> new Block("reason", null));
    }
}
