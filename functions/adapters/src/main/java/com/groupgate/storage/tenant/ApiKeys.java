package com.groupgate.storage.tenant;

import com.groupgate.hash.Sha256;
import com.groupgate.id.Base32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Tenant and admin API keys: 32 random bytes shown once as {@code gg_<base32>}; only the
 * SHA-256 is stored. A high-entropy key needs no slow hash, and hashing before lookup
 * means the table never sees a key.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return "gg_" + Base32.encode(raw).toLowerCase(java.util.Locale.ROOT);
    }

    public static String sha256Hex(String key) {
        return Sha256.hex(key);
    }

    /** Constant-time comparison of a presented key with a stored hash. */
    public static boolean matches(String presentedKey, String storedSha256Hex) {
        if (presentedKey == null || storedSha256Hex == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(presentedKey).getBytes(StandardCharsets.US_ASCII),
                storedSha256Hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The key from {@code Authorization: Bearer <key>}, or null. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorizationHeader.substring(7).trim();
        return key.isEmpty() || key.length() > 200 ? null : key;
    }
}
