package com.groupgate.analytics;

import java.util.Objects;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The distinct scanners (distinct {@code ipHash} values) of one rollup item, as a
 * HyperLogLog sketch (Apache DataSketches). Mutable; not thread-safe.
 *
 * <p><b>Size.</b> {@code lgK = 14} (16,384 buckets) gives a relative standard error of
 * about 0.8 %, so the promised ≤ 2 % error holds at about 2.5 standard deviations, for
 * 100,000 distinct scanners as for any larger count. {@code lgK = 12} would give 1.6 %,
 * which misses 2 % about one time in five. The cost lands only on busy items: a sketch
 * stays sparse (about 4 bytes per distinct scanner) until it has seen a few thousand, and a
 * dense one is stored as HLL_4, about 8 KiB — small beside the 400 KB item limit.
 *
 * <p><b>Merging.</b> Sketches merge exactly (a union of sketches estimates the union of
 * their inputs), so hour items sum into days and ranges on the read side. A stored sketch
 * of a different {@code lgK} still merges; the union takes the smaller.
 */
public final class ScannerSketch {
    public static final int LG_K = 14;
    /** The storage form: 4 bits per bucket, same accuracy as the wider forms. */
    private static final TgtHllType STORED_TYPE = TgtHllType.HLL_4;

    // A Union rather than an HllSketch: it takes both single values and whole sketches,
    // and keeps the more accurate estimator while it has only seen single values.
    private final Union union;

    private ScannerSketch(Union union) {
        this.union = union;
    }

    public static ScannerSketch empty() {
        return new ScannerSketch(new Union(LG_K));
    }

    /**
     * The sketch stored as {@code bytes} (from {@link #toBytes()}); null or empty bytes
     * stand for an empty sketch, which is how an item without scanners is stored.
     *
     * @throws IllegalArgumentException if the bytes are not a sketch
     */
    public static ScannerSketch fromBytes(byte[] bytes) {
        ScannerSketch sketch = empty();
        if (bytes != null && bytes.length > 0) {
            try {
                sketch.union.update(HllSketch.heapify(bytes));
            } catch (RuntimeException e) { // DataSketches and its Memory layer throw several kinds
                throw new IllegalArgumentException("bytes are not an HLL sketch", e);
            }
        }
        return sketch;
    }

    public void add(String ipHash) {
        Objects.requireNonNull(ipHash, "ipHash");
        union.update(ipHash);
    }

    /** Adds every scanner {@code other} has seen; {@code other} is unchanged. */
    public void merge(ScannerSketch other) {
        Objects.requireNonNull(other, "other");
        union.update(other.union.getResult(TgtHllType.HLL_8));
    }

    public boolean isEmpty() {
        return union.isEmpty();
    }

    /** The estimated count of distinct scanners. */
    public double estimate() {
        return union.getEstimate();
    }

    /** {@link #estimate()} rounded to a count, as the API reports it. */
    public long roundedEstimate() {
        return Math.round(union.getEstimate());
    }

    /** The compact stored form; empty (zero bytes) when no scanner was seen. */
    public byte[] toBytes() {
        return union.isEmpty() ? new byte[0] : union.getResult(STORED_TYPE).toCompactByteArray();
    }
}
