package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reward code verifies for the tenant and campaign that issued it and names its inviter;
 * altered, forged, foreign or lowercased codes verify for nobody.
 */
class RewardCodesTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final Id TENANT = new Id(0x1111111111111111L);
    private static final Id CAMPAIGN = new Id(0x2222222222222222L);
    private static final Id INVITER = new Id(0x3333333333333333L);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aCodeVerifiesForItsTenantAndCampaignAndNamesItsInviter() {
        String code = RewardCodes.issue(RING, TENANT, CAMPAIGN, INVITER, RANDOM);
        assertEquals(RewardCodes.TEXT_LENGTH, code.length(), code);
        assertTrue(code.matches("[A-Z2-7]{48}"), code);
        assertEquals(Optional.of(INVITER), RewardCodes.verify(RING, code, TENANT, CAMPAIGN));
        assertNotEquals(code, RewardCodes.issue(RING, TENANT, CAMPAIGN, INVITER, RANDOM), "each issue is a code of its own");
    }

    @Test
    void anAlteredForgedOrForeignCodeVerifiesForNobody() {
        String code = RewardCodes.issue(RING, TENANT, CAMPAIGN, INVITER, RANDOM);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            String altered = code.substring(0, i) + (c == 'A' ? 'B' : 'A') + code.substring(i + 1);
            assertEquals(Optional.empty(), RewardCodes.verify(RING, altered, TENANT, CAMPAIGN), "changed at " + i);
        }
        assertEquals(Optional.empty(), RewardCodes.verify(RING, code, new Id(9), CAMPAIGN), "another tenant");
        assertEquals(Optional.empty(), RewardCodes.verify(RING, code, TENANT, new Id(9)), "another campaign");
        assertEquals(Optional.empty(), RewardCodes.verify(KeyRing.of(key(2)), code, TENANT, CAMPAIGN), "another key");
        assertEquals(Optional.empty(), RewardCodes.verify(RING, code.toLowerCase(java.util.Locale.ROOT), TENANT, CAMPAIGN));
        assertEquals(Optional.empty(), RewardCodes.verify(RING, "A".repeat(48), TENANT, CAMPAIGN));
        assertEquals(Optional.empty(), RewardCodes.verify(RING, code + "A", TENANT, CAMPAIGN));
        assertEquals(Optional.empty(), RewardCodes.verify(RING, null, TENANT, CAMPAIGN));
    }

    @Test
    void aCodeSignedUnderAVersionRetiredSinceStillVerifies() {
        String old = RewardCodes.issue(RING, TENANT, CAMPAIGN, INVITER, RANDOM);
        KeyRing rotated = KeyRing.of(key(1).retire(), key(2));
        assertEquals(Optional.of(INVITER), RewardCodes.verify(rotated, old, TENANT, CAMPAIGN));
        assertEquals(2, Byte.toUnsignedInt(com.groupgate.id.Base32.decodeOrNull(
                RewardCodes.issue(rotated, TENANT, CAMPAIGN, INVITER, RANDOM))[0]), "new codes under the current key");
    }
}
