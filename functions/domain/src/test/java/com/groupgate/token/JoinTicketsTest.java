package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static com.groupgate.token.TokenCodecTest.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JoinTicketsTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final Id TICKET = new Id(0x0A0A0A0A0A0A0A0AL);
    private static final Id CODE = new Id(0x0102030405060708L);
    private static final Id TENANT = new Id(0x1111111111111111L);
    private static final Id GROUP = new Id(0x2222222222222222L);
    private static final Id LIVE = new Id(0x3333333333333333L);
    private static final long NOW = 1_800_000_000L;

    private static String ticket(KeyRing ring, Id liveCode) {
        return JoinTickets.issue(ring, TICKET, CODE, TENANT, GROUP, liveCode, NOW);
    }

    private static JoinTicket valid(TicketVerification v) {
        return assertInstanceOf(TicketVerification.Valid.class, v).ticket();
    }

    @Test
    void issuedTicketVerifiesToTheSameFields() {
        assertEquals(new JoinTicket(1, TICKET, CODE, TENANT, GROUP, LIVE, NOW + 600),
                valid(JoinTickets.verify(RING, ticket(RING, LIVE), NOW)));
    }

    @Test
    void groupCodeTicketHasNoLiveCode() {
        assertNull(valid(JoinTickets.verify(RING, ticket(RING, null), NOW)).liveCodeId());
    }

    @Test
    void ticketIs82CharactersOfUnpaddedBase64url() {
        String text = ticket(RING, LIVE);
        assertEquals(JoinTickets.TEXT_LENGTH, text.length());
        assertTrue(text.matches("[A-Za-z0-9_-]{82}"), text);
    }

    @Test
    void ticketIsValidForTenMinutesExactly() {
        String text = ticket(RING, LIVE);
        valid(JoinTickets.verify(RING, text, NOW + 599));
        assertInstanceOf(TicketVerification.Expired.class, JoinTickets.verify(RING, text, NOW + 600));
    }

    @Test
    void everySingleByteTamperIsRefused() {
        byte[] original = Base64.getUrlDecoder().decode(ticket(RING, LIVE));
        for (int i = 0; i < original.length; i++) {
            for (int delta = 1; delta < 256; delta++) {
                byte[] tampered = original.clone();
                tampered[i] ^= (byte) delta;
                String text = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
                assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, text, NOW),
                        "byte " + i + " ^ " + delta);
            }
        }
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        // Includes changes to the last character that only touch its unused low bits: the
        // JDK decoder would accept those, the canonical check does not.
        String text = ticket(RING, LIVE);
        String replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. ";
        for (int i = 0; i < text.length(); i++) {
            for (char c : replacements.toCharArray()) {
                if (c == text.charAt(i)) {
                    continue;
                }
                String changed = text.substring(0, i) + c + text.substring(i + 1);
                assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, changed, NOW),
                        "position " + i + " -> " + c);
            }
        }
    }

    @Test
    void ticketUnderUnknownOrRetiredVersionIsInvalid() {
        String v2 = ticket(KeyRing.of(key(1), key(2)), LIVE);
        assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, v2, NOW));
        assertSame(TicketVerification.Invalid.INSTANCE,
                JoinTickets.verify(KeyRing.of(key(1), key(2).retire()), v2, NOW));
    }

    @Test
    void rotationKeepsTicketsOfOlderActiveVersionsValid() {
        String v1 = ticket(RING, null);
        assertEquals(1, valid(JoinTickets.verify(KeyRing.of(key(1), key(2)), v1, NOW)).keyVersion());
    }

    @Test
    void scanTokenIsNotATicketAndTicketIsNotAToken() {
        String token = TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, NOW + 60,
                new byte[8]);
        assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, token, NOW));
        assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, token.substring(0, 82), NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, ticket(RING, LIVE) + "AAAAA", NOW));
        assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, null, NOW));
    }

    @Test
    void issueRejectsBadArgumentsNamingThem() {
        assertMessageNames("groupId", () -> JoinTickets.issue(RING, TICKET, CODE, TENANT, null, null, NOW));
        assertMessageNames("liveCodeId", () -> JoinTickets.issue(RING, TICKET, CODE, TENANT, GROUP, new Id(0), NOW));
        assertMessageNames("nowEpochSecond", () -> JoinTickets.issue(RING, TICKET, CODE, TENANT, GROUP, null, -1));
    }
}
