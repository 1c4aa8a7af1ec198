package com.groupgate.id;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * An identifier of a tenant, group, code, live code, join request or ticket: 8 random
 * bytes, written as 13 lowercase base32 characters. Tokens carry the raw bytes; the API
 * and the tables carry the text.
 */
public record Id(long value) {
    public static final int BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Id random() {
        return new Id(RANDOM.nextLong());
    }

    public static Id fromBytes(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < BYTES; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return new Id(v);
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<Id> parse(String text) {
        if (text == null || text.length() != Base32.encodedLength(BYTES)) {
            return Optional.empty();
        }
        byte[] bytes = Base32.decodeOrNull(text);
        return bytes == null ? Optional.empty() : Optional.of(fromBytes(bytes, 0));
    }

    public void writeTo(byte[] out, int offset) {
        for (int i = BYTES - 1; i >= 0; i--) {
            out[offset + i] = (byte) (value >>> (8 * (BYTES - 1 - i)));
        }
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        writeTo(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return Base32.encode(toBytes()).toLowerCase(java.util.Locale.ROOT);
    }
}
