package com.groupgate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupStatusTest {
    @Test
    void wireNamesAreTheStoredLowercaseFormsAndParseBack() {
        assertEquals("active", GroupStatus.ACTIVE.wireName());
        assertEquals("archived", GroupStatus.ARCHIVED.wireName());
        for (GroupStatus s : GroupStatus.values()) {
            assertEquals(s, GroupStatus.parse(s.wireName(), "status"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACTIVE", "Archived", "deleted", "", " active"})
    void unknownStatusIsRefusedNamingTheField(String text) {
        RefusalException e = assertThrows(RefusalException.class, () -> GroupStatus.parse(text, "status"));
        assertEquals("status", e.field());
        assertEquals(com.groupgate.error.Refusal.BAD_REQUEST, e.refusal());
    }
}
