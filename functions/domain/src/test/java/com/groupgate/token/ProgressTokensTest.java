package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A progressUrl's token: names one invite of one campaign of one tenant, for a year, and
 * cannot be made up, altered, moved to another tenant or passed off as another token.
 */
class ProgressTokensTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final TenantId TENANT = new TenantId(new Id(0x1111111111111111L));
    private static final TenantId OTHER_TENANT = new TenantId(new Id(0x2222222222222222L));
    private static final CampaignId CAMPAIGN = new CampaignId(new Id(0x3333333333333333L));
    private static final Id INVITE = new Id(0x4444444444444444L);
    private static final long NOW = 1_800_000_000L;

    /** Pinned text: progress links already handed out keep verifying whatever the code behind them becomes. */
    @Test
    void aTokenUnderAFixedKeyIsTheTextItHasAlwaysBeen() {
        KeyRing ring = KeyRing.of(key(7));
        TenantId tenant = new TenantId(new Id(0x0123456789ABCDEFL));
        CampaignId campaign = new CampaignId(new Id(0x1122334455667788L));
        Id invite = new Id(0x0FEDCBA987654321L);
        String token = ProgressTokens.issue(ring, tenant, campaign, invite, NOW);
        assertEquals("BwEjRWeJq83vESIzRFVmd4gP7cuph2VDIW0rBYAQ4ozi_9HM_UAbf1ucwfYx", token);
        assertEquals(Optional.of(new ProgressTokens.InviteRef(tenant, campaign, invite)), ProgressTokens.verify(ring, token, NOW));
    }

    @Test
    void aTokenNamesItsInviteUntilItExpires() {
        String token = ProgressTokens.issue(RING, TENANT, CAMPAIGN, INVITE, NOW);
        assertEquals(ProgressTokens.TEXT_LENGTH, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe: " + token);
        var ref = Optional.of(new ProgressTokens.InviteRef(TENANT, CAMPAIGN, INVITE));
        assertEquals(ref, ProgressTokens.verify(RING, token, NOW));
        assertEquals(ref, ProgressTokens.verify(RING, token, NOW + ProgressTokens.VALIDITY_SECONDS - 1));
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, token, NOW + ProgressTokens.VALIDITY_SECONDS));
    }

    @Test
    void anAlteredOrForeignTokenNamesNothing() {
        String token = ProgressTokens.issue(RING, TENANT, CAMPAIGN, INVITE, NOW);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertEquals(Optional.empty(), ProgressTokens.verify(RING, altered, NOW), "changed at " + i);
        }
        assertEquals(Optional.empty(), ProgressTokens.verify(KeyRing.of(key(2)), token, NOW), "another key");
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, token + "A", NOW));
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, null, NOW));
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, "not base64!", NOW));
    }

    @Test
    void anotherTenantsIdWrittenIntoAGenuineTokenNamesNothing() {
        byte[] bytes = Base64.getUrlDecoder().decode(ProgressTokens.issue(RING, TENANT, CAMPAIGN, INVITE, NOW));
        OTHER_TENANT.id().writeTo(bytes, 1);
        String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, swapped, NOW));
    }

    @Test
    void noOtherTokenUnderTheSameKeyPassesForAProgressToken() {
        String status = RequestStatusTokens.issue(RING, TENANT.id(), INVITE, NOW);
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, status, NOW));
        String ticket = JoinTickets.issue(RING, new Id(7), CAMPAIGN.id(), TENANT.id(), new Id(9), null, NOW);
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, ticket, NOW));
        String invite = TokenCodec.issue(RING, CodeKind.INVITE, CAMPAIGN.id(), TENANT.id(), INVITE, ScanToken.NEVER,
                new byte[TokenCodec.SALT_BYTES]);
        assertEquals(Optional.empty(), ProgressTokens.verify(RING, invite, NOW), "an invite's own token");
    }

    @Test
    void aTokenFromARetiredVersionStillVerifiesWhileTheVersionIsInTheRing() {
        String old = ProgressTokens.issue(RING, TENANT, CAMPAIGN, INVITE, NOW);
        KeyRing rotated = KeyRing.of(key(1), key(2));
        assertEquals(INVITE, ProgressTokens.verify(rotated, old, NOW).orElseThrow().inviteId());
    }
}
