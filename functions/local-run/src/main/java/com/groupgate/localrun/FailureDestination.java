package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.groupgate.http.Json;
import com.groupgate.telemetry.Log;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The mapping's on-failure destination: records whose retries are spent are reported
 * there in the message Lambda sends (its {@code DDBStreamBatchInfo} names the records; it
 * does not carry them), and logged.
 */
final class FailureDestination {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String streamArn;
    private final String functionArn;
    private final String functionLogicalId;

    /** @param queueUrl null when the mapping has no destination: failures are only logged */
    FailureDestination(SqsClient sqs, String queueUrl, String streamArn, String functionLogicalId) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.streamArn = streamArn;
        this.functionLogicalId = functionLogicalId;
        this.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + functionLogicalId;
    }

    void report(String shardId, List<DynamodbEvent.DynamodbStreamRecord> dropped, int attempts, boolean functionError) {
        var first = dropped.get(0).getDynamodb();
        var last = dropped.get(dropped.size() - 1).getDynamodb();
        Map<String, Object> batchInfo = new LinkedHashMap<>();
        batchInfo.put("shardId", shardId);
        batchInfo.put("startSequenceNumber", first.getSequenceNumber());
        batchInfo.put("endSequenceNumber", last.getSequenceNumber());
        batchInfo.put("approximateArrivalOfFirstRecord", arrival(first.getApproximateCreationDateTime()));
        batchInfo.put("approximateArrivalOfLastRecord", arrival(last.getApproximateCreationDateTime()));
        batchInfo.put("batchSize", dropped.size());
        batchInfo.put("streamArn", streamArn);
        Map<String, Object> responseContext = new LinkedHashMap<>();
        responseContext.put("statusCode", 200);
        responseContext.put("executedVersion", "$LATEST");
        if (functionError) {
            responseContext.put("functionError", "Unhandled");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("requestContext", Map.of("requestId", UUID.randomUUID().toString(),
                "functionArn", functionArn, "condition", "RetryAttemptsExhausted", "approximateInvokeCount", attempts));
        message.put("responseContext", responseContext);
        message.put("version", "1.0");
        message.put("timestamp", Instant.now().toString());
        message.put("DDBStreamBatchInfo", batchInfo);
        Log.error("stream_records_discarded", Map.of("function", functionLogicalId, "shard", shardId,
                "startSequenceNumber", first.getSequenceNumber(), "records", dropped.size()));
        if (queueUrl != null) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(message)));
        }
    }

    private static String arrival(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
