package com.groupgate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.RefusalException;
import com.groupgate.join.GroupCategory;
import com.groupgate.join.JoinPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GroupSettingsTest {

    @Test
    void absentFieldsTakeProductDefaults() {
        GroupSettings s = GroupSettings.of("Campus book club", null, null, null, null, null);
        assertEquals("Campus book club", s.name());
        assertEquals(500, s.capacity());
        assertEquals(JoinPolicy.OPEN, s.joinPolicy());
        assertEquals(GroupCategory.PERSONAL, s.category());
        assertEquals("", s.welcomeMessage());
        assertNull(s.preset());
        assertEquals(72 * 3600, s.defaultCodeTtlSeconds());
    }

    @Test
    void presetSuppliesCapacityAndCodeLifetime() {
        assertPreset("wechat", 500, 72 * 3600);
        assertPreset("qq", 2000, 30 * 24 * 3600);
        assertPreset("dingtalk", 3000, 30 * 24 * 3600);
        assertPreset("whatsapp", 256, 24 * 3600);
    }

    @Test
    void explicitFieldsOverrideThePreset() {
        GroupSettings s = GroupSettings.of("Team", 42, "approval", "enterprise", "Hi", "dingtalk");
        assertEquals(42, s.capacity());
        assertEquals(JoinPolicy.APPROVAL, s.joinPolicy());
        assertEquals(Preset.DINGTALK, s.preset());
    }

    @Test
    void financeGroupDefaultsToPasscodeAndRefusesOtherPolicies() {
        GroupSettings s = GroupSettings.of("Fund investors", null, null, "finance", null, null);
        assertEquals(JoinPolicy.PASSCODE, s.joinPolicy());
        assertTrue(s.needsPasscode());
        assertField("joinPolicy", () -> GroupSettings.of("Fund investors", null, "open", "finance", null, null));
        assertField("joinPolicy", () -> GroupSettings.of("Fund investors", null, "approval", "finance", null, null));
    }

    @Test
    void nameMustBePresentNotBlankAndAtMostAHundredCharacters() {
        assertField("name", () -> GroupSettings.of(null, null, null, null, null, null));
        assertField("name", () -> GroupSettings.of("   ", null, null, null, null, null));
        assertField("name", () -> GroupSettings.of("x".repeat(101), null, null, null, null, null));
        assertField("name", () -> GroupSettings.of("line\nbreak", null, null, null, null, null));
        assertEquals(100, GroupSettings.of("x".repeat(100), null, null, null, null, null).name().length());
        // Characters, not UTF-16 units: 100 emoji are 200 chars in Java and still allowed.
        assertEquals(200, GroupSettings.of("😀".repeat(100), null, null, null, null, null).name().length());
        assertEquals("深圳读书会", GroupSettings.of("  深圳读书会 ", null, null, null, null, null).name());
    }

    @Test
    void capacityMustBeOneToThreeThousand() {
        assertField("capacity", () -> GroupSettings.of("g", 0, null, null, null, null));
        assertField("capacity", () -> GroupSettings.of("g", 3001, null, null, null, null));
        assertEquals(1, GroupSettings.of("g", 1, null, null, null, null).capacity());
        assertEquals(3000, GroupSettings.of("g", 3000, null, null, null, null).capacity());
    }

    @Test
    void welcomeMessageIsAtMostAThousandCharacters() {
        assertField("welcomeMessage", () -> GroupSettings.of("g", null, null, null, "w".repeat(1001), null));
        assertEquals(1000, GroupSettings.of("g", null, null, null, "w".repeat(1000), null).welcomeMessage().length());
        assertEquals("Welcome!\nRules: be kind.", GroupSettings.of("g", null, null, null, "Welcome!\nRules: be kind.", null).welcomeMessage());
    }

    @Test
    void unknownEnumValuesAreRefusedNamingTheirField() {
        assertField("joinPolicy", () -> GroupSettings.of("g", null, "invite", null, null, null));
        assertField("category", () -> GroupSettings.of("g", null, null, "bank", null, null));
        assertField("preset", () -> GroupSettings.of("g", null, null, null, null, "telegram"));
    }

    private static void assertPreset(String preset, int capacity, long ttl) {
        GroupSettings s = GroupSettings.of("g", null, null, null, null, preset);
        assertEquals(capacity, s.capacity(), preset);
        assertEquals(ttl, s.defaultCodeTtlSeconds(), preset);
        assertEquals(preset, s.preset().wireName());
    }

    private static void assertField(String field, Executable call) {
        RefusalException e = assertThrows(RefusalException.class, call);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
