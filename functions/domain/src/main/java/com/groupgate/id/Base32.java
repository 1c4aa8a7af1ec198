package com.groupgate.id;

import java.util.Arrays;

/**
 * RFC 4648 base32 without padding. Uppercase on output so that scan URLs fit QR
 * alphanumeric mode; either case accepted on input because phones and people lowercase
 * URLs.
 */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = (byte) i;
            DECODE[Character.toLowerCase(ALPHABET[i])] = (byte) i;
        }
    }

    private Base32() {
    }

    /** Number of characters that {@code byteCount} bytes encode to. */
    public static int encodedLength(int byteCount) {
        return (byteCount * 8 + 4) / 5;
    }

    public static String encode(byte[] data) {
        char[] out = new char[encodedLength(data.length)];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out[o++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[o++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return new String(out, 0, o);
    }

    /**
     * Decodes {@code text}, or returns null when it is not canonical base32 of some byte
     * string (bad character, impossible length, or non-zero trailing bits). Refusing
     * non-canonical forms keeps every token string one-to-one with its bytes.
     */
    public static byte[] decodeOrNull(CharSequence text) {
        int length = text.length();
        int byteCount = length * 5 / 8;
        if (encodedLength(byteCount) != length) {
            return null;
        }
        byte[] out = new byte[byteCount];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            return null;
        }
        return out;
    }
}
