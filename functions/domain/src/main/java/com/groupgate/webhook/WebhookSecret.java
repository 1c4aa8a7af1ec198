package com.groupgate.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 random bytes.
 * The bytes after the prefix, base64-decoded, are the HMAC key. Shown to the tenant once;
 * stored only sealed. {@link #toString()} never shows it.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    static final int KEY_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** The secret of these key bytes (as opened from storage). */
    public static WebhookSecret ofKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16 || key.length > 64) {
            throw new IllegalArgumentException("key: 16 to 64 bytes, was " + key.length);
        }
        return new WebhookSecret(key.clone());
    }

    /** The secret written as {@code whsec_<base64>}. */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        return ofKey(Base64.getDecoder().decode(text.substring(PREFIX.length())));
    }

    /** The HMAC key: a copy. */
    public byte[] key() {
        return key.clone();
    }

    /** The text shown to the tenant, once. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return 0; // deliberately not derived from the key
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
