package com.groupgate.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one shard's batches counted in the current tumbling window, carried from
 * invocation to invocation in the window's {@code state} (Lambda's advice for Java:
 * strings to strings) and logged once when the window closes. Only a report: the counts
 * themselves are committed batch by batch, so a state Lambda drops or resets loses
 * nothing but a log line, and a value that does not parse starts again from zero.
 */
record WindowTotals(long batches, long counted, long alreadyCounted, long poison) {
    static final WindowTotals EMPTY = new WindowTotals(0, 0, 0, 0);

    static WindowTotals of(Map<String, String> state) {
        if (state == null || state.isEmpty()) {
            return EMPTY;
        }
        return new WindowTotals(number(state, "batches"), number(state, "counted"),
                number(state, "alreadyCounted"), number(state, "poison"));
    }

    WindowTotals plus(ShardAggregator.Result result) {
        return new WindowTotals(batches + 1, counted + result.counted(), alreadyCounted + result.skipped(),
                poison + result.poison());
    }

    Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        fields().forEach((k, v) -> state.put(k, Long.toString(v)));
        return state;
    }

    Map<String, Long> fields() {
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put("batches", batches);
        fields.put("counted", counted);
        fields.put("alreadyCounted", alreadyCounted);
        fields.put("poison", poison);
        return fields;
    }

    private static long number(Map<String, String> state, String name) {
        try {
            String value = state.get(name);
            return value == null ? 0 : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
