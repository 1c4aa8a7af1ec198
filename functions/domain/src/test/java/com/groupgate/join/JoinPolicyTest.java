package com.groupgate.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JoinPolicyTest {

    @Test
    void wireNamesAreLowercaseAndParseBack() {
        for (JoinPolicy p : JoinPolicy.values()) {
            assertEquals(p.name().toLowerCase(), p.wireName());
            assertEquals(p, JoinPolicy.parse(p.wireName(), "joinPolicy"));
        }
        for (GroupCategory c : GroupCategory.values()) {
            assertEquals(c.name().toLowerCase(), c.wireName());
            assertEquals(c, GroupCategory.parse(c.wireName(), "category"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPEN", "Open", "closed", "", " open"})
    void unknownPolicyIsRefusedNamingTheField(String text) {
        RefusalException e = assertThrows(RefusalException.class, () -> JoinPolicy.parse(text, "joinPolicy"));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals("joinPolicy", e.field());
    }

    @Test
    void unknownOrNullCategoryIsRefusedNamingTheField() {
        assertEquals("category", assertThrows(RefusalException.class, () -> GroupCategory.parse("bank", "category")).field());
        assertEquals("category", assertThrows(RefusalException.class, () -> GroupCategory.parse(null, "category")).field());
    }

    @ParameterizedTest
    @EnumSource(value = JoinPolicy.class, names = {"OPEN", "APPROVAL"})
    void financeGroupsRequirePasscode(JoinPolicy policy) {
        RefusalException e = assertThrows(RefusalException.class, () -> JoinPolicy.validateFor(GroupCategory.FINANCE, policy));
        assertEquals("joinPolicy", e.field());
        assertEquals(JoinPolicy.PASSCODE, JoinPolicy.validateFor(GroupCategory.FINANCE, JoinPolicy.PASSCODE));
    }

    @ParameterizedTest
    @EnumSource(value = GroupCategory.class, names = {"PERSONAL", "ENTERPRISE", "COMMUNITY"})
    void otherCategoriesAllowEveryPolicy(GroupCategory category) {
        for (JoinPolicy p : JoinPolicy.values()) {
            assertEquals(p, JoinPolicy.validateFor(category, p));
        }
        assertEquals(JoinPolicy.OPEN, JoinPolicy.defaultFor(category));
    }

    @Test
    void financeDefaultsToPasscode() {
        assertEquals(JoinPolicy.PASSCODE, JoinPolicy.defaultFor(GroupCategory.FINANCE));
    }
}
