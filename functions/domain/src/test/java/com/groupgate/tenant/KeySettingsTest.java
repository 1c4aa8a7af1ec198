package com.groupgate.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;

class KeySettingsTest {
    @Test
    void nameIsStrippedAndMayBeAHundredCharacters() {
        assertEquals("ci deploy", KeySettings.of("  ci deploy \n", "full").name());
        String hundred = "😀".repeat(100);
        assertEquals(hundred, KeySettings.of(hundred, "read").name());
    }

    @Test
    void badNamesAreRefusedNamingName() {
        for (String bad : new String[] {null, "", "   ", "x".repeat(101), "bell\u0007", "line\nbreak"}) {
            RefusalException e = assertThrows(RefusalException.class, () -> KeySettings.of(bad, "read"),
                    String.valueOf(bad));
            assertEquals("name", e.field());
        }
    }

    @Test
    void scopeIsRequired() {
        RefusalException e = assertThrows(RefusalException.class, () -> KeySettings.of("job", null));
        assertEquals("scope", e.field());
        assertEquals("scope", assertThrows(RefusalException.class, () -> KeySettings.of("job", "owner")).field());
    }

    @Test
    void theInitialKeyIsFull() {
        KeySettings initial = KeySettings.initial();
        assertEquals(KeySettings.INITIAL_NAME, initial.name());
        assertEquals(KeyScope.FULL, initial.scope());
        assertEquals(true, initial.full());
    }
}
