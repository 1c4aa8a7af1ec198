package com.groupgate.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a key's {@code lastUsedAt} is written: at most once per {@link #RESOLUTION} per key.
 * A key answering a burst of requests would otherwise cost a write each; to the person
 * reading "last used", a minute's precision is all the field promises.
 */
public final class KeyUse {
    public static final Duration RESOLUTION = Duration.ofMinutes(1);

    private KeyUse() {
    }

    /** Whether a use at {@code now} should be written, the last one having been at {@code last} (null: never). */
    public static boolean due(Instant last, Instant now) {
        Objects.requireNonNull(now, "now");
        return last == null || !now.isBefore(last.plus(RESOLUTION));
    }

    /** A use at {@code now} is written over a recorded one at or before this instant: {@code now - RESOLUTION}. */
    public static Instant cutoff(Instant now) {
        return now.minus(RESOLUTION);
    }
}
