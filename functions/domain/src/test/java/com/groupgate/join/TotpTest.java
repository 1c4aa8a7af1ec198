package com.groupgate.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {
    /** RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final long T = 1_234_567_890L;

    @ParameterizedTest(name = "t={0}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void matchesRfc6238Sha1Vectors(long epochSecond, String expected) {
        assertEquals(expected, Totp.withDigits(8).codeAt(RFC_SECRET, epochSecond));
        assertTrue(Totp.withDigits(8).verify(RFC_SECRET, expected, epochSecond));
        // Six digits are the same truncation modulo 10^6: the vector's last six digits.
        assertEquals(expected.substring(2), Totp.PASSCODE.codeAt(RFC_SECRET, epochSecond));
    }

    @Test
    void sixDigitCodesKeepLeadingZeros() {
        assertEquals("081804", Totp.PASSCODE.codeAt(RFC_SECRET, 1_111_111_109L));
        assertEquals("005924", Totp.PASSCODE.codeAt(RFC_SECRET, T));
    }

    @Test
    void codeHoldsForItsWholeThirtySecondStep() {
        long stepStart = T - T % 30;
        String code = Totp.PASSCODE.codeAt(RFC_SECRET, stepStart);
        assertEquals(code, Totp.PASSCODE.codeAt(RFC_SECRET, stepStart + 29));
        assertNotEquals(code, Totp.PASSCODE.codeAt(RFC_SECRET, stepStart + 30));
    }

    @Test
    void verifyAcceptsThePreviousCurrentAndNextStep() {
        String now = Totp.PASSCODE.codeAt(RFC_SECRET, T);
        String previous = Totp.PASSCODE.codeAt(RFC_SECRET, T - 30);
        String next = Totp.PASSCODE.codeAt(RFC_SECRET, T + 30);
        assertTrue(Totp.PASSCODE.verify(RFC_SECRET, now, T));
        assertTrue(Totp.PASSCODE.verify(RFC_SECRET, previous, T));
        assertTrue(Totp.PASSCODE.verify(RFC_SECRET, next, T));
    }

    @Test
    void verifyRefusesCodesTwoStepsAway() {
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, Totp.PASSCODE.codeAt(RFC_SECRET, T - 60), T));
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, Totp.PASSCODE.codeAt(RFC_SECRET, T + 60), T));
    }

    @Test
    void verifyRefusesACodeFromAnotherSecret() {
        byte[] other = "abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertFalse(Totp.PASSCODE.verify(other, Totp.PASSCODE.codeAt(RFC_SECRET, T), T));
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, Totp.PASSCODE.codeAt(other, T), T));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "12345", "1234567", "12345a", " 005924", "005924 ", "-05924", "٠٠٥٩٢٤", "00592４"})
    void verifyRefusesAnythingButSixAsciiDigits(String code) {
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, code, T));
    }

    @Test
    void verifyRefusesNullCode() {
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, null, T));
    }

    @Test
    void eightDigitCodeIsNotASixDigitCode() {
        assertFalse(Totp.PASSCODE.verify(RFC_SECRET, "89005924", T));
    }

    @Test
    void firstStepHasNoPreviousStep() {
        assertTrue(Totp.PASSCODE.verify(RFC_SECRET, Totp.PASSCODE.codeAt(RFC_SECRET, 0), 0));
        assertTrue(Totp.PASSCODE.verify(RFC_SECRET, Totp.PASSCODE.codeAt(RFC_SECRET, 30), 0));
    }

    @Test
    void newSecretIsTwentyRandomBytesWrittenInBase32() {
        byte[] a = Totp.newSecret();
        byte[] b = Totp.newSecret();
        assertEquals(20, a.length);
        assertNotEquals(Totp.secretText(a), Totp.secretText(b));
        String text = Totp.secretText(a);
        assertEquals(32, text.length());
        assertTrue(text.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')), text);
        assertArrayEquals(a, Totp.parseSecretOrNull(text));
        assertArrayEquals(RFC_SECRET, Totp.parseSecretOrNull("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        assertNull(Totp.parseSecretOrNull("not base32!"));
    }

    @Test
    void argumentsAreCheckedWithMessagesNamingThem() {
        assertEquals("digits must be 6..8, was 5", assertThrows(IllegalArgumentException.class, () -> Totp.withDigits(5)).getMessage());
        assertEquals("secret", assertThrows(NullPointerException.class, () -> Totp.PASSCODE.codeAt(null, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Totp.PASSCODE.codeAt(RFC_SECRET, -1))
                .getMessage().startsWith("epochSecond"));
    }
}
