package com.groupgate.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one batch adds to ONE rollup item: counts, breakdowns and a sketch of scanners.
 * Mutable while a batch is being coalesced ({@link #add}, {@link #merge}); treat it as
 * read-only once handed to the writer. Not thread-safe.
 *
 * <p>What is counted, and why:
 * <ul>
 * <li>{@code scans} counts every scan fact, accepted or refused; {@code accepted} plus the
 *     values of {@code refused} (keyed by refusal code) always equals {@code scans}.
 * <li>{@code joins} counts join facts.
 * <li>The breakdowns (country, region, city, device, OS, in-app browser, hour of day)
 *     count scans of every outcome: they describe who tried to get in and from where,
 *     and each breakdown's values sum to {@code scans}. Joins are not broken down.
 * <li>{@code byHourOfDay} is keyed {@code "0".."23"}, the UTC hour of the scan; the read
 *     side moves it into the reader's zone.
 * <li>Unique scanners are the distinct {@code ipHash} values among all scans (accepted or
 *     refused) that carry one: a person refused by a daily cap still scanned the code.
 * </ul>
 */
public final class RollupDelta {
    private long scans;
    private long accepted;
    private long joins;
    private final Map<String, Long> refused = new TreeMap<>();
    private final Map<Breakdown.By, Map<String, Long>> breakdown = new EnumMap<>(Breakdown.By.class);
    private final ScannerSketch scanners = ScannerSketch.empty();

    public RollupDelta() {
        for (Breakdown.By by : Breakdown.By.ALL) {
            breakdown.put(by, new TreeMap<>());
        }
    }

    /** A delta holding only {@code fact}. */
    public static RollupDelta of(Fact fact) {
        RollupDelta delta = new RollupDelta();
        delta.add(fact);
        return delta;
    }

    /** Counts {@code fact} into this delta. */
    public void add(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        if (fact.isJoin()) {
            joins++;
            return;
        }
        scans++;
        if (fact.isAcceptedScan()) {
            accepted++;
        } else {
            increment(refused, fact.outcome(), 1);
        }
        for (Breakdown.By by : Breakdown.By.ALL) {
            increment(breakdown.get(by), by.keyOf(fact), 1);
        }
        if (fact.ipHash() != null) {
            scanners.add(fact.ipHash());
        }
    }

    /** Adds everything {@code other} holds; {@code other} is unchanged. */
    public void merge(RollupDelta other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("other must not be this delta");
        }
        scans += other.scans;
        accepted += other.accepted;
        joins += other.joins;
        mergeInto(refused, other.refused);
        for (Breakdown.By by : Breakdown.By.ALL) {
            mergeInto(breakdown.get(by), other.breakdown.get(by));
        }
        scanners.merge(other.scanners);
    }

    public boolean isEmpty() {
        return scans == 0 && joins == 0;
    }

    public long scans() {
        return scans;
    }

    public long accepted() {
        return accepted;
    }

    public long joins() {
        return joins;
    }

    /** Refused scans by refusal code. The returned maps are read-only views. */
    public Map<String, Long> refused() {
        return Collections.unmodifiableMap(refused);
    }

    /** Scans by {@code by}'s key ({@link Breakdown.By#keyOf}; hours are UTC hours {@code "0".."23"}). */
    public Map<String, Long> counts(Breakdown.By by) {
        return Collections.unmodifiableMap(breakdown.get(by));
    }

    /** The estimated distinct scanners of this delta alone. */
    public long uniqueScannersEstimate() {
        return scanners.roundedEstimate();
    }

    /** The scanner sketch in its stored form; zero bytes when no scan carried an ipHash. */
    public byte[] sketchBytes() {
        return scanners.toBytes();
    }

    /**
     * The stored sketch {@code stored} (null or empty for none) with this delta's scanners
     * added: what a writer puts back after reading the item.
     */
    public byte[] mergeSketchInto(byte[] stored) {
        ScannerSketch merged = ScannerSketch.fromBytes(stored);
        merged.merge(scanners);
        return merged.toBytes();
    }

    @Override
    public String toString() {
        return "RollupDelta[scans=" + scans + ", accepted=" + accepted + ", refused=" + refused
                + ", joins=" + joins + "]";
    }

    static void increment(Map<String, Long> counts, String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    static void mergeInto(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> increment(into, k, v));
    }
}
