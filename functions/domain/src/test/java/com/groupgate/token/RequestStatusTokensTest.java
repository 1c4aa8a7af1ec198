package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A statusUrl's token: names one request of one tenant, for 30 days, and cannot be made up or altered. */
class RequestStatusTokensTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final Id TENANT = new Id(0x1111111111111111L);
    private static final Id REQUEST = new Id(0x4444444444444444L);
    private static final long NOW = 1_800_000_000L;

    /** Pinned text: links already handed out keep verifying whatever the code behind them becomes. */
    @Test
    void aTokenUnderAFixedKeyIsTheTextItHasAlwaysBeen() {
        KeyRing ring = KeyRing.of(key(7));
        String token = RequestStatusTokens.issue(ring, new Id(0x0123456789ABCDEFL), new Id(0x0FEDCBA987654321L), NOW);
        assertEquals("BwEjRWeJq83vD-3LqYdlQyFrcV8AphTc60w9BNYxdcw0fHLCDA", token);
        assertEquals(Optional.of(new RequestStatusTokens.RequestRef(new Id(0x0123456789ABCDEFL), new Id(0x0FEDCBA987654321L))),
                RequestStatusTokens.verify(ring, token, NOW));
    }

    @Test
    void aTokenNamesItsRequestUntilItExpires() {
        String token = RequestStatusTokens.issue(RING, TENANT, REQUEST, NOW);
        assertEquals(50, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe: " + token);
        var ref = Optional.of(new RequestStatusTokens.RequestRef(TENANT, REQUEST));
        assertEquals(ref, RequestStatusTokens.verify(RING, token, NOW));
        assertEquals(ref, RequestStatusTokens.verify(RING, token, NOW + RequestStatusTokens.VALIDITY_SECONDS - 1));
        assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, token, NOW + RequestStatusTokens.VALIDITY_SECONDS));
    }

    @Test
    void anAlteredOrForeignTokenNamesNothing() {
        String token = RequestStatusTokens.issue(RING, TENANT, REQUEST, NOW);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, altered, NOW), "changed at " + i);
        }
        assertEquals(Optional.empty(), RequestStatusTokens.verify(KeyRing.of(key(2)), token, NOW), "another key");
        assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, token + "A", NOW));
        assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, null, NOW));
        assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, "not base64!", NOW));
        // A join ticket under the same key is not a status token: the keys are derived apart.
        String ticket = JoinTickets.issue(RING, new Id(7), new Id(8), TENANT, new Id(9), null, NOW);
        assertEquals(Optional.empty(), RequestStatusTokens.verify(RING, ticket, NOW));
    }

    @Test
    void aTokenFromARetiredVersionStillVerifiesWhileTheVersionIsInTheRing() {
        String old = RequestStatusTokens.issue(RING, TENANT, REQUEST, NOW);
        KeyRing rotated = KeyRing.of(key(1), key(2));
        assertEquals(REQUEST, RequestStatusTokens.verify(rotated, old, NOW).orElseThrow().requestId());
        assertEquals(REQUEST, RequestStatusTokens.verify(rotated,
                RequestStatusTokens.issue(rotated, TENANT, REQUEST, NOW), NOW).orElseThrow().requestId());
    }
}
