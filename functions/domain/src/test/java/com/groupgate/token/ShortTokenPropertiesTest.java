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

/** Short (v2) tokens for any fields: they round-trip, and no change to one verifies. */
class ShortTokenPropertiesTest {
    private static final KeyRing RING = KeyRing.of(key(1), key(2));

    @Property(tries = 2000)
    void anyShortTokenRoundTripsWithItsFields(@ForAll long code, @ForAll long tenant,
                                              @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long expiry,
                                              @ForAll @Size(4) byte[] salt,
                                              @ForAll @LongRange(min = 0, max = 0x1FFFFFFFFL) long now) {
        String text = TokenCodec.issueShort(RING, new Id(code), new Id(tenant), expiry, salt);
        ScanToken expected = new ScanToken(2, CodeKind.GROUP_CODE, new Id(code), expiry, new Id(tenant), null);
        Verification want = expected.expiredAt(now) ? new Verification.Expired(expected) : new Verification.Valid(expected);
        assertEquals(want, TokenCodec.verify(RING, text, now));
        assertEquals(want, TokenCodec.verify(RING, text.toLowerCase(Locale.ROOT), now));
    }

    @Property(tries = 3000)
    void everyByteFlippedInAnyShortTokenIsRefused(@ForAll long code, @ForAll long tenant,
                                                  @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long expiry,
                                                  @ForAll @Size(4) byte[] salt,
                                                  @ForAll @IntRange(min = 0, max = 40) int at,
                                                  @ForAll @IntRange(min = 1, max = 255) int delta) {
        byte[] bytes = Base32.decodeOrNull(TokenCodec.issueShort(RING, new Id(code), new Id(tenant), expiry, salt));
        bytes[at] ^= (byte) delta;
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, Base32.encode(bytes), 0));
    }

    @Property(tries = 300)
    void everyByteOfAShortTokenFlippedInTurnIsRefused(@ForAll long code, @ForAll long tenant,
                                                      @ForAll @Size(4) byte[] salt,
                                                      @ForAll @IntRange(min = 1, max = 255) int delta) {
        byte[] original = Base32.decodeOrNull(TokenCodec.issueShort(RING, new Id(code), new Id(tenant),
                ScanToken.NEVER, salt));
        for (int at = 0; at < original.length; at++) {
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) delta;
            assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, Base32.encode(bytes), 0), "byte " + at);
        }
    }

    @Property(tries = 2000)
    void randomBytesUnderAKnownVersionAreNeverAShortToken(@ForAll @Size(41) byte[] bytes,
                                                         @ForAll @IntRange(min = 1, max = 2) int version) {
        bytes[0] = (byte) version;
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, Base32.encode(bytes), 0));
    }

    @Property(tries = 2000)
    void randomBase32TextOfAboutTheShortLengthIsNeverAToken(@ForAll("shortBase32Texts") String text) {
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, text, 0));
    }

    @Property(tries = 5000)
    void shortTokenDecodingAgreesWithBase32(@ForAll("shortBase32Texts") String text, @ForAll @Size(41) byte[] bytes) {
        if (text.length() == TokenCodec.SHORT_TEXT_LENGTH) {
            assertArrayEquals(Base32.decodeOrNull(text), TokenCodec.decodeShortText(text));
        }
        String encoded = Base32.encode(bytes);
        assertArrayEquals(bytes, TokenCodec.decodeShortText(encoded));
        assertArrayEquals(bytes, TokenCodec.decodeShortText(encoded.toLowerCase(Locale.ROOT)));
    }

    @Provide
    Arbitrary<String> shortBase32Texts() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567")
                .ofMinLength(65).ofMaxLength(67);
    }
}
