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
 * Issues and verifies scan tokens: the part of a scan URL after {@code /S/}.
 *
 * <p>Layout, 54 bytes, written as 87 uppercase base32 characters so that the whole URL stays
 * in QR alphanumeric mode:
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
 * <p>Verification is CPU only (no I/O): one base32 decode, one HMAC and one AES block.
 */
public final class TokenCodec {
    public static final int BYTES = 54;
    /** Characters in a token's text. */
    public static final int TEXT_LENGTH = 87;
    public static final int SALT_BYTES = 8;

    private static final int VERSION = 0;
    private static final int KIND = 1;
    private static final int CODE_ID = 2;
    private static final int EXPIRY = 10;
    private static final int SALT = 14;
    private static final int SEALED = 22;
    private static final int SEALED_BYTES = 16;
    private static final int TAG = 38;
    private static final int TAG_BYTES = 16;

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
        if (token == null || token.length() != TEXT_LENGTH) {
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
        int invalid = 0;
        // 80 characters: ten groups of 8 characters = 40 bits = 5 bytes. The eight values
        // of a group are combined side by side rather than shifted in one after another,
        // which halves the time; a -1 (invalid) garbles the group, but then all is refused.
        for (int group = 0; group < 10; group++) {
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
