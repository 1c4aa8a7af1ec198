package com.groupgate.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one place that asks the JVM for it: whole digests of bytes or of a string's
 * UTF-8, lowercase hex, and a fresh digest for input fed in parts. Every Java platform must
 * provide SHA-256, so its absence is an {@link IllegalStateException}, not a checked error.
 */
public final class Sha256 {
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** A new digest, for input given in parts. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The 32-byte SHA-256 of {@code input}. */
    public static byte[] of(byte[] input) {
        return digest().digest(input);
    }

    /** The 32-byte SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code input} as 64 lowercase hex characters. */
    public static String hex(byte[] input) {
        return HEX.formatHex(of(input));
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes as 64 lowercase hex characters. */
    public static String hex(String text) {
        return HEX.formatHex(of(text));
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code input}, as lowercase hex (twice as many characters). */
    public static String hexPrefix(byte[] input, int bytes) {
        if (bytes < 0 || bytes > 32) {
            throw new IllegalArgumentException("bytes must be 0..32: " + bytes);
        }
        return HEX.formatHex(of(input), 0, bytes);
    }
}
