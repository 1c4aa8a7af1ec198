package com.groupgate.tracing;

/**
 * The X-Ray trace header Lambda gives each invocation, e.g.
 * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}: the
 * trace, the function's segment (parent of every call it makes) and Lambda's sampling
 * decision. The Java runtime puts it in the system property {@link #PROPERTY} per
 * invocation (a JVM's environment cannot change); other runtimes in {@link #VARIABLE}.
 */
public record TraceHeader(String root, String parent, boolean sampled) {
    public static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    public static final String VARIABLE = "_X_AMZN_TRACE_ID";

    /**
     * The header's trace, parent and decision; null when {@code header} is absent or names no
     * well-formed root and parent (nothing can be attached to it then). A missing
     * {@code Sampled} is not sampled: Lambda decides, and it always says.
     */
    public static TraceHeader parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = "1".equals(value);
                default -> { }
            }
        }
        if (!isRoot(root) || !isHex(parent, 0, 16)) {
            return null;
        }
        return new TraceHeader(root, parent, sampled);
    }

    /** {@code 1-} then 8 hex digits (the epoch second), {@code -}, 24 hex digits. */
    private static boolean isRoot(String root) {
        return root != null && root.length() == 35 && root.startsWith("1-") && root.charAt(10) == '-'
                && isHex(root.substring(2, 10), 0, 8) && isHex(root, 11, 24);
    }

    private static boolean isHex(String s, int from, int length) {
        if (s == null || s.length() != from + length) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
