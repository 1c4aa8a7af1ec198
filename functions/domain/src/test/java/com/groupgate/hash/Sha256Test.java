package com.groupgate.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    // FIPS 180-2 appendix B.1, and the digest of the empty message.
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hexOfTextIsTheStandardDigestOfItsUtf8InLowercase() {
        assertEquals(ABC, Sha256.hex("abc"));
        assertEquals(EMPTY, Sha256.hex(""));
        assertEquals(Sha256.hex("é".getBytes(StandardCharsets.UTF_8)), Sha256.hex("é"));
    }

    @Test
    void digestOfBytesIsThirtyTwoBytesMatchingTheHex() {
        byte[] raw = Sha256.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(32, raw.length);
        assertEquals(ABC, HexFormat.of().formatHex(raw));
        assertArrayEquals(raw, Sha256.of("abc"));
    }

    @Test
    void aDigestFedInPartsEqualsTheWholeDigest() {
        MessageDigest parts = Sha256.digest();
        parts.update((byte) 'a');
        parts.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Sha256.of("abc"), parts.digest());
        assertNotSame(Sha256.digest(), Sha256.digest());
    }

    @Test
    void hexPrefixIsTheStartOfTheHex() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC.substring(0, 12), Sha256.hexPrefix(abc, 6));
        assertEquals(ABC, Sha256.hexPrefix(abc, 32));
        assertThrows(IllegalArgumentException.class, () -> Sha256.hexPrefix(abc, 33));
    }
}
