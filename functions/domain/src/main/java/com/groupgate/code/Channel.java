package com.groupgate.code;

import com.groupgate.error.RefusalException;

/**
 * The distribution channel a code was issued for (a campus, a store, an ad), the key of
 * per-channel conversion stats: 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._-]}, so it is safe in table keys, URLs and metric dimensions as is.
 */
public record Channel(String value) {
    public static final int MAX_LENGTH = 64;
    /** What a channel name must be, as refusals say it. */
    public static final String RULE = "must be 1.." + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -";

    /** @throws RefusalException naming {@code channel} when {@code value} is not a channel name */
    public Channel {
        if (!isValid(value)) {
            throw RefusalException.badField("channel", RULE);
        }
    }

    /** The channel named by {@code text}; see {@link #Channel(String)}. */
    public static Channel of(String text) {
        return new Channel(text);
    }

    /** The name of {@code channel}, or null for none: its form in the API, the tables and the files. */
    public static String textOrNull(Channel channel) {
        return channel == null ? null : channel.value;
    }

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
