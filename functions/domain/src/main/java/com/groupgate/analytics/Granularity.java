package com.groupgate.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The width of a rollup bucket. Buckets are always UTC hours or UTC days: the write side
 * never knows who will read, so it cannot pick a time zone. Readers in other zones sum
 * hour buckets (see {@link Stats}).
 */
public enum Granularity {
    HOUR(Duration.ofHours(1), ChronoUnit.HOURS),
    DAY(Duration.ofDays(1), ChronoUnit.DAYS);

    private final Duration length;
    private final ChronoUnit unit;

    Granularity(Duration length, ChronoUnit unit) {
        this.length = length;
        this.unit = unit;
    }

    public Duration length() {
        return length;
    }

    /** The start of the UTC bucket holding {@code at}. */
    public Instant bucketStart(Instant at) {
        return at.truncatedTo(unit);
    }

    public boolean isBucketStart(Instant at) {
        return bucketStart(at).equals(at);
    }
}
