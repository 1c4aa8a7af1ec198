package com.groupgate.aggregate;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the rollups must hold, counted by the test on its own, fact by fact. */
final class Truth {
    static final class Counts {
        long scans;
        long accepted;
        long joins;
        final Map<String, Long> refused = new TreeMap<>();
        final Map<String, Long> byCountry = new TreeMap<>();
        final Map<String, Long> byRegion = new TreeMap<>();
        final Map<String, Long> byCity = new TreeMap<>();
        final Map<String, Long> byDevice = new TreeMap<>();
        final Map<String, Long> byOs = new TreeMap<>();
        final Map<String, Long> byApp = new TreeMap<>();
        final Map<String, Long> byHourOfDay = new TreeMap<>();
        final Set<String> scanners = new HashSet<>();
    }

    private final Map<String, Counts> byKey = new HashMap<>();
    long scansVerified;
    long joins;

    /** Counts of "TENANT", "CODE:id", "GROUP:id", "LIVE_CODE:id" or "CHANNEL:name". */
    Counts of(String key) {
        return byKey.computeIfAbsent(key, k -> new Counts());
    }

    void add(TestFact f, String outcome) {
        if (f.type().equals("JOIN")) {
            joins++;
        } else if (outcome.equals("accepted")) {
            scansVerified++;
        }
        count(of("TENANT"), f, outcome);
        if (f.code() != null) {
            count(of("CODE:" + f.code()), f, outcome);
        }
        if (f.group() != null) {
            count(of("GROUP:" + f.group()), f, outcome);
        }
        if (f.live() != null) {
            count(of("LIVE_CODE:" + f.live()), f, outcome);
        }
        count(of("CHANNEL:" + (f.channel() == null ? "(none)" : f.channel())), f, outcome);
    }

    private static void count(Counts c, TestFact f, String outcome) {
        if (f.type().equals("JOIN")) {
            c.joins++;
            return;
        }
        c.scans++;
        if (outcome.equals("accepted")) {
            c.accepted++;
        } else {
            c.refused.merge(outcome, 1L, Long::sum);
        }
        c.byCountry.merge(f.country() == null ? "unknown" : f.country(), 1L, Long::sum);
        c.byRegion.merge(f.region() == null ? "unknown" : f.region(), 1L, Long::sum);
        c.byCity.merge(f.city() == null ? "unknown" : f.city(), 1L, Long::sum);
        c.byDevice.merge(f.device(), 1L, Long::sum);
        c.byOs.merge(f.os(), 1L, Long::sum);
        c.byApp.merge(f.app(), 1L, Long::sum);
        c.byHourOfDay.merge(Integer.toString(f.at().atOffset(ZoneOffset.UTC).getHour()), 1L, Long::sum);
        if (f.ipHash() != null) {
            c.scanners.add(f.ipHash());
        }
    }
}
