package com.groupgate.analytics;

import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The seven breakdowns of scans ({@link By}: country, region, city, device, OS, in-app
 * browser and hour of day), one map of counts each: what a stored rollup item
 * ({@link RollupValue}) holds and what a stats report ({@link StatsReport}) shows. Each
 * holder decides how its maps are kept (checked counts in an item, display order in a
 * report) through {@link #map}.
 */
public record Breakdown(Map<By, Map<String, Long>> counts) {

    /** What a scan is broken down by, in the API's field order. */
    public enum By {
        COUNTRY("byCountry"),
        REGION("byRegion"),
        CITY("byCity"),
        DEVICE("byDevice"),
        OS("byOs"),
        APP("byApp"),
        /** Keyed {@code "0".."23"}: the UTC hour when stored, the reader's local hour in a report. */
        HOUR_OF_DAY("byHourOfDay");

        /** All seven, in order: one list, not a fresh {@code values()} array for every fact the aggregate counts. */
        public static final List<By> ALL = List.of(values());

        private final String field;

        By(String field) {
            this.field = field;
        }

        /** The breakdown's name in the API ({@code byCountry} …). */
        public String field() {
            return field;
        }

        /** The key a scan fact counts under in this breakdown (its hour: the UTC hour). */
        public String keyOf(Fact fact) {
            return switch (this) {
                case COUNTRY -> fact.country();
                case REGION -> fact.region();
                case CITY -> fact.cityBucket();
                case DEVICE -> fact.device();
                case OS -> fact.os();
                case APP -> fact.app();
                case HOUR_OF_DAY -> Integer.toString(fact.at().atOffset(ZoneOffset.UTC).getHour());
            };
        }
    }

    private static final Breakdown NONE = of(by -> Map.of());

    /** Every breakdown is required; a missing one is named ({@code byOs} …). */
    public Breakdown {
        Objects.requireNonNull(counts, "counts");
        Map<By, Map<String, Long>> all = new EnumMap<>(By.class);
        for (By by : By.ALL) {
            all.put(by, Objects.requireNonNull(counts.get(by), by.field()));
        }
        counts = Collections.unmodifiableMap(all);
    }

    /** The breakdown whose maps are {@code counts}'s answers, each asked once. */
    public static Breakdown of(Function<By, Map<String, Long>> counts) {
        Map<By, Map<String, Long>> all = new EnumMap<>(By.class);
        for (By by : By.ALL) {
            all.put(by, counts.apply(by));
        }
        return new Breakdown(all);
    }

    /** No scans broken down. */
    public static Breakdown none() {
        return NONE;
    }

    /** The counts of one breakdown. */
    public Map<String, Long> counts(By by) {
        return counts.get(by);
    }

    /** Each map passed through {@code f}, which is told the map's name ({@code byCountry} …). */
    public Breakdown map(BiFunction<String, Map<String, Long>, Map<String, Long>> f) {
        return of(by -> f.apply(by.field(), counts.get(by)));
    }

    /** These counts with {@code delta}'s added, key by key. */
    public Breakdown plus(RollupDelta delta) {
        return of(by -> sum(counts.get(by), delta.counts(by)));
    }

    /** The maps by name, in the order of {@link By} (the API's field order). */
    public Map<String, Map<String, Long>> byName() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (By by : By.ALL) {
            out.put(by.field(), counts.get(by));
        }
        return out;
    }

    /** {@code a} and {@code b} added key by key, in key order. */
    static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new TreeMap<>(a);
        RollupDelta.mergeInto(out, b);
        return out;
    }
}
