package com.groupgate.campaign;

import com.groupgate.id.Base32;
import java.security.SecureRandom;

/**
 * Reward codes: 20 random bytes (160 bits) in uppercase base32, 32 characters. A code is
 * good once, for the tenant whose campaign issued it: its redemption is a conditional write
 * of its own item, so there is nothing to sign that the item does not already prove.
 */
public final class Rewards {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 20;

    private Rewards() {
    }

    public static String newCode() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base32.encode(bytes);
    }

    /** Whether {@code text} has a reward code's shape (checked before any read). */
    public static boolean wellFormed(String text) {
        return text != null && text.matches("[A-Z2-7]{32}");
    }
}
