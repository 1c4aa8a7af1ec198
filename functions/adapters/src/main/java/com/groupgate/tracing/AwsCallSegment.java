package com.groupgate.tracing;

import java.util.List;
import java.util.Map;

/**
 * One AWS call of a traced invocation, as an X-Ray subsegment document sent on its own
 * (X-Ray's "segment documents": {@code type} {@code subsegment} with the trace and parent
 * ids, {@code namespace} {@code aws} for a call to an AWS service). Times are seconds since
 * the epoch with microseconds. {@code resources} are the call's named resources
 * ({@code table_name}, {@code table_names}, {@code queue_url}, {@code bucket_name}): values
 * are strings or lists of strings. No request or response content is recorded, and of a
 * failure only the error's type.
 *
 * @param status the HTTP status of the last attempt; 0 when no answer came
 * @param retries attempts after the first
 * @param errorType the SDK exception's simple name when the call failed, else null
 */
public record AwsCallSegment(String id, TraceHeader trace, String service, String operation, String region,
                             long startMicros, long endMicros, int status, String requestId, int retries,
                             Map<String, Object> resources, String errorType) {

    public AwsCallSegment {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
    }

    /** The UDP datagram the daemon takes: its header line, then the document. */
    public String datagram() {
        return "{\"format\":\"json\",\"version\":1}\n" + document();
    }

    /** The subsegment document. */
    public String document() {
        StringBuilder b = new StringBuilder(384);
        b.append('{');
        field(b, "type", "subsegment").append(',');
        field(b, "id", id).append(',');
        field(b, "trace_id", trace.root()).append(',');
        field(b, "parent_id", trace.parent()).append(',');
        field(b, "name", service).append(',');
        field(b, "namespace", "aws").append(',');
        b.append("\"start_time\":").append(seconds(startMicros)).append(',');
        b.append("\"end_time\":").append(seconds(endMicros));
        if (status >= 400 && status < 500 || status == 0 && errorType != null) {
            b.append(",\"error\":true");
        }
        if (status == 429 || "ThrottlingException".equals(errorType)
                || "ProvisionedThroughputExceededException".equals(errorType)) {
            b.append(",\"throttle\":true");
        }
        if (status >= 500) {
            b.append(",\"fault\":true");
        }
        if (errorType != null) {
            b.append(",\"cause\":{\"exceptions\":[{");
            field(b, "id", id).append(',');
            field(b, "type", errorType).append(",\"remote\":").append(status != 0).append("}]}");
        }
        if (status != 0) {
            b.append(",\"http\":{\"response\":{\"status\":").append(status).append("}}");
        }
        b.append(",\"aws\":{");
        field(b, "operation", operation).append(',');
        field(b, "region", region);
        if (requestId != null) {
            b.append(',');
            field(b, "request_id", requestId);
        }
        b.append(",\"retries\":").append(retries);
        for (String name : new java.util.TreeSet<>(resources.keySet())) {
            b.append(',');
            if (resources.get(name) instanceof List<?> values) {
                string(b, name).append(":[");
                for (int i = 0; i < values.size(); i++) {
                    string(b, i == 0 ? "" : ",", String.valueOf(values.get(i)));
                }
                b.append(']');
            } else {
                field(b, name, String.valueOf(resources.get(name)));
            }
        }
        return b.append("}}").toString();
    }

    /** {@code micros} as seconds with six decimals. */
    static String seconds(long micros) {
        String fraction = Long.toString(micros % 1_000_000 + 1_000_000).substring(1);
        return micros / 1_000_000 + "." + fraction;
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        string(b, name).append(':');
        return string(b, value);
    }

    private static void string(StringBuilder b, String separator, String value) {
        b.append(separator);
        string(b, value);
    }

    private static StringBuilder string(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
