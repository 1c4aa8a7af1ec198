package com.groupgate.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The seven breakdowns of scans, by country, region, city, device, OS, in-app browser and
 * hour of day: what a stored rollup item ({@link RollupValue}) holds and what a stats
 * report ({@link StatsReport}) shows. Each holder decides how its maps are kept (checked
 * counts in an item, display order in a report) through {@link #map}.
 */
public record Breakdown(
        Map<String, Long> byCountry,
        Map<String, Long> byRegion,
        Map<String, Long> byCity,
        Map<String, Long> byDevice,
        Map<String, Long> byOs,
        Map<String, Long> byApp,
        Map<String, Long> byHourOfDay) {

    private static final Breakdown NONE = new Breakdown(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of());

    public Breakdown {
        Objects.requireNonNull(byCountry, "byCountry");
        Objects.requireNonNull(byRegion, "byRegion");
        Objects.requireNonNull(byCity, "byCity");
        Objects.requireNonNull(byDevice, "byDevice");
        Objects.requireNonNull(byOs, "byOs");
        Objects.requireNonNull(byApp, "byApp");
        Objects.requireNonNull(byHourOfDay, "byHourOfDay");
    }

    /** No scans broken down. */
    public static Breakdown none() {
        return NONE;
    }

    /** Each map passed through {@code f}, which is told the map's name ({@code byCountry} …). */
    public Breakdown map(BiFunction<String, Map<String, Long>, Map<String, Long>> f) {
        return new Breakdown(f.apply("byCountry", byCountry), f.apply("byRegion", byRegion),
                f.apply("byCity", byCity), f.apply("byDevice", byDevice), f.apply("byOs", byOs),
                f.apply("byApp", byApp), f.apply("byHourOfDay", byHourOfDay));
    }

    /** These counts with {@code delta}'s added, key by key. */
    public Breakdown plus(RollupDelta delta) {
        return new Breakdown(sum(byCountry, delta.byCountry()), sum(byRegion, delta.byRegion()),
                sum(byCity, delta.byCity()), sum(byDevice, delta.byDevice()), sum(byOs, delta.byOs()),
                sum(byApp, delta.byApp()), sum(byHourOfDay, delta.byHourOfDay()));
    }

    /** The maps by name, in the order above (the API's field order). */
    public Map<String, Map<String, Long>> byName() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        map((name, counts) -> {
            out.put(name, counts);
            return counts;
        });
        return out;
    }

    /** {@code a} and {@code b} added key by key, in key order. */
    static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new TreeMap<>(a);
        RollupDelta.mergeInto(out, b);
        return out;
    }
}
