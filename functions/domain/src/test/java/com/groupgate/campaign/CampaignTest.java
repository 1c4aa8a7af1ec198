package com.groupgate.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.id.CampaignId;
import com.groupgate.id.GroupId;
import com.groupgate.id.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CampaignTest {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    private static CampaignSettings settings(Instant endsAt) {
        return CampaignSettings.of("Invite 3", 3, "a free month", endsAt, null, null, NOW);
    }

    private static Campaign campaign(Instant endsAt) {
        return new Campaign(TenantId.random(), CampaignId.random(), CampaignTarget.group(GroupId.random()),
                settings(endsAt), CampaignStatus.ACTIVE, java.time.ZoneId.of("Asia/Shanghai"), NOW, null);
    }

    @Test
    void leftOutSettingsTakeTheDefaults() {
        CampaignSettings s = settings(null);
        assertEquals(CampaignSettings.DEFAULT_QUALIFY_AFTER_MINUTES, s.qualifyAfterMinutes());
        assertEquals(CampaignSettings.DEFAULT_PER_INVITER_DAILY_LIMIT, s.perInviterDailyLimit());
        assertNull(s.endsAt());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, -1})
    void goalOutsideOneToAHundredIsRefusedNamingGoal(int goal) {
        RefusalException e = assertThrows(RefusalException.class,
                () -> CampaignSettings.of("n", goal, "r", null, null, null, NOW));
        assertEquals("goal", e.field());
    }

    @Test
    void eachBadFieldIsNamed() {
        assertEquals("goal", field(() -> CampaignSettings.of("n", null, "r", null, null, null, NOW)));
        assertEquals("name", field(() -> CampaignSettings.of(" ", 3, "r", null, null, null, NOW)));
        assertEquals("name", field(() -> CampaignSettings.of("x".repeat(101), 3, "r", null, null, null, NOW)));
        assertEquals("reward", field(() -> CampaignSettings.of("n", 3, null, null, null, null, NOW)));
        assertEquals("reward", field(() -> CampaignSettings.of("n", 3, "a\u0000b", null, null, null, NOW)));
        assertEquals("endsAt", field(() -> CampaignSettings.of("n", 3, "r", NOW, null, null, NOW)));
        assertEquals("qualifyAfterMinutes", field(() -> CampaignSettings.of("n", 3, "r", null, 4321, null, NOW)));
        assertEquals("perInviterDailyLimit", field(() -> CampaignSettings.of("n", 3, "r", null, null, 0, NOW)));
    }

    @Test
    void aRewardMayHoldLineBreaks() {
        assertEquals("line 1\nline 2", CampaignSettings.of("n", 3, "line 1\nline 2", null, null, null, NOW).reward());
    }

    @Test
    void aCampaignIsActiveUntilItsEndsAtAndReadsEndedFromThen() {
        Campaign c = campaign(NOW.plus(Duration.ofDays(1)));
        assertTrue(c.activeAt(NOW.plus(Duration.ofDays(1)).minusSeconds(1)));
        assertFalse(c.activeAt(NOW.plus(Duration.ofDays(1))));
        assertEquals(CampaignStatus.ENDED, c.statusAt(NOW.plus(Duration.ofDays(2))));
    }

    @Test
    void endingRecordsWhenAndAnEndedCampaignCannotChangeAgain() {
        Campaign ended = campaign(null).with(new Campaign.Change(null, false, null, CampaignStatus.ENDED), NOW);
        assertEquals(CampaignStatus.ENDED, ended.status());
        assertEquals(NOW, ended.endedAt());
        assertFalse(ended.activeAt(NOW));
        RefusalException e = assertThrows(RefusalException.class,
                () -> ended.with(new Campaign.Change("more", false, null, null), NOW));
        assertEquals(Refusal.CONFLICT, e.refusal());
        assertEquals("status", e.field());
    }

    @Test
    void aChangeKeepsWhatItDoesNotNameAndMayOpenTheEnd() {
        Campaign c = campaign(NOW.plus(Duration.ofDays(1)));
        Campaign changed = c.with(new Campaign.Change("two free months", true, null, null), NOW);
        assertEquals("two free months", changed.settings().reward());
        assertNull(changed.settings().endsAt());
        assertEquals(c.settings().goal(), changed.settings().goal());
        assertEquals("endsAt", field(() -> c.with(new Campaign.Change(null, true, NOW, null), NOW)));
    }

    private static String field(Runnable r) {
        return assertThrows(RefusalException.class, r::run).field();
    }
}
