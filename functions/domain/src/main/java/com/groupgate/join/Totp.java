package com.groupgate.join;

import com.groupgate.id.Base32;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords with HMAC-SHA1 and a 30-second step: the passcode
 * a group owner shares for {@code passcode} groups. HMAC-SHA1 is what every authenticator
 * app implements; its known weaknesses do not apply to HMAC. {@link #PASSCODE} is the
 * product's 6-digit form; other digit counts exist to check RFC 6238's 8-digit vectors.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int SECRET_BYTES = 20;
    /** The codes a scanner types: 6 digits. */
    public static final Totp PASSCODE = new Totp(6);

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int digits;

    private Totp(int digits) {
        this.digits = digits;
    }

    /** @param digits 6 to 8, as RFC 4226 allows */
    public static Totp withDigits(int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6..8, was " + digits);
        }
        return digits == 6 ? PASSCODE : new Totp(digits);
    }

    public int digits() {
        return digits;
    }

    /** The code valid during the step containing {@code epochSecond}, zero-padded. */
    public String codeAt(byte[] secret, long epochSecond) {
        checkSecret(secret);
        if (epochSecond < 0) {
            throw new IllegalArgumentException("epochSecond must be >= 0, was " + epochSecond);
        }
        return codeForStep(secret, epochSecond / STEP_SECONDS);
    }

    /**
     * Whether {@code code} is the code of the step containing {@code epochSecond} or of
     * the step either side of it, allowing for clock drift and for the seconds a person
     * takes to read and type. Input that is not exactly {@link #digits} ASCII digits is
     * refused before any HMAC. All candidate steps are compared, each in constant time,
     * so timing does not reveal which step or how many digits matched.
     */
    public boolean verify(byte[] secret, String code, long epochSecond) {
        checkSecret(secret);
        if (!isWellFormed(code) || epochSecond < 0) {
            return false;
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long step = epochSecond / STEP_SECONDS;
        boolean match = false;
        for (long s = step - 1; s <= step + 1; s++) {
            if (s >= 0) {
                byte[] expected = codeForStep(secret, s).getBytes(StandardCharsets.US_ASCII);
                match |= MessageDigest.isEqual(expected, presented);
            }
        }
        return match;
    }

    /** A fresh {@value #SECRET_BYTES}-byte secret (160 bits, RFC 4226's recommendation). */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as base32 text, the form authenticator apps and the API use. */
    public static String secretText(byte[] secret) {
        checkSecret(secret);
        return Base32.encode(secret);
    }

    /** The secret written in base32 {@code text}, or null when it is not base32. */
    public static byte[] parseSecretOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return Base32.decodeOrNull(text);
    }

    private boolean isWellFormed(String code) {
        if (code == null || code.length() != digits) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 4226 HOTP with dynamic truncation. */
    private String codeForStep(byte[] secret, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step >>> (8 * (7 - i)));
        }
        byte[] hash = hmacSha1(secret, counter);
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = (hash[offset] & 0x7F) << 24 | (hash[offset + 1] & 0xFF) << 16
                | (hash[offset + 2] & 0xFF) << 8 | (hash[offset + 3] & 0xFF);
        String text = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - text.length()) + text;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    private static void checkSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
    }
}
