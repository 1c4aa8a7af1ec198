package com.groupgate.tenant;

import com.groupgate.error.RefusalException;
import java.time.Duration;

/**
 * How long a tenant's raw scan facts (the refusals stored as their own items) are kept
 * before DynamoDB's TTL removes them: {@code factRetentionDays}, 1 to 365, 30 unless the
 * tenant chose otherwise. The rollups the stats are read from are kept regardless.
 */
public final class FactRetention {
    public static final int DEFAULT_DAYS = 30;
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;

    private FactRetention() {
    }

    /** {@code days}, or 400 naming {@code factRetentionDays} when outside 1..365. */
    public static int checked(long days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw RefusalException.badField("factRetentionDays", "must be " + MIN_DAYS + ".." + MAX_DAYS
                    + " days, got " + days);
        }
        return (int) days;
    }

    /** The stored value as a duration; absent (0) or out of range reads as the default. */
    public static Duration of(long storedDays) {
        return Duration.ofDays(storedDays < MIN_DAYS || storedDays > MAX_DAYS ? DEFAULT_DAYS : storedDays);
    }
}
