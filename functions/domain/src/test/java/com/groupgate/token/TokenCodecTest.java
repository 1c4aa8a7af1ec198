package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Base32;
import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final Id CODE = new Id(0x0102030405060708L);
    private static final Id TENANT = new Id(0x1111111111111111L);
    private static final Id GROUP = new Id(0x2222222222222222L);
    private static final byte[] SALT = {9, 8, 7, 6, 5, 4, 3, 2};
    private static final long EXPIRY = 1_900_000_000L;
    private static final long NOW = 1_800_000_000L;

    private static String groupToken(KeyRing ring) {
        return TokenCodec.issue(ring, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, EXPIRY, SALT);
    }

    private static ScanToken validToken(Verification v) {
        return assertInstanceOf(Verification.Valid.class, v).token();
    }

    @Test
    void issuedTokenVerifiesToTheSameFields() {
        String token = groupToken(RING);
        assertEquals(new ScanToken(1, CodeKind.GROUP_CODE, CODE, EXPIRY, TENANT, GROUP),
                validToken(TokenCodec.verify(RING, token, NOW)));
    }

    @Test
    void liveCodeTokenThatNeverExpiresStaysValidForever() {
        Id liveCode = Id.random();
        String token = TokenCodec.issue(RING, CodeKind.LIVE_CODE, CODE, TENANT, liveCode, ScanToken.NEVER,
                new SecureRandom());
        ScanToken scan = validToken(TokenCodec.verify(RING, token, ScanToken.NEVER + 1_000));
        assertEquals(CodeKind.LIVE_CODE, scan.kind());
        assertEquals(liveCode, scan.targetId());
    }

    @Test
    void tokenIs87UppercaseBase32CharactersOf54Bytes() {
        String token = groupToken(RING);
        assertEquals(TokenCodec.TEXT_LENGTH, token.length());
        assertTrue(token.matches("[A-Z2-7]{87}"), token);
        assertEquals(TokenCodec.BYTES, Base32.decodeOrNull(token).length);
    }

    @Test
    void layoutMatchesTheDocumentedBytes() throws Exception {
        SigningKey key = key(1);
        byte[] bytes = Base32.decodeOrNull(groupToken(RING));
        assertEquals(1, bytes[0]);
        assertEquals(0, bytes[1]);
        assertEquals(CODE, Id.fromBytes(bytes, 2));
        assertEquals(EXPIRY, TokenCodec.readUint32(bytes, 10));
        assertArrayEquals(SALT, java.util.Arrays.copyOfRange(bytes, 14, 22));

        // Sub-keys as specified: HMAC-SHA256(secret, label).
        assertArrayEquals(hmac(key.secret(), "groupgate/enc".getBytes(StandardCharsets.US_ASCII)), key.encKey());
        assertArrayEquals(hmac(key.secret(), "groupgate/mac".getBytes(StandardCharsets.US_ASCII)), key.macKey());

        // [22..37] is exactly what the JDK's AES/CTR produces with iv = salt || codeId.
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        byte[] iv = new byte[16];
        System.arraycopy(SALT, 0, iv, 0, 8);
        CODE.writeTo(iv, 8);
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.encKey(), "AES"), new IvParameterSpec(iv));
        byte[] plain = new byte[16];
        TENANT.writeTo(plain, 0);
        GROUP.writeTo(plain, 8);
        assertArrayEquals(ctr.doFinal(plain), java.util.Arrays.copyOfRange(bytes, 22, 38));

        byte[] tag = hmac(key.macKey(), java.util.Arrays.copyOf(bytes, 38));
        assertArrayEquals(java.util.Arrays.copyOf(tag, 16), java.util.Arrays.copyOfRange(bytes, 38, 54));
    }

    @Test
    void tenantAndGroupDoNotAppearInTheClear() {
        byte[] bytes = Base32.decodeOrNull(groupToken(RING));
        String hex = java.util.HexFormat.of().formatHex(bytes);
        assertFalse(hex.contains("1111111111111111"));
        assertFalse(hex.contains("2222222222222222"));
    }

    @Test
    void everySingleByteTamperIsRefused() {
        byte[] original = Base32.decodeOrNull(groupToken(RING));
        int refused = 0;
        for (int i = 0; i < original.length; i++) {
            for (int delta = 1; delta < 256; delta++) {
                byte[] tampered = original.clone();
                tampered[i] ^= (byte) delta;
                assertSame(Verification.Invalid.INSTANCE,
                        TokenCodec.verify(RING, Base32.encode(tampered), NOW), "byte " + i + " ^ " + delta);
                refused++;
            }
        }
        assertEquals(54 * 255, refused);
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        // A case change spells the same bytes (lowercase is accepted); every other change
        // is a different token or not a token at all.
        String token = groupToken(RING);
        String replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456701890-_=/+ .é";
        for (int i = 0; i < token.length(); i++) {
            for (char c : replacements.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String changed = token.substring(0, i) + c + token.substring(i + 1);
                assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, changed, NOW),
                        "position " + i + " -> " + c);
            }
        }
    }

    @Test
    void truncatedOrExtendedTokensAreRefused() {
        String token = groupToken(RING);
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, token.substring(1), NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, token + "A", NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, "", NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, null, NOW));
    }

    @Test
    void lowercaseTokenIsAccepted() {
        String token = groupToken(RING);
        assertEquals(TokenCodec.verify(RING, token, NOW),
                TokenCodec.verify(RING, token.toLowerCase(Locale.ROOT), NOW));
        validToken(TokenCodec.verify(RING, token.toLowerCase(Locale.ROOT), NOW));
    }

    @Test
    void tokenIsValidUntilTheSecondBeforeExpiryAndExpiredFromExpiry() {
        String token = groupToken(RING);
        validToken(TokenCodec.verify(RING, token, EXPIRY - 1));
        Verification atExpiry = TokenCodec.verify(RING, token, EXPIRY);
        assertEquals(new ScanToken(1, CodeKind.GROUP_CODE, CODE, EXPIRY, TENANT, GROUP),
                assertInstanceOf(Verification.Expired.class, atExpiry).token());
        assertInstanceOf(Verification.Expired.class, TokenCodec.verify(RING, token, EXPIRY + 86_400));
    }

    @Test
    void forgedExpiredTokenIsInvalidNotExpired() {
        byte[] bytes = Base32.decodeOrNull(groupToken(RING));
        bytes[53] ^= 1;
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, Base32.encode(bytes), EXPIRY + 1));
    }

    @Test
    void tokenUnderUnknownVersionIsInvalid() {
        String token = groupToken(KeyRing.of(key(7)));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, token, NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(KeyRing.of(key(1), key(2)), token, NOW));
    }

    @Test
    void tokenUnderSameVersionButAnotherSecretIsInvalid() {
        byte[] otherSecret = new byte[32];
        otherSecret[0] = 42;
        String token = groupToken(KeyRing.of(new SigningKey(1, otherSecret, false)));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, token, NOW));
    }

    @Test
    void tokenUnderRetiredVersionIsInvalidLikeAForgery() {
        String token = groupToken(KeyRing.of(key(1), key(2)));
        KeyRing retiredV2 = KeyRing.of(key(1), key(2).retire(), key(3));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(retiredV2, token, NOW));
        // Expired or not, a retired key's token is the same Invalid.
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(retiredV2, token, EXPIRY + 1));
    }

    @Test
    void rotationKeepsTokensOfOlderActiveVersionsValid() {
        String v1Token = groupToken(KeyRing.of(key(1)));
        KeyRing rotated = KeyRing.of(key(1), key(2));
        assertEquals(2, rotated.current().version());
        assertEquals(1, validToken(TokenCodec.verify(rotated, v1Token, NOW)).keyVersion());
        String v2Token = groupToken(rotated);
        assertEquals(2, validToken(TokenCodec.verify(rotated, v2Token, NOW)).keyVersion());
        assertNotEquals(v1Token, v2Token);
    }

    @Test
    void issueRejectsBadArgumentsNamingThem() {
        SecureRandom random = new SecureRandom();
        assertMessageNames("expiresAtEpochSecond", () ->
                TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, 0, random));
        assertMessageNames("expiresAtEpochSecond", () ->
                TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, ScanToken.NEVER + 1, random));
        assertMessageNames("salt", () ->
                TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, EXPIRY, new byte[7]));
        assertMessageNames("kind", () -> TokenCodec.issue(RING, null, CODE, TENANT, GROUP, EXPIRY, random));
        assertMessageNames("codeId", () ->
                TokenCodec.issue(RING, CodeKind.GROUP_CODE, null, TENANT, GROUP, EXPIRY, random));
        assertMessageNames("nowEpochSecond", () -> TokenCodec.verify(RING, "x", -1));
    }

    @Test
    void saltMakesEachIssueDistinct() {
        SecureRandom random = new SecureRandom();
        String a = TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, EXPIRY, random);
        String b = TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, EXPIRY, random);
        assertNotEquals(a, b);
        assertEquals(validToken(TokenCodec.verify(RING, a, NOW)), validToken(TokenCodec.verify(RING, b, NOW)));
    }

    static void assertMessageNames(String argument, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(argument),
                "message should name " + argument + ": " + e.getMessage());
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
