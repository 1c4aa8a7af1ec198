package com.groupgate.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One UTC bucket of rollups: an hour or a day, named by its start.
 *
 * @param start the bucket's first instant; must start a UTC {@code granularity}
 */
public record RollupBucket(Granularity granularity, Instant start) {

    public RollupBucket {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        if (!granularity.isBucketStart(start)) {
            throw new IllegalArgumentException("start must start a UTC " + granularity + ": " + start);
        }
    }

    /** The bucket's sort key in AnalyticsTable, {@code H#2026-11-26T03} or {@code D#2026-11-26}. */
    public String sortKey() {
        return RollupKey.sortKey(granularity, start);
    }

    public Instant end() {
        return start.plus(granularity.length());
    }
}
