package com.groupgate.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds a batch of facts into one delta per distinct item. This is what keeps DynamoDB
 * writes proportional to the distinct items a batch touches rather than to its records:
 * a thousand scans of one code in one hour are one write to its hour item, not a thousand.
 */
public final class BatchCoalescer {
    private BatchCoalescer() {
    }

    /** One delta per distinct rollup item the facts count toward, in first-touched order. */
    public static Map<RollupKey, RollupDelta> coalesce(List<Fact> facts) {
        Objects.requireNonNull(facts, "facts");
        Map<RollupKey, RollupDelta> deltas = new LinkedHashMap<>();
        for (Fact fact : facts) {
            for (RollupKey key : RollupKey.forFact(fact)) {
                deltas.computeIfAbsent(key, k -> new RollupDelta()).add(fact);
            }
        }
        return deltas;
    }

    /**
     * One delta per usage item the facts change, in first-touched order. Refused scans
     * change no usage and produce no entry.
     */
    public static Map<UsageKey, UsageDelta> usage(List<Fact> facts) {
        Objects.requireNonNull(facts, "facts");
        Map<UsageKey, UsageDelta> usage = new LinkedHashMap<>();
        for (Fact fact : facts) {
            UsageDelta delta = UsageDelta.of(fact);
            if (!delta.isZero()) {
                usage.merge(UsageKey.of(fact.tenantId(), fact.at()), delta, UsageDelta::plus);
            }
        }
        return usage;
    }
}
