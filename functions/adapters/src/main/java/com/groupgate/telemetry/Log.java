package com.groupgate.telemetry;

import com.groupgate.http.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines and CloudWatch Embedded Metric Format metrics on standard
 * output, where Lambda collects them. Callers pass only what may be logged: never a
 * token, key, API key or raw client IP.
 */
public final class Log {
    private Log() {
    }

    public static void info(String event, Map<String, ?> fields) {
        line("INFO", event, fields);
    }

    public static void error(String event, Map<String, ?> fields) {
        line("ERROR", event, fields);
    }

    private static void line(String level, String event, Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.now().toString());
        out.put("level", level);
        out.put("event", event);
        out.putAll(fields);
        out().println(Json.write(out));
    }

    /** Standard output as it is now, read per line (so a test that redirects it sees every line). */
    private static PrintStream out() {
        return System.out;
    }

    /** One EMF metric (a count) in namespace GroupGate with the given dimension. */
    public static void count(String metric, String dimension, String dimensionValue, long value) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("_aws", Map.of("Timestamp", System.currentTimeMillis(), "CloudWatchMetrics",
                java.util.List.of(Map.of("Namespace", "GroupGate",
                        "Dimensions", java.util.List.of(java.util.List.of(dimension)),
                        "Metrics", java.util.List.of(Map.of("Name", metric, "Unit", "Count"))))));
        root.put(dimension, dimensionValue);
        root.put(metric, value);
        out().println(Json.write(root));
    }
}
