package com.groupgate.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyScopeTest {
    private static final List<String> CHANGES = List.of("POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");

    @Test
    void aReadKeyMayOnlyGet() {
        assertTrue(KeyScope.READ.permits("GET"));
        CHANGES.forEach(m -> assertFalse(KeyScope.READ.permits(m), m));
    }

    @Test
    void aFullKeyMayUseEveryMethod() {
        assertTrue(KeyScope.FULL.permits("GET"));
        CHANGES.forEach(m -> assertTrue(KeyScope.FULL.permits(m), m));
    }

    @Test
    void outOfScopeIs403Forbidden() {
        RefusalException e = assertThrows(RefusalException.class, () -> KeyScope.READ.require("POST"));
        assertEquals(Refusal.FORBIDDEN, e.refusal());
        assertEquals(403, e.refusal().httpStatus());
        assertEquals("forbidden", e.refusal().code());
    }

    @Test
    void parsesOnlyTheWireNames() {
        assertEquals(KeyScope.FULL, KeyScope.parse("full", "scope"));
        assertEquals(KeyScope.READ, KeyScope.parse("read", "scope"));
        for (String bad : new String[] {"FULL", "Read", "write", "", " read", null}) {
            RefusalException e = assertThrows(RefusalException.class, () -> KeyScope.parse(bad, "scope"), bad);
            assertEquals("scope", e.field());
        }
    }
}
