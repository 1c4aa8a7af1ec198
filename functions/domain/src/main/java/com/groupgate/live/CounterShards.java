package com.groupgate.live;

/**
 * A live code's scan counters are spread over {@link #COUNT} items so that a viral code is
 * not bound by one DynamoDB item's write rate (about 1,000 writes/s). Totals are the sum
 * of the shards, exact because each shard's increments are atomic. A daily cap, when set,
 * is split into per-shard shares that add up to the cap exactly; a scan whose shard is
 * full tries the others before it is refused, so exactly {@code cap} scans are accepted
 * however they spread. See docs/scaling.md for the arithmetic.
 */
public final class CounterShards {
    public static final int COUNT = 8;

    private CounterShards() {
    }

    /** Shard {@code shard}'s share of {@code dailyCap}: the shares differ by at most one and sum to the cap. */
    public static int shareOf(int dailyCap, int shard) {
        if (dailyCap < 1) {
            throw new IllegalArgumentException("dailyCap must be >= 1: " + dailyCap);
        }
        if (shard < 0 || shard >= COUNT) {
            throw new IllegalArgumentException("shard must be 0.." + (COUNT - 1) + ": " + shard);
        }
        return dailyCap / COUNT + (shard < dailyCap % COUNT ? 1 : 0);
    }
}
