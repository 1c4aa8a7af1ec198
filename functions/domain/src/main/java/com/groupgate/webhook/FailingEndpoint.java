package com.groupgate.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * An endpoint whose every attempt has failed for {@link #DISABLE_AFTER} is disabled: it
 * has been failing since its first failure after its last success, and that is three days
 * ago. One success clears the count.
 */
public final class FailingEndpoint {
    public static final Duration DISABLE_AFTER = Duration.ofDays(3);

    private FailingEndpoint() {
    }

    /** Whether an endpoint failing since {@code failingSince} (null: not failing) is to be disabled at {@code now}. */
    public static boolean disableAt(Instant failingSince, Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
