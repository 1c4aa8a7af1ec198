package com.groupgate.audit;

import java.util.Objects;

/**
 * Who made an audited change: a tenant's API key, named by its key id (never the key), or
 * the operator's admin key. In an entry's canonical JSON, {@code {"keyId":"…"}} or
 * {@code "admin"}.
 */
public sealed interface Actor permits Actor.ApiKey, Actor.Admin {
    /** The operator, through the admin key. */
    Actor ADMIN = new Admin();

    /** A tenant's API key, by its key id. */
    static Actor apiKey(String keyId) {
        return new ApiKey(keyId);
    }

    /** A tenant's API key: {@code keyId} is 1 to {@value #MAX_KEY_ID_LENGTH} characters of {@code [A-Za-z0-9._-]}. */
    record ApiKey(String keyId) implements Actor {
        public static final int MAX_KEY_ID_LENGTH = 64;

        public ApiKey {
            Objects.requireNonNull(keyId, "keyId");
            if (!AuditEntry.isToken(keyId, MAX_KEY_ID_LENGTH, true)) {
                throw new IllegalArgumentException("keyId must be 1.." + MAX_KEY_ID_LENGTH
                        + " characters of A-Z a-z 0-9 . _ -, was \"" + keyId + "\"");
            }
        }
    }

    /** The operator; use {@link Actor#ADMIN}. */
    record Admin() implements Actor {
    }
}
