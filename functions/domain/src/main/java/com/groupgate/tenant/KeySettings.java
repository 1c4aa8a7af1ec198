package com.groupgate.tenant;

import com.groupgate.error.RefusalException;

/**
 * What a tenant chooses for a new API key, validated: {@code name} 1..{@value #MAX_NAME_LENGTH}
 * characters (Unicode code points), not blank, no control characters, surrounding
 * whitespace removed; {@code scope} required.
 */
public record KeySettings(String name, KeyScope scope) {
    public static final int MAX_NAME_LENGTH = 100;
    /**
     * Keys a tenant may hold at once. Bounds what listing the keys reads (one query page)
     * and what a leaked full key can mint before someone notices.
     */
    public static final int MAX_KEYS = 50;
    /** The name of the key issued with the tenant. */
    public static final String INITIAL_NAME = "initial";

    /** @throws RefusalException naming the first field that breaks a limit */
    public KeySettings {
        if (name == null || name.isBlank()) {
            throw RefusalException.badField("name", "required and not blank");
        }
        name = name.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw RefusalException.badField("name", "at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw RefusalException.badField("name", "must not contain control characters");
        }
        if (scope == null) {
            throw RefusalException.badField("scope", "required: full or read");
        }
    }

    /** Settings from a create-key request in wire form; null means the field was absent. */
    public static KeySettings of(String name, String scope) {
        if (name == null || name.isBlank()) {
            throw RefusalException.badField("name", "required and not blank");
        }
        return new KeySettings(name, scope == null ? null : KeyScope.parse(scope, "scope"));
    }

    /** The full-scope key every tenant starts with. */
    public static KeySettings initial() {
        return new KeySettings(INITIAL_NAME, KeyScope.FULL);
    }

    public boolean full() {
        return scope == KeyScope.FULL;
    }
}
