package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.aggregate.AggregateHandler;
import com.groupgate.operations.StreamArchiveHandler;
import com.groupgate.testkit.TestDeployment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * A stream batch that failed for good keeps its records: Lambda's on-failure message names
 * only a shard and a sequence range, and the archiver on the failure queue reads that range
 * back from the stream and stores it as an event the consumer can be invoked with again; a
 * poison record the aggregate reported itself is stored with its content.
 */
class StreamArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "StreamArchiveFunction";

    @Test
    void aFailedRangeIsReadBackFromTheStreamAndStoredAsAReplayableEvent() throws Exception {
        TestDeployment aws = TestDeployment.get();
        String table = aws.mainTable();
        String streamArn = aws.resources().attribute("MainTable", "StreamArn");
        String pk = "ARCHIVE#" + UUID.randomUUID();
        for (String sk : List.of("A", "B", "C")) {
            aws.clients().dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                    "sk", AttributeValue.fromS(sk), "note", AttributeValue.fromS("kept " + sk))));
        }
        List<Record> ours = new ArrayList<>();
        String[] shard = new String[1];
        Eventually.await(Duration.ofSeconds(30), "the three writes on the stream", () -> {
            ours.clear();
            for (var s : aws.clients().streams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String it = aws.clients().streams().getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (int i = 0; it != null && i < 100; i++) {
                    String current = it;
                    var page = aws.clients().streams().getRecords(b -> b.shardIterator(current));
                    page.records().stream().filter(r -> pk.equals(r.dynamodb().keys().get("pk").s()))
                            .forEach(r -> {
                                ours.add(r);
                                shard[0] = s.shardId();
                            });
                    it = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            return ours.size() == 3;
        });
        // The batch the mapping gave up on: the last two writes, as Lambda reports them.
        String first = ours.get(1).dynamodb().sequenceNumber();
        String last = ours.get(2).dynamodb().sequenceNumber();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shard[0]);
        info.put("startSequenceNumber", first);
        info.put("endSequenceNumber", last);
        info.put("batchSize", 2);
        info.put("streamArn", streamArn);
        String dispatcherArn = "arn:aws:lambda:us-east-1:" + aws.resources().accountId()
                + ":function:groupgate-WebhookDispatchFunction:live";
        String queue = aws.resources().ref("StreamFailureQueue");
        aws.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(json(Map.of(
                "requestContext", Map.of("functionArn", dispatcherArn, "condition", "RetryAttemptsExhausted",
                        "approximateInvokeCount", 4),
                "version", "1.0", "DDBStreamBatchInfo", info))));
        // A poison record the aggregate sent itself, with its content.
        Map<String, Object> poisonInfo = new LinkedHashMap<>(info);
        poisonInfo.put("startSequenceNumber", first);
        poisonInfo.put("endSequenceNumber", first);
        aws.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(json(Map.of(
                "condition", "PoisonRecord", "reason", "fact is not a map", "DDBStreamBatchInfo", poisonInfo,
                "record", Map.of("eventName", "INSERT", "keys", Map.of("pk", Map.of("S", pk)))))));

        String bucket = aws.environment(FUNCTION).get(StreamArchiveHandler.BUCKET_VARIABLE);
        String rangeKey = "failures/groupgate-WebhookDispatchFunction/" + shard[0] + "/" + first + "-" + last + ".json";
        String poisonKey = "failures/poison/" + shard[0] + "/" + first + "-" + first + ".json";
        var wiring = aws.wiring(FUNCTION, Clock.systemUTC());
        try (QueuePoller poller = QueuePoller.forFunction(aws.resources().template(), aws.resources(), wiring.aws(),
                FUNCTION, new StreamArchiveHandler(wiring, bucket), Duration.ofMillis(200)).start()) {
            Eventually.await(Duration.ofSeconds(60), "both failures in the archive", () ->
                    exists(aws, bucket, rangeKey) && exists(aws, bucket, poisonKey));
        }

        String stored = aws.clients().s3().getObjectAsBytes(b -> b.bucket(bucket).key(rangeKey)).asUtf8String();
        JsonNode object = JSON.readTree(stored);
        assertEquals(2, object.path("Records").size(), stored);
        assertEquals("kept B", object.path("Records").get(0).path("dynamodb").path("NewImage").path("note").path("S").asText());
        assertEquals("kept C", object.path("Records").get(1).path("dynamodb").path("NewImage").path("note").path("S").asText());
        assertEquals("RetryAttemptsExhausted", object.path("failure").path("requestContext").path("condition").asText());

        // What Lambda would hand the consumers: the dispatcher's stream event, the aggregate's
        // tumbling-window event (which must name its shard) — and the aggregate takes it.
        ClassLoader loader = getClass().getClassLoader();
        DynamodbEvent asDispatcherEvent = LambdaEventSerializers.serializerFor(DynamodbEvent.class, loader).fromJson(stored);
        assertEquals(List.of(first, last), asDispatcherEvent.getRecords().stream()
                .map(r -> r.getDynamodb().getSequenceNumber()).toList());
        assertEquals(streamArn, asDispatcherEvent.getRecords().get(0).getEventSourceARN());
        DynamodbTimeWindowEvent asAggregateEvent = LambdaEventSerializers
                .serializerFor(DynamodbTimeWindowEvent.class, loader).fromJson(stored);
        assertEquals(shard[0], asAggregateEvent.getShardId());
        var replayed = new AggregateHandler(aws.wiring("AggregateFunction", Clock.systemUTC()))
                .handleRequest(asAggregateEvent, null);
        assertTrue(replayed.getBatchItemFailures() == null || replayed.getBatchItemFailures().isEmpty(),
                "the aggregate takes the archived batch: " + replayed.getBatchItemFailures());

        JsonNode poison = JSON.readTree(aws.clients().s3().getObjectAsBytes(b -> b.bucket(bucket).key(poisonKey))
                .asUtf8String());
        assertEquals("fact is not a map", poison.path("failure").path("reason").asText());
        assertEquals(pk, poison.path("failure").path("record").path("keys").path("pk").path("S").asText());
    }

    private static boolean exists(TestDeployment aws, String bucket, String key) {
        return aws.clients().s3().listObjectsV2(b -> b.bucket(bucket).prefix(key)).keyCount() > 0;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
