package com.groupgate.seal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (a passcode group's TOTP secret) before they are stored: AES-256-GCM
 * under a key derived from a signing key version, laid out as
 * {@code version(1) || nonce(12) || ciphertext+tag}. Tables hold only the sealed form.
 */
public final class SecretSeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretSeal() {
    }

    /** Seals {@code plain} under the 32-byte {@code signingSecret} of {@code version}. */
    public static byte[] seal(int version, byte[] signingSecret, byte[] plain) {
        Objects.requireNonNull(plain, "plain");
        if (version < 1 || version > 255) {
            throw new IllegalArgumentException("version must be 1..255: " + version);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey(signingSecret), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {(byte) version});
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put((byte) version).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The key version a sealed value was made under. */
    public static int version(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return sealed[0] & 0xFF;
    }

    /** Opens a sealed value with the signing secret of its version; throws if tampered. */
    public static byte[] open(byte[] sealed, byte[] signingSecret) {
        version(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey(signingSecret), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(new byte[] {sealed[0]});
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value does not open", e);
        }
    }

    private static SecretKeySpec sealKey(byte[] signingSecret) throws GeneralSecurityException {
        if (signingSecret == null || signingSecret.length != 32) {
            throw new IllegalArgumentException("signingSecret must be 32 bytes");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingSecret, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal("groupgate/seal".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "AES");
    }
}
