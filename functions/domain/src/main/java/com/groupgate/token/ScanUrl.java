package com.groupgate.token;

import java.util.Objects;

/**
 * Builds scan URLs, {@code <base><token>} with a base ending in {@code /S/}. Everything is
 * kept to the QR alphanumeric character set (digits, uppercase letters, {@code $%*+-./:}),
 * which packs 5.5 bits a character instead of 8; with a 24-character base the whole URL
 * fits QR version 4 at level M with a short (v2, 66-character) token, version 5 with an
 * 87-character (v1) one.
 */
public final class ScanUrl {
    /** The path segment every base ends with; the scan route also accepts {@code /s/}. */
    public static final String PATH = "/S/";

    private static final String QR_URL_SAFE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private ScanUrl() {
    }

    /**
     * {@code base + token}. The base must be uppercase (e.g. {@code HTTPS://GG.EXAMPLE.CN/S/})
     * and end with {@code /S/}; the token must be as {@link TokenCodec#issue} writes it.
     */
    public static String scanUrl(String base, String token) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(token, "token");
        if (!base.endsWith(PATH)) {
            throw new IllegalArgumentException("base must end with /S/, was " + base);
        }
        for (int i = 0; i < base.length(); i++) {
            if (QR_URL_SAFE.indexOf(base.charAt(i)) < 0) {
                throw new IllegalArgumentException(
                        "base must use only 0-9 A-Z $%*+-./: (QR alphanumeric, no space), was " + base);
            }
        }
        if (token.length() != TokenCodec.TEXT_LENGTH && token.length() != TokenCodec.SHORT_TEXT_LENGTH) {
            throw new IllegalArgumentException("token must be 66 or 87 characters, was " + token.length());
        }
        for (int i = 0; i < token.length(); i++) {
            if (TOKEN_ALPHABET.indexOf(token.charAt(i)) < 0) {
                // Lowercase would push the whole URL into QR byte mode and past version 5.
                throw new IllegalArgumentException("token must be uppercase base32");
            }
        }
        return base + token;
    }
}
