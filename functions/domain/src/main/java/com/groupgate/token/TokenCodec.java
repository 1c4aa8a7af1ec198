package com.groupgate.token;

import com.groupgate.id.Base32;
import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Issues and verifies scan tokens: the part of a scan URL after {@code /S/}. Two formats,
 * told apart by their length (a token's text length is its format version), verify side by
 * side, so that codes issued before the short format keep working.
 *
 * <p>Format v1 (live codes, and group codes issued before v2), 54 bytes, written as 87
 * uppercase base32 characters so that the whole URL stays in QR alphanumeric mode:
 * <pre>
 *  [0]       key version
 *  [1]       kind (0 group code, 1 live code)
 *  [2..9]    code id
 *  [10..13]  expiry, uint32 big-endian epoch seconds (0xFFFFFFFF = never)
 *  [14..21]  random salt
 *  [22..37]  AES-256-CTR(encKey, iv = salt || codeId) of tenantId || targetId
 *  [38..53]  first 16 bytes of HMAC-SHA256(macKey, bytes[0..37])
 * </pre>
 * The tag covers everything before it, so no byte can change unnoticed. CTR must never
 * reuse an IV under one key: the IV holds the code id and 64 random bits, so two tokens
 * share one only if the same code draws the same salt twice.
 *
 * <p>Format v2, short (group codes), 41 bytes = 66 base32 characters (328 bits, the last
 * character's two spare bits zero), so that a 24-character base plus the token is 90
 * characters: QR version 4 at level M holds exactly 90 alphanumeric characters.
 * <pre>
 *  [0]       key version
 *  [1..8]    code id
 *  [9..12]   expiry, uint32 big-endian epoch seconds (0xFFFFFFFF = never)
 *  [13..16]  random salt
 *  [17..24]  AES-256-CTR(encKeyV2, iv = codeId || salt || 0^32) of tenantId
 *  [25..40]  first 16 bytes of HMAC-SHA256(macKeyV2, bytes[0..24])
 * </pre>
 * The kind is implied (group code). The group id is not carried: the scan reads the code's
 * item by tenant and code id anyway, and the item names the group. The salt is 32 bits: for
 * one code id the sealed plaintext (its tenant) never changes, so a repeated IV reveals only
 * that two tokens of the same code have the same tenant — already implied by the code id.
 * The v2 keys are derived apart from v1's, so neither format's keystream or tag is the other's.
 *
 * <p>Verification is CPU only (no I/O): one base32 decode, one HMAC and one AES block.
 */
public final class TokenCodec {
    public static final int BYTES = 54;
    /** Characters in a token's text. */
    public static final int TEXT_LENGTH = 87;
    public static final int SALT_BYTES = 8;
    /** Bytes of a short (v2) token. */
    public static final int SHORT_BYTES = 41;
    /** Characters in a short (v2) token's text. */
    public static final int SHORT_TEXT_LENGTH = 66;
    /** Bytes of a short (v2) token's salt. */
    public static final int SHORT_SALT_BYTES = 4;

    private static final int VERSION = 0;
    private static final int KIND = 1;
    private static final int CODE_ID = 2;
    private static final int EXPIRY = 10;
    private static final int SALT = 14;
    private static final int SEALED = 22;
    private static final int SEALED_BYTES = 16;
    private static final int TAG = 38;
    private static final int TAG_BYTES = 16;

    private static final int SHORT_CODE_ID = 1;
    private static final int SHORT_EXPIRY = 9;
    private static final int SHORT_SALT = 13;
    private static final int SHORT_SEALED = 17;
    private static final int SHORT_TAG = 25;

    // Indexed by Latin-1 code: 0..31 for base32 letters and digits (either case), else -1.
    private static final byte[] BASE32_VALUES = new byte[256];

    static {
        Arrays.fill(BASE32_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE32_VALUES[alphabet.charAt(i)] = (byte) i;
            BASE32_VALUES[Character.toLowerCase(alphabet.charAt(i))] = (byte) i;
        }
    }

    private TokenCodec() {
    }

    /** A new token under the ring's current key, with a fresh salt from {@code random}. */
    public static String issue(KeyRing ring, CodeKind kind, Id codeId, Id tenantId, Id targetId,
                               long expiresAtEpochSecond, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return issue(ring, kind, codeId, tenantId, targetId, expiresAtEpochSecond, salt);
    }

    /**
     * A token with the given 8-byte {@code salt}: deterministic, for fixtures and tests.
     * Production passes a {@link SecureRandom}; a repeated salt for one code id repeats the
     * AES keystream.
     */
    public static String issue(KeyRing ring, CodeKind kind, Id codeId, Id tenantId, Id targetId,
                               long expiresAtEpochSecond, byte[] salt) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(salt, "salt");
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be 8 bytes, was " + salt.length);
        }
        SigningKey key = ring.current();
        // The record checks every field.
        ScanToken token = new ScanToken(key.version(), kind, codeId, expiresAtEpochSecond, tenantId, targetId);
        return Base32.encode(encode(key, token, salt));
    }

    /**
     * A new short (v2) group-code token under the ring's current key, with a fresh 4-byte
     * salt from {@code random}.
     */
    public static String issueShort(KeyRing ring, Id codeId, Id tenantId, long expiresAtEpochSecond,
                                    SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[SHORT_SALT_BYTES];
        random.nextBytes(salt);
        return issueShort(ring, codeId, tenantId, expiresAtEpochSecond, salt);
    }

    /** A short (v2) group-code token with the given 4-byte {@code salt}: deterministic. */
    public static String issueShort(KeyRing ring, Id codeId, Id tenantId, long expiresAtEpochSecond, byte[] salt) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(salt, "salt");
        if (salt.length != SHORT_SALT_BYTES) {
            throw new IllegalArgumentException("salt must be 4 bytes, was " + salt.length);
        }
        SigningKey key = ring.current();
        ScanToken token = new ScanToken(key.version(), CodeKind.GROUP_CODE, codeId, expiresAtEpochSecond,
                tenantId, null);
        return Base32.encode(encodeShort(key, token, salt));
    }

    static byte[] encodeShort(SigningKey key, ScanToken token, byte[] salt) {
        byte[] out = new byte[SHORT_BYTES];
        out[VERSION] = (byte) key.version();
        token.codeId().writeTo(out, SHORT_CODE_ID);
        writeUint32(out, SHORT_EXPIRY, token.expiresAtEpochSecond());
        System.arraycopy(salt, 0, out, SHORT_SALT, SHORT_SALT_BYTES);
        token.tenantId().writeTo(out, SHORT_SEALED);
        applyShortKeystream(key, out);
        byte[] mac = shortTag(key, out);
        System.arraycopy(mac, 0, out, SHORT_TAG, TAG_BYTES);
        return out;
    }

    static byte[] encode(SigningKey key, ScanToken token, byte[] salt) {
        byte[] out = new byte[BYTES];
        out[VERSION] = (byte) key.version();
        out[KIND] = (byte) token.kind().code();
        token.codeId().writeTo(out, CODE_ID);
        writeUint32(out, EXPIRY, token.expiresAtEpochSecond());
        System.arraycopy(salt, 0, out, SALT, SALT_BYTES);
        token.tenantId().writeTo(out, SEALED);
        token.targetId().writeTo(out, SEALED + Id.BYTES);
        applyKeystream(key, out);
        byte[] mac = tag(key, out);
        System.arraycopy(mac, 0, out, TAG, TAG_BYTES);
        return out;
    }

    /**
     * Verifies {@code token} (either case; null and anything else malformed are
     * {@link Verification.Invalid}) at {@code nowEpochSecond}.
     */
    public static Verification verify(KeyRing ring, CharSequence token, long nowEpochSecond) {
        Objects.requireNonNull(ring, "ring");
        if (nowEpochSecond < 0) {
            throw new IllegalArgumentException("nowEpochSecond must be >= 0, was " + nowEpochSecond);
        }
        if (token == null) {
            return Verification.Invalid.INSTANCE;
        }
        if (token.length() == SHORT_TEXT_LENGTH) {
            return verifyShort(ring, token, nowEpochSecond);
        }
        if (token.length() != TEXT_LENGTH) {
            return Verification.Invalid.INSTANCE;
        }
        byte[] bytes = decodeText(token);
        if (bytes == null) {
            return Verification.Invalid.INSTANCE;
        }
        SigningKey key = ring.activeOrNull(bytes[VERSION] & 0xFF);
        if (key == null) {
            return Verification.Invalid.INSTANCE;
        }
        byte[] expected = tag(key, bytes);
        // Constant time, so that the response time does not reveal how much of a forged tag
        // was right; nothing is decrypted or reported expired before the tag is authentic.
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, TAG_BYTES), Arrays.copyOfRange(bytes, TAG, BYTES))) {
            return Verification.Invalid.INSTANCE;
        }
        applyKeystream(key, bytes);
        CodeKind kind = CodeKind.fromCodeOrNull(bytes[KIND]);
        long expiry = readUint32(bytes, EXPIRY);
        if (kind == null || expiry == 0) {
            // Authentic but not something issue() writes: a bug elsewhere, never a caller's.
            return Verification.Invalid.INSTANCE;
        }
        ScanToken scan = new ScanToken(key.version(), kind, Id.fromBytes(bytes, CODE_ID), expiry,
                Id.fromBytes(bytes, SEALED), Id.fromBytes(bytes, SEALED + Id.BYTES));
        return scan.expiredAt(nowEpochSecond) ? new Verification.Expired(scan) : new Verification.Valid(scan);
    }

    private static Verification verifyShort(KeyRing ring, CharSequence token, long nowEpochSecond) {
        byte[] bytes = decodeShortText(token);
        if (bytes == null) {
            return Verification.Invalid.INSTANCE;
        }
        SigningKey key = ring.activeOrNull(bytes[VERSION] & 0xFF);
        if (key == null) {
            return Verification.Invalid.INSTANCE;
        }
        byte[] expected = shortTag(key, bytes);
        // Constant time, as in v1; nothing is decrypted before the tag is authentic.
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, TAG_BYTES),
                Arrays.copyOfRange(bytes, SHORT_TAG, SHORT_BYTES))) {
            return Verification.Invalid.INSTANCE;
        }
        applyShortKeystream(key, bytes);
        long expiry = readUint32(bytes, SHORT_EXPIRY);
        if (expiry == 0) {
            // Authentic but not something issueShort() writes.
            return Verification.Invalid.INSTANCE;
        }
        ScanToken scan = new ScanToken(key.version(), CodeKind.GROUP_CODE, Id.fromBytes(bytes, SHORT_CODE_ID),
                expiry, Id.fromBytes(bytes, SHORT_SEALED), null);
        return scan.expiredAt(nowEpochSecond) ? new Verification.Expired(scan) : new Verification.Valid(scan);
    }

    /**
     * The 54 bytes an 87-character text spells, or null when it is not canonical base32
     * (either case): the same answer as {@link Base32#decodeOrNull}, in eight-character
     * groups without a branch per character, because decoding was a third of verify's time.
     * Canonical only — the three unused bits of the last character must be zero — so that
     * no two texts are one token.
     */
    static byte[] decodeText(CharSequence text) {
        // One bulk copy to Latin-1 bytes, then plain array reads: per-character charAt
        // cost more than the rest of the decoding. Characters above U+00FF become '?',
        // which is outside the alphabet like every other stranger.
        byte[] chars = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[BYTES];
        // 80 characters: ten groups of 8 characters = 40 bits = 5 bytes.
        int invalid = decodeGroups(chars, out, 10);
        // The last 7 characters: 35 bits = 4 bytes and 3 bits that must be zero.
        long bits = 0;
        for (int c = 80; c < TEXT_LENGTH; c++) {
            int v = BASE32_VALUES[chars[c] & 0xFF];
            invalid |= v;
            bits = (bits << 5) | (v & 31);
        }
        if (invalid < 0 || (bits & 7) != 0) {
            return null;
        }
        writeUint32(out, 50, bits >>> 3);
        return out;
    }

    /**
     * The 41 bytes a 66-character text spells, or null when it is not canonical base32
     * (either case; the last character's two spare bits must be zero), as {@link #decodeText}.
     */
    static byte[] decodeShortText(CharSequence text) {
        byte[] chars = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[SHORT_BYTES];
        // 64 characters: eight groups of 8 characters = 40 bytes.
        int invalid = decodeGroups(chars, out, 8);
        // The last 2 characters: 10 bits = 1 byte and 2 bits that must be zero.
        int v0 = BASE32_VALUES[chars[64] & 0xFF];
        int v1 = BASE32_VALUES[chars[65] & 0xFF];
        invalid |= v0 | v1;
        if (invalid < 0 || (v1 & 3) != 0) {
            return null;
        }
        out[40] = (byte) ((v0 << 3) | (v1 >>> 2));
        return out;
    }

    /**
     * Decodes {@code groups} groups of 8 characters into 5 bytes each; returns the OR of every
     * character's value, negative when any was outside the alphabet. The eight values of a
     * group are combined side by side rather than shifted in one after another, which halves
     * the time; a -1 (invalid) garbles the group, but then all is refused.
     */
    private static int decodeGroups(byte[] chars, byte[] out, int groups) {
        int invalid = 0;
        for (int group = 0; group < groups; group++) {
            int c = group * 8;
            int v0 = BASE32_VALUES[chars[c] & 0xFF];
            int v1 = BASE32_VALUES[chars[c + 1] & 0xFF];
            int v2 = BASE32_VALUES[chars[c + 2] & 0xFF];
            int v3 = BASE32_VALUES[chars[c + 3] & 0xFF];
            int v4 = BASE32_VALUES[chars[c + 4] & 0xFF];
            int v5 = BASE32_VALUES[chars[c + 5] & 0xFF];
            int v6 = BASE32_VALUES[chars[c + 6] & 0xFF];
            int v7 = BASE32_VALUES[chars[c + 7] & 0xFF];
            invalid |= v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7;
            long bits = ((long) v0 << 35) | ((long) v1 << 30) | ((long) v2 << 25) | ((long) v3 << 20)
                    | ((long) v4 << 15) | ((long) v5 << 10) | ((long) v6 << 5) | v7;
            int o = group * 5;
            out[o] = (byte) (bits >>> 32);
            out[o + 1] = (byte) (bits >>> 24);
            out[o + 2] = (byte) (bits >>> 16);
            out[o + 3] = (byte) (bits >>> 8);
            out[o + 4] = (byte) bits;
        }
        return invalid;
    }

    /** HMAC-SHA256 of {@code bytes[0..SHORT_TAG)} under the key's v2 MAC key (all 32 bytes). */
    private static byte[] shortTag(SigningKey key, byte[] bytes) {
        Mac mac = key.shortTokenMac();
        mac.update(bytes, 0, SHORT_TAG);
        return mac.doFinal();
    }

    /**
     * XORs the AES-256-CTR keystream for IV {@code codeId || salt || 0^32} under the v2
     * encryption key into bytes[17..24]: the first 8 bytes of that IV encrypted once.
     */
    private static void applyShortKeystream(SigningKey key, byte[] bytes) {
        byte[] block = new byte[16];
        System.arraycopy(bytes, SHORT_CODE_ID, block, 0, Id.BYTES);
        System.arraycopy(bytes, SHORT_SALT, block, Id.BYTES, SHORT_SALT_BYTES);
        Cipher cipher = key.shortReferenceCipher();
        try {
            cipher.doFinal(block, 0, 16, block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
        for (int i = 0; i < Id.BYTES; i++) {
            bytes[SHORT_SEALED + i] ^= block[i];
        }
    }

    /** HMAC-SHA256 of {@code bytes[0..TAG)} under the key's MAC key (all 32 bytes). */
    private static byte[] tag(SigningKey key, byte[] bytes) {
        Mac mac = key.tokenMac();
        mac.update(bytes, 0, TAG);
        return mac.doFinal();
    }

    /**
     * XORs the AES-256-CTR keystream for IV {@code salt || codeId} into bytes[22..37]: the
     * sealed part is one block, so the keystream is that IV encrypted once. Encrypts and
     * decrypts alike.
     */
    private static void applyKeystream(SigningKey key, byte[] bytes) {
        byte[] block = new byte[SEALED_BYTES];
        System.arraycopy(bytes, SALT, block, 0, SALT_BYTES);
        System.arraycopy(bytes, CODE_ID, block, SALT_BYTES, Id.BYTES);
        Cipher cipher = key.referenceCipher();
        try {
            cipher.doFinal(block, 0, SEALED_BYTES, block, 0);
        } catch (GeneralSecurityException e) {
            // ECB without padding on exactly one block in place cannot fail.
            throw new IllegalStateException("AES block encryption failed", e);
        }
        for (int i = 0; i < SEALED_BYTES; i++) {
            bytes[SEALED + i] ^= block[i];
        }
    }

    static void writeUint32(byte[] out, int offset, long value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    static long readUint32(byte[] in, int offset) {
        return ((in[offset] & 0xFFL) << 24) | ((in[offset + 1] & 0xFFL) << 16)
                | ((in[offset + 2] & 0xFFL) << 8) | (in[offset + 3] & 0xFFL);
    }
}
