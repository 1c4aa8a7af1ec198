package com.groupgate.analytics;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One stored rollup item as the adapter reads it back: a bucket and what was counted in
 * it. The meaning of each count is that of {@link RollupDelta}; the breakdown's
 * {@code byHourOfDay} is keyed by UTC hour {@code "0".."23"}.
 *
 * @param scanners the stored scanner sketch ({@link ScannerSketch#toBytes()}); empty when
 *                 no scan carried an ipHash. Copied in and out, and compared by content.
 */
public record RollupValue(
        Granularity granularity,
        Instant bucketStart,
        long scans,
        long accepted,
        Map<String, Long> refused,
        long joins,
        Breakdown breakdown,
        byte[] scanners) {

    public RollupValue {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(bucketStart, "bucketStart");
        if (!granularity.isBucketStart(bucketStart)) {
            throw new IllegalArgumentException("bucketStart must start a UTC " + granularity + ": " + bucketStart);
        }
        if (scans < 0 || accepted < 0 || joins < 0 || accepted > scans) {
            throw new IllegalArgumentException("counts must satisfy 0 <= accepted <= scans and joins >= 0: scans="
                    + scans + ", accepted=" + accepted + ", joins=" + joins);
        }
        refused = counts(refused, "refused");
        breakdown = Objects.requireNonNull(breakdown, "breakdown").map((name, map) -> counts(map, name));
        for (String hour : breakdown.counts(Breakdown.By.HOUR_OF_DAY).keySet()) {
            if (!hour.matches("1?[0-9]|2[0-3]")) {
                throw new IllegalArgumentException("byHourOfDay keys must be \"0\"..\"23\": " + hour);
            }
        }
        scanners = scanners == null ? new byte[0] : scanners.clone();
    }

    /** The value of an item that held nothing before {@code delta}. */
    public static RollupValue of(RollupKey key, RollupDelta delta) {
        Objects.requireNonNull(key, "key");
        return empty(key.granularity(), key.bucketStart()).plus(delta);
    }

    /** An item that holds nothing yet. */
    public static RollupValue empty(Granularity granularity, Instant bucketStart) {
        return new RollupValue(granularity, bucketStart, 0, 0, Map.of(), 0, Breakdown.none(), null);
    }

    /** This value with {@code delta} added: what a read-merge-write stores. */
    public RollupValue plus(RollupDelta delta) {
        Objects.requireNonNull(delta, "delta");
        return new RollupValue(granularity, bucketStart, scans + delta.scans(), accepted + delta.accepted(),
                Breakdown.sum(refused, delta.refused()), joins + delta.joins(), breakdown.plus(delta),
                delta.mergeSketchInto(scanners));
    }

    /** The exclusive end of the bucket. */
    public Instant bucketEnd() {
        return bucketStart.plus(granularity.length());
    }

    @Override
    public byte[] scanners() {
        return scanners.clone();
    }

    /** The stored sketch, decoded. */
    public ScannerSketch scannerSketch() {
        return ScannerSketch.fromBytes(scanners);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupValue v
                && granularity == v.granularity && bucketStart.equals(v.bucketStart)
                && scans == v.scans && accepted == v.accepted && joins == v.joins
                && refused.equals(v.refused) && breakdown.equals(v.breakdown)
                && Arrays.equals(scanners, v.scanners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(granularity, bucketStart, scans, accepted, joins, refused, breakdown) * 31
                + Arrays.hashCode(scanners);
    }

    @Override
    public String toString() {
        return "RollupValue[" + granularity + " " + bucketStart + ", scans=" + scans + ", accepted=" + accepted
                + ", refused=" + refused + ", joins=" + joins + ", scanners=" + scanners.length + " bytes]";
    }

    private static Map<String, Long> counts(Map<String, Long> map, String name) {
        Objects.requireNonNull(map, name);
        for (Map.Entry<String, Long> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException(name + " must map non-null keys to counts >= 0: " + e);
            }
        }
        return Map.copyOf(map);
    }
}
