package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.groupgate.id.Base32;
import com.groupgate.id.Id;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TokenPropertiesTest {
    private static final KeyRing RING = KeyRing.of(key(1), key(2));

    @Property(tries = 2000)
    void anyTokenRoundTripsWithItsFields(@ForAll long code, @ForAll long tenant, @ForAll long target,
                                         @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long expiry,
                                         @ForAll @Size(8) byte[] salt, @ForAll boolean live,
                                         @ForAll @LongRange(min = 0, max = 0x1FFFFFFFFL) long now) {
        CodeKind kind = live ? CodeKind.LIVE_CODE : CodeKind.GROUP_CODE;
        String text = TokenCodec.issue(RING, kind, new Id(code), new Id(tenant), new Id(target), expiry, salt);
        ScanToken expected = new ScanToken(2, kind, new Id(code), expiry, new Id(tenant), new Id(target));
        Verification v = TokenCodec.verify(RING, text, now);
        Verification want = expected.expiredAt(now) ? new Verification.Expired(expected) : new Verification.Valid(expected);
        assertEquals(want, v);
    }

    @Property(tries = 2000)
    void randomBase32TextIsNeverAToken(@ForAll("base32Texts") String text) {
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, text, 0));
    }

    @Property(tries = 2000)
    void randomBytesUnderAKnownVersionAreNeverAToken(@ForAll @Size(54) byte[] bytes,
                                                     @ForAll @IntRange(min = 1, max = 2) int version) {
        bytes[0] = (byte) version;
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, Base32.encode(bytes), 0));
    }

    @Property(tries = 5000)
    void tokenDecodingAgreesWithBase32(@ForAll("base32Texts") String text, @ForAll @Size(54) byte[] bytes) {
        if (text.length() == TokenCodec.TEXT_LENGTH) {
            assertArrayEquals(Base32.decodeOrNull(text), TokenCodec.decodeText(text));
        }
        String encoded = Base32.encode(bytes);
        assertArrayEquals(bytes, TokenCodec.decodeText(encoded));
        assertArrayEquals(bytes,
                TokenCodec.decodeText(encoded.toLowerCase(Locale.ROOT)));
    }

    @Property(tries = 2000)
    void randomStringsAreNeverAToken(@ForAll String text) {
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, text, 0));
    }

    @Property(tries = 1000)
    void anyTicketRoundTrips(@ForAll long ticket, @ForAll long code, @ForAll long tenant, @ForAll long group,
                             @ForAll long live, @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL - 600) long now) {
        Id liveCode = live == 0 ? null : new Id(live);
        String text = JoinTickets.issue(RING, new Id(ticket), new Id(code), new Id(tenant), new Id(group), liveCode, now);
        assertEquals(new TicketVerification.Valid(new JoinTicket(2, new Id(ticket), new Id(code), new Id(tenant),
                new Id(group), liveCode, now + 600)), JoinTickets.verify(RING, text, now));
    }

    @Property(tries = 2000)
    void randomBase64TextIsNeverATicket(@ForAll("base64Texts") String text) {
        assertSame(TicketVerification.Invalid.INSTANCE, JoinTickets.verify(RING, text, 0));
    }

    @Provide
    Arbitrary<String> base32Texts() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567")
                .ofMinLength(86).ofMaxLength(88);
    }

    @Provide
    Arbitrary<String> base64Texts() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                .ofMinLength(81).ofMaxLength(83);
    }
}
