package com.groupgate.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;

class DisplayNameTest {
    @Test
    void aShortNameInAnyScriptIsKeptStripped() {
        assertEquals("小红 Alice", DisplayName.check("  小红 Alice "));
        assertEquals("二十个字".repeat(5), DisplayName.check("二十个字".repeat(5)));
        assertNull(DisplayName.check(null));
    }

    @Test
    void longBlankBidiAndControlNamesAreRefusedNamingDisplayName() {
        for (String bad : new String[] {"x".repeat(21), "  ", "abc\u202Egnp.exe", "a\u2067b", "two\nlines", "tab\tbed"}) {
            RefusalException e = assertThrows(RefusalException.class, () -> DisplayName.check(bad), bad);
            assertEquals("displayName", e.field());
        }
    }

    @Test
    void twentyCharactersAreCountedAsCodePointsNotUtf16Units() {
        assertEquals(20, DisplayName.check("😀".repeat(20)).codePointCount(0, 40));
    }
}
