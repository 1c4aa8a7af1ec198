package com.groupgate.localrun;

import com.groupgate.localaws.CloudFormationTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function's DynamoDB stream event source mapping as template.yaml declares it
 * ({@code Events: ... Type: DynamoDB}), with Lambda's defaults for what it leaves out.
 *
 * @param tableLogicalId         the table whose stream feeds the function ({@code !GetAtt T.StreamArn})
 * @param maximumRetryAttempts   retries after the first attempt; -1 retries until the record expires
 * @param onFailureQueueLogicalId the SQS queue of {@code DestinationConfig.OnFailure}, or null
 * @param tumblingWindow         {@code TumblingWindowInSeconds}; zero when the mapping has no window
 */
public record EventSourceMapping(
        String functionLogicalId,
        String tableLogicalId,
        String startingPosition,
        int batchSize,
        Duration maximumBatchingWindow,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        boolean reportBatchItemFailures,
        String onFailureQueueLogicalId,
        List<FilterPattern> filters,
        Duration tumblingWindow) {

    private static final int DEFAULT_BATCH_SIZE = 100;
    private static final int MAX_BATCH_SIZE = 10_000;
    private static final Duration MAX_TUMBLING_WINDOW = Duration.ofSeconds(900);

    public EventSourceMapping {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize: 1 to " + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (maximumRetryAttempts < -1) {
            throw new IllegalArgumentException("maximumRetryAttempts: -1 or more, was " + maximumRetryAttempts);
        }
        if (!"TRIM_HORIZON".equals(startingPosition) && !"LATEST".equals(startingPosition)) {
            throw new IllegalArgumentException("startingPosition: TRIM_HORIZON or LATEST, was " + startingPosition);
        }
        filters = List.copyOf(filters);
        if (tumblingWindow == null || tumblingWindow.isNegative() || tumblingWindow.compareTo(MAX_TUMBLING_WINDOW) > 0) {
            throw new IllegalArgumentException("tumblingWindow: 0 to 900 seconds, was " + tumblingWindow);
        }
    }

    /** Whether invocations are tumbling-window ones: they name their shard and carry a state. */
    public boolean windowed() {
        return !tumblingWindow.isZero();
    }

    /**
     * The start of the tumbling window a record belongs to, by the time it entered the
     * stream; windows are aligned to the epoch.
     */
    public Instant windowOf(com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord record) {
        java.util.Date created = record.getDynamodb().getApproximateCreationDateTime();
        long at = (created == null ? Instant.now() : created.toInstant()).getEpochSecond();
        long length = tumblingWindow.getSeconds();
        return Instant.ofEpochSecond(at - Math.floorMod(at, length));
    }

    /** The first {@code Type: DynamoDB} event of {@code functionLogicalId}. */
    public static EventSourceMapping fromTemplate(CloudFormationTemplate template, String functionLogicalId) {
        if (template.properties(functionLogicalId).get("Events") instanceof Map<?, ?> events) {
            for (Object event : events.values()) {
                if (event instanceof Map<?, ?> e && "DynamoDB".equals(e.get("Type"))
                        && e.get("Properties") instanceof Map<?, ?> p) {
                    return fromProperties(functionLogicalId, p);
                }
            }
        }
        throw new IllegalArgumentException(functionLogicalId + " has no DynamoDB event in template.yaml");
    }

    /** Whether a record (its JSON form) reaches the function: no filters, or any filter matching. */
    public boolean admits(com.fasterxml.jackson.databind.JsonNode record) {
        return filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(record));
    }

    private static EventSourceMapping fromProperties(String functionLogicalId, Map<?, ?> p) {
        String table = logicalIdOf(p.get("Stream"), "Stream");
        String queue = null;
        if (p.get("DestinationConfig") instanceof Map<?, ?> destination
                && destination.get("OnFailure") instanceof Map<?, ?> onFailure) {
            queue = logicalIdOf(onFailure.get("Destination"), "DestinationConfig.OnFailure.Destination");
        }
        List<FilterPattern> filters = new ArrayList<>();
        if (p.get("FilterCriteria") instanceof Map<?, ?> criteria && criteria.get("Filters") instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof Map<?, ?> filter && filter.get("Pattern") instanceof String pattern) {
                    filters.add(FilterPattern.parse(pattern));
                }
            }
        }
        boolean reportFailures = p.get("FunctionResponseTypes") instanceof List<?> types
                && types.contains("ReportBatchItemFailures");
        return new EventSourceMapping(functionLogicalId, table,
                p.get("StartingPosition") == null ? "TRIM_HORIZON" : String.valueOf(p.get("StartingPosition")),
                intOr(p.get("BatchSize"), DEFAULT_BATCH_SIZE),
                Duration.ofSeconds(intOr(p.get("MaximumBatchingWindowInSeconds"), 0)),
                Boolean.TRUE.equals(p.get("BisectBatchOnFunctionError")),
                intOr(p.get("MaximumRetryAttempts"), -1),
                reportFailures, queue, filters,
                Duration.ofSeconds(intOr(p.get("TumblingWindowInSeconds"), 0)));
    }

    /** The logical id in {@code !GetAtt Id.Attr} (the only form the local runner resolves). */
    private static String logicalIdOf(Object value, String field) {
        if (value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att && !att.isEmpty()) {
            return String.valueOf(att.get(0));
        }
        throw new IllegalArgumentException(field + ": expected !GetAtt LogicalId.Attribute, was " + value);
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
