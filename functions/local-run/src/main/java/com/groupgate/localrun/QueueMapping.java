package com.groupgate.localrun;

import com.groupgate.localaws.CloudFormationTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A function's SQS event source mapping as template.yaml declares it ({@code Events: ...
 * Type: SQS}), with Lambda's defaults for what it leaves out.
 *
 * @param queueLogicalId the queue ({@code !GetAtt Q.Arn})
 */
public record QueueMapping(String functionLogicalId, String queueLogicalId, int batchSize,
                           Duration maximumBatchingWindow, boolean reportBatchItemFailures) {
    private static final int DEFAULT_BATCH_SIZE = 10;

    public QueueMapping {
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batchSize: 1 to 10 (a larger one needs a batching window), was "
                    + batchSize);
        }
    }

    /** The first {@code Type: SQS} event of {@code functionLogicalId}. */
    public static QueueMapping fromTemplate(CloudFormationTemplate template, String functionLogicalId) {
        if (template.properties(functionLogicalId).get("Events") instanceof Map<?, ?> events) {
            for (Object event : events.values()) {
                if (event instanceof Map<?, ?> e && "SQS".equals(e.get("Type"))
                        && e.get("Properties") instanceof Map<?, ?> p) {
                    Object queue = p.get("Queue");
                    if (!(queue instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att)) {
                        throw new IllegalArgumentException("Queue: expected !GetAtt Queue.Arn, was " + queue);
                    }
                    return new QueueMapping(functionLogicalId, String.valueOf(att.get(0)),
                            p.get("BatchSize") instanceof Number n ? n.intValue() : DEFAULT_BATCH_SIZE,
                            Duration.ofSeconds(p.get("MaximumBatchingWindowInSeconds") instanceof Number w
                                    ? w.longValue() : 0),
                            p.get("FunctionResponseTypes") instanceof List<?> types
                                    && types.contains("ReportBatchItemFailures"));
                }
            }
        }
        throw new IllegalArgumentException(functionLogicalId + " has no SQS event in template.yaml");
    }
}
