package com.groupgate.block;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's block of a group or a whole tenant: why, and since when. A blocked group's
 * codes answer 451 {@code blocked} and live codes route past it; a blocked tenant's codes
 * answer 451 and its API keys 403 {@code tenant_blocked}. The reason is the operator's
 * words, shown to the tenant (the dashboard shows why), never to scanners.
 */
public record Block(String reason, Instant blockedAt) {
    /** The longest reason taken, in characters. */
    public static final int MAX_REASON_LENGTH = 500;

    public Block {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(blockedAt, "blockedAt");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
    }
}
