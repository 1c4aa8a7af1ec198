package com.groupgate.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential back-off with jitter, for up to
 * {@link #GIVE_UP_AFTER} after the first attempt.
 *
 * <p>Attempt {@code n} (1 = the first) failed: the nominal wait is
 * {@code first × 2^(n-1)}, at most {@link #MAX_DELAY}; the wait used is drawn evenly from
 * its upper half ("equal jitter"), so retries of many endpoints spread out while each
 * endpoint's waits still grow. A {@code Retry-After} the receiver sent (429, 503) is a
 * floor. No attempt is planned later than {@link #GIVE_UP_AFTER} after the first.
 *
 * <p>{@link #MAX_DELAY} is 12 hours because a wait is a message's visibility timeout on the
 * delivery queue, which SQS caps at 12 hours; so a longer {@code Retry-After} is honoured
 * only up to 12 hours. With the deployed first wait of 15 s the nominal waits are 15 s,
 * 30 s, 1 min, … 8.5 h, then 12 h: about 17 attempts in 3 days.
 */
public record RetrySchedule(Duration first, Duration giveUpAfter) {
    public static final Duration MAX_DELAY = Duration.ofHours(12);
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
    /** As deployed. */
    public static final RetrySchedule STANDARD = new RetrySchedule(Duration.ofSeconds(15), GIVE_UP_AFTER);

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (first.isNegative() || first.isZero() || first.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("first: more than zero, at most 12 hours, was " + first);
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("giveUpAfter: must be positive");
        }
    }

    /** The nominal wait after attempt {@code attempt} failed, before jitter. */
    public Duration nominal(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: 1 or more, was " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /**
     * The wait before the next attempt, or empty when there is none: the delivery has
     * failed for good.
     *
     * @param attempt    the attempt that just failed, 1 for the first
     * @param retryAfter what the receiver asked for (429/503), or null
     * @param sinceFirst how long ago the first attempt was made
     * @param random     a value in [0, 1): where in the jitter range the wait falls
     */
    public Optional<Duration> next(int attempt, Duration retryAfter, Duration sinceFirst, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random: in [0, 1), was " + random);
        }
        Duration nominal = nominal(attempt);
        long half = nominal.toMillis() / 2;
        Duration wait = Duration.ofMillis(nominal.toMillis() - half + (long) (random * (half + 1)));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : retryAfter;
        }
        if (sinceFirst.plus(wait).compareTo(giveUpAfter) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
