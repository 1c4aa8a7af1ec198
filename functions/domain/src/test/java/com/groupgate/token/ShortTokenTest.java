package com.groupgate.token;

import static com.groupgate.token.Keys.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Base32;
import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The short (v2) group-code token: its layout, its keys, and that v1 tokens verify beside it. */
class ShortTokenTest {
    private static final KeyRing RING = KeyRing.of(key(1));
    private static final Id CODE = new Id(0x0102030405060708L);
    private static final Id TENANT = new Id(0x1111111111111111L);
    private static final Id GROUP = new Id(0x2222222222222222L);
    private static final byte[] SALT = {9, 8, 7, 6};
    private static final long EXPIRY = 1_900_000_000L;
    private static final long NOW = 1_800_000_000L;
    /**
     * A v1 group-code token as codes were issued before v2: key 1, {@link #CODE}, {@link #TENANT},
     * {@link #GROUP}, {@link #EXPIRY}, salt 09 08 07 06 05 04 03 02. Fixed text, so that a change
     * to v1 decoding cannot pass unnoticed.
     */
    private static final String V1_TOKEN =
            "AEAACAQDAQCQMBYIOE73GAAJBADQMBIEAMBM6H7QSERD3VRTSZ2KW3Z7PPNMOKO7OBKXDBDEDOAUOFZM7MNGRJY";

    private static String shortToken() {
        return TokenCodec.issueShort(RING, CODE, TENANT, EXPIRY, SALT);
    }

    @Test
    void shortTokenIs66UppercaseBase32CharactersOf41Bytes() {
        String token = shortToken();
        assertEquals(TokenCodec.SHORT_TEXT_LENGTH, token.length());
        assertTrue(token.matches("[A-Z2-7]{66}"), token);
        assertEquals(TokenCodec.SHORT_BYTES, Base32.decodeOrNull(token).length);
    }

    @Test
    void shortTokenVerifiesToAGroupCodeWithItsTenantAndNoGroup() {
        ScanToken scan = assertInstanceOf(Verification.Valid.class, TokenCodec.verify(RING, shortToken(), NOW)).token();
        assertEquals(new ScanToken(1, CodeKind.GROUP_CODE, CODE, EXPIRY, TENANT, null), scan);
        assertNull(scan.targetId(), "the group is the code item's, not the token's");
        assertInstanceOf(Verification.Expired.class, TokenCodec.verify(RING, shortToken(), EXPIRY));
    }

    @Test
    void layoutMatchesTheDocumentedBytes() throws Exception {
        SigningKey key = key(1);
        byte[] bytes = Base32.decodeOrNull(shortToken());
        assertEquals(1, bytes[0]);
        assertEquals(CODE, Id.fromBytes(bytes, 1));
        assertEquals(EXPIRY, TokenCodec.readUint32(bytes, 9));
        assertArrayEquals(SALT, Arrays.copyOfRange(bytes, 13, 17));

        // Sub-keys of their own: HMAC-SHA256(secret, label), apart from v1's.
        assertArrayEquals(hmac(key.secret(), "groupgate/enc/v2".getBytes(StandardCharsets.US_ASCII)), key.shortEncKey());
        assertArrayEquals(hmac(key.secret(), "groupgate/mac/v2".getBytes(StandardCharsets.US_ASCII)), key.shortMacKey());
        assertFalse(Arrays.equals(key.encKey(), key.shortEncKey()));
        assertFalse(Arrays.equals(key.macKey(), key.shortMacKey()));

        // [17..24] is exactly what the JDK's AES/CTR produces with iv = codeId || salt || 0^32.
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        byte[] iv = new byte[16];
        CODE.writeTo(iv, 0);
        System.arraycopy(SALT, 0, iv, 8, 4);
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.shortEncKey(), "AES"), new IvParameterSpec(iv));
        byte[] plain = new byte[8];
        TENANT.writeTo(plain, 0);
        assertArrayEquals(ctr.doFinal(plain), Arrays.copyOfRange(bytes, 17, 25));

        byte[] tag = hmac(key.shortMacKey(), Arrays.copyOf(bytes, 25));
        assertArrayEquals(Arrays.copyOf(tag, 16), Arrays.copyOfRange(bytes, 25, 41));
    }

    @Test
    void tenantDoesNotAppearInTheClear() {
        String hex = HexFormat.of().formatHex(Base32.decodeOrNull(shortToken()));
        assertFalse(hex.contains("1111111111111111"), hex);
    }

    @Test
    void everySingleByteTamperIsRefused() {
        byte[] original = Base32.decodeOrNull(shortToken());
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
        assertEquals(41 * 255, refused);
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String token = shortToken();
        String replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456701890-_=/+ .é";
        for (int i = 0; i < token.length(); i++) {
            for (char c : replacements.toCharArray()) {
                if (c != token.charAt(i)) {
                    String changed = token.substring(0, i) + c + token.substring(i + 1);
                    assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, changed, NOW),
                            "position " + i + " -> " + c);
                }
            }
        }
        assertInstanceOf(Verification.Valid.class, TokenCodec.verify(RING, token.toLowerCase(Locale.ROOT), NOW));
    }

    @Test
    void nonCanonicalLastCharacterIsRefused() {
        // The last character carries 3 bits and 2 spare ones: only the zero-spare spelling is the token.
        String token = shortToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int last = alphabet.indexOf(token.charAt(65));
        for (int spare = 1; spare < 4; spare++) {
            String other = token.substring(0, 65) + alphabet.charAt(last | spare);
            assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, other, NOW), other);
        }
    }

    @Test
    void v1TokensIssuedBeforeKeepVerifying() {
        assertEquals(V1_TOKEN, TokenCodec.issue(RING, CodeKind.GROUP_CODE, CODE, TENANT, GROUP, EXPIRY,
                new byte[] {9, 8, 7, 6, 5, 4, 3, 2}));
        assertEquals(new Verification.Valid(new ScanToken(1, CodeKind.GROUP_CODE, CODE, EXPIRY, TENANT, GROUP)),
                TokenCodec.verify(RING, V1_TOKEN, NOW));
    }

    @Test
    void aShortTokenUnderARetiredOrUnknownKeyIsRefused() {
        String token = shortToken();
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(KeyRing.of(key(1).retire(), key(2)), token, NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(KeyRing.of(key(2)), token, NOW));
        assertInstanceOf(Verification.Valid.class, TokenCodec.verify(KeyRing.of(key(1), key(2)), token, NOW));
    }

    @Test
    void aV1TokenCutOrPaddedToTheShortLengthIsRefused() {
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, V1_TOKEN.substring(0, 66), NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, shortToken() + "A", NOW));
        assertSame(Verification.Invalid.INSTANCE, TokenCodec.verify(RING, shortToken().substring(1), NOW));
    }

    @Test
    void issueShortRejectsASaltThatIsNot4Bytes() {
        assertThrows(IllegalArgumentException.class,
                () -> TokenCodec.issueShort(RING, CODE, TENANT, EXPIRY, new byte[8]));
        assertThrows(IllegalArgumentException.class,
                () -> TokenCodec.issueShort(RING, CODE, TENANT, 0, SALT));
    }

    @Test
    void scanUrlTakesShortAndV1Tokens() {
        assertEquals("HTTPS://GG.EXAMPLE.CN/S/" + shortToken(), ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/", shortToken()));
        assertEquals(90, ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/", shortToken()).length());
        assertEquals(111, ScanUrl.scanUrl("HTTPS://GG.EXAMPLE.CN/S/", V1_TOKEN).length());
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
