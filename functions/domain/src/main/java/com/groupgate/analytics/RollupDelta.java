package com.groupgate.analytics;

import java.time.ZoneOffset;
import java.util.Collections;
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
    private final Map<String, Long> byCountry = new TreeMap<>();
    private final Map<String, Long> byRegion = new TreeMap<>();
    private final Map<String, Long> byCity = new TreeMap<>();
    private final Map<String, Long> byDevice = new TreeMap<>();
    private final Map<String, Long> byOs = new TreeMap<>();
    private final Map<String, Long> byApp = new TreeMap<>();
    private final Map<String, Long> byHourOfDay = new TreeMap<>();
    private final ScannerSketch scanners = ScannerSketch.empty();

    public RollupDelta() {
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
        increment(byCountry, fact.country(), 1);
        increment(byRegion, fact.region(), 1);
        increment(byCity, fact.cityBucket(), 1);
        increment(byDevice, fact.device(), 1);
        increment(byOs, fact.os(), 1);
        increment(byApp, fact.app(), 1);
        increment(byHourOfDay, Integer.toString(fact.at().atOffset(ZoneOffset.UTC).getHour()), 1);
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
        mergeInto(byCountry, other.byCountry);
        mergeInto(byRegion, other.byRegion);
        mergeInto(byCity, other.byCity);
        mergeInto(byDevice, other.byDevice);
        mergeInto(byOs, other.byOs);
        mergeInto(byApp, other.byApp);
        mergeInto(byHourOfDay, other.byHourOfDay);
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

    public Map<String, Long> byCountry() {
        return Collections.unmodifiableMap(byCountry);
    }

    public Map<String, Long> byRegion() {
        return Collections.unmodifiableMap(byRegion);
    }

    public Map<String, Long> byCity() {
        return Collections.unmodifiableMap(byCity);
    }

    public Map<String, Long> byDevice() {
        return Collections.unmodifiableMap(byDevice);
    }

    public Map<String, Long> byOs() {
        return Collections.unmodifiableMap(byOs);
    }

    public Map<String, Long> byApp() {
        return Collections.unmodifiableMap(byApp);
    }

    /** Scans by UTC hour of day, keys {@code "0".."23"}. */
    public Map<String, Long> byHourOfDay() {
        return Collections.unmodifiableMap(byHourOfDay);
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
