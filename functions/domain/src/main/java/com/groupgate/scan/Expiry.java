package com.groupgate.scan;

import com.groupgate.error.RefusalException;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a code is valid. A code is valid while {@code now < expiresAt}; the instant of
 * expiry itself is already too late. The token carries the expiry, so an expired code is
 * refused with CPU work alone, even while the store's lazy TTL has not yet deleted it.
 */
public final class Expiry {
    public static final long MIN_TTL_SECONDS = 60;
    public static final long MAX_TTL_SECONDS = 30L * 24 * 3600;
    public static final long DEFAULT_TTL_SECONDS = 72L * 3600;

    private Expiry() {
    }

    /** The requested ttl, or {@value #DEFAULT_TTL_SECONDS} seconds (72 h) when absent. */
    public static long validateTtl(Long requestedSeconds) {
        return validateTtl(requestedSeconds, DEFAULT_TTL_SECONDS);
    }

    /**
     * The requested ttl, or {@code defaultSeconds} (a group preset's) when absent.
     *
     * @throws RefusalException naming {@code ttlSeconds} when outside 60 s .. 30 days
     */
    public static long validateTtl(Long requestedSeconds, long defaultSeconds) {
        if (defaultSeconds < MIN_TTL_SECONDS || defaultSeconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("defaultSeconds out of range: " + defaultSeconds);
        }
        if (requestedSeconds == null) {
            return defaultSeconds;
        }
        if (requestedSeconds < MIN_TTL_SECONDS || requestedSeconds > MAX_TTL_SECONDS) {
            throw RefusalException.badField("ttlSeconds",
                    "must be " + MIN_TTL_SECONDS + ".." + MAX_TTL_SECONDS + " (60 s to 30 days), got " + requestedSeconds);
        }
        return requestedSeconds;
    }

    public static Instant expiresAt(Instant issuedAt, long ttlSeconds) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        return issuedAt.plusSeconds(ttlSeconds);
    }

    public static boolean isExpired(Instant expiresAt, Instant now) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(now, "now");
        return !now.isBefore(expiresAt);
    }
}
