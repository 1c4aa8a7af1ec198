package com.groupgate.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of the 256-bit data key (from KMS {@code GenerateDataKey}) that tokens and
 * join tickets are protected with, and whether it has been retired.
 *
 * <p>A value class rather than a record because it keeps derived state: the secret itself
 * is never used directly; sub-keys are derived from it once, one per purpose, so that a key used to
 * encrypt is never also used to authenticate. The {@link Mac} and {@link Cipher}
 * instances built from them are not thread-safe and costly to initialise, so each thread
 * keeps its own, initialised once — verification then costs one HMAC and one AES block.
 *
 * <p>{@link #toString()} never shows key material.
 */
public final class SigningKey {
    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 255;
    public static final int SECRET_BYTES = 32;

    private static final String HMAC = "HmacSHA256";

    private final int version;
    private final byte[] secret;
    private final boolean retired;

    private final byte[] encKey;
    private final byte[] macKey;
    private final byte[] ticketKey;
    private final byte[] shortEncKey;
    private final byte[] shortMacKey;

    private final ThreadLocal<Mac> tokenMac;
    private final ThreadLocal<Mac> ticketMac;
    private final ThreadLocal<Cipher> referenceCipher;
    private final ThreadLocal<Mac> shortTokenMac;
    private final ThreadLocal<Cipher> shortReferenceCipher;

    /**
     * @param version 1..255; it travels as the first byte of every token and ticket
     * @param secret exactly 32 bytes; copied
     * @param retired whether tokens under this version are refused (decided elsewhere)
     */
    public SigningKey(int version, byte[] secret, boolean retired) {
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new IllegalArgumentException("version must be 1..255, was " + version);
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("secret must be 32 bytes, was " + secret.length);
        }
        this.version = version;
        this.secret = secret.clone();
        this.retired = retired;
        this.encKey = derive(this.secret, "groupgate/enc");
        this.macKey = derive(this.secret, "groupgate/mac");
        this.ticketKey = derive(this.secret, "groupgate/ticket");
        // The short (v2) token format has keys of its own, so that no keystream or tag of one
        // format can ever be read as the other's.
        this.shortEncKey = derive(this.secret, "groupgate/enc/v2");
        this.shortMacKey = derive(this.secret, "groupgate/mac/v2");
        this.tokenMac = ThreadLocal.withInitial(() -> newMac(macKey));
        this.ticketMac = ThreadLocal.withInitial(() -> newMac(ticketKey));
        this.referenceCipher = ThreadLocal.withInitial(() -> newBlockCipher(encKey));
        this.shortTokenMac = ThreadLocal.withInitial(() -> newMac(shortMacKey));
        this.shortReferenceCipher = ThreadLocal.withInitial(() -> newBlockCipher(shortEncKey));
    }

    public int version() {
        return version;
    }

    /** A copy of the 32-byte secret. */
    public byte[] secret() {
        return secret.clone();
    }

    public boolean retired() {
        return retired;
    }

    /** This key with the retired flag set; the derived keys are the same. */
    public SigningKey retire() {
        return retired ? this : new SigningKey(version, secret, true);
    }

    /** HMAC-SHA256 of {@code label} under this key's secret: a sub-key for one purpose. */
    byte[] derive(String label) {
        return derive(secret, label);
    }

    byte[] encKey() {
        return encKey.clone();
    }

    byte[] macKey() {
        return macKey.clone();
    }

    byte[] ticketKey() {
        return ticketKey.clone();
    }

    /** This thread's HMAC-SHA256 under the token MAC key, ready for use. */
    Mac tokenMac() {
        return tokenMac.get();
    }

    /** This thread's HMAC-SHA256 under the join-ticket key, ready for use. */
    Mac ticketMac() {
        return ticketMac.get();
    }

    /**
     * This thread's raw AES-256 block encryption under the encryption key. The token's
     * encrypted part is exactly one AES block, so AES-256-CTR with IV {@code salt || codeId}
     * is that IV encrypted once and XORed in; using ECB on the single counter block skips a
     * cipher re-initialisation per token. Tests hold this equal to {@code AES/CTR/NoPadding}.
     */
    Cipher referenceCipher() {
        return referenceCipher.get();
    }

    byte[] shortEncKey() {
        return shortEncKey.clone();
    }

    byte[] shortMacKey() {
        return shortMacKey.clone();
    }

    /** This thread's HMAC-SHA256 under the short (v2) token MAC key, ready for use. */
    Mac shortTokenMac() {
        return shortTokenMac.get();
    }

    /** This thread's raw AES-256 block encryption under the short (v2) token encryption key. */
    Cipher shortReferenceCipher() {
        return shortReferenceCipher.get();
    }

    static byte[] derive(byte[] secret, String label) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static Cipher newBlockCipher(byte[] key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is required by every Java platform", e);
        }
    }

    /** Equal when version, secret and retired flag are; the secret is compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other
                && version == other.version
                && retired == other.retired
                && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        // Deliberately not derived from the secret.
        return version * 2 + (retired ? 1 : 0);
    }

    @Override
    public String toString() {
        return "SigningKey[version=" + version + ", retired=" + retired + "]";
    }
}
