package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The main table's stream reaching a stand-in aggregate handler the way Lambda's event
 * source mapping in template.yaml delivers it: filtered, converted, retried from the
 * first failure, bisected on errors, poison records set aside to the failure queue, in
 * tumbling-window invocations that name their shard.
 */
class StreamPollerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void putFact(LocalGroupGate local, String pk, String sk, String factId) {
        var item = new java.util.HashMap<String, AttributeValue>(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk),
                "count", AttributeValue.fromN("3")));
        if (factId != null) {
            item.put("fact", AttributeValue.fromM(Map.of("id", AttributeValue.fromS(factId),
                    "type", AttributeValue.fromS("SCAN"))));
        }
        local.clients().dynamo().putItem(b -> b.tableName(local.resources().ref("MainTable")).item(item));
    }

    private static LocalGroupGate start(RecordingStreamHandler handler) {
        LocalGroupGate local = RecordedStack.builder().streamHandler(handler).build();
        local.start(0);
        return local;
    }

    @Test
    void factRecordsReachTheHandlerConvertedAndOtherItemsAreFilteredOut() {
        String pk = "TEST#" + UUID.randomUUID();
        String factId = "fact-" + UUID.randomUUID();
        var handler = new RecordingStreamHandler(pk, (id, n) -> RecordingStreamHandler.Outcome.HANDLE);
        try (LocalGroupGate local = start(handler)) {
            // Same partition key, written first: if the filter let it through it would arrive first.
            putFact(local, pk, "plain", null);
            putFact(local, pk, "fact", factId);

            Eventually.await(DEADLINE, "the fact record is delivered", () -> handler.handled.contains(factId));

            assertEquals(1, handler.delivered.size(), "only the item with a fact passes the template's filter");
            DynamodbEvent.DynamodbStreamRecord r = handler.delivered.get(0);
            assertEquals("INSERT", r.getEventName());
            assertEquals("aws:dynamodb", r.getEventSource());
            assertEquals(local.resources().attribute("MainTable", "StreamArn"), r.getEventSourceARN());
            assertNotNull(r.getAwsRegion());
            assertNotNull(r.getEventID());
            var dynamodb = r.getDynamodb();
            assertEquals(pk, dynamodb.getKeys().get("pk").getS());
            assertEquals("fact", dynamodb.getKeys().get("sk").getS());
            assertEquals(factId, dynamodb.getNewImage().get("fact").getM().get("id").getS());
            assertEquals("SCAN", dynamodb.getNewImage().get("fact").getM().get("type").getS());
            assertEquals("3", dynamodb.getNewImage().get("count").getN());
            assertTrue(dynamodb.getSequenceNumber().matches("\\d+"), dynamodb.getSequenceNumber());
            assertEquals("NEW_AND_OLD_IMAGES", dynamodb.getStreamViewType());
            assertNotNull(dynamodb.getApproximateCreationDateTime());
            assertTrue(dynamodb.getSizeBytes() > 0);

            DynamodbTimeWindowEvent event = handler.events.get(0);
            String streamArn = local.resources().attribute("MainTable", "StreamArn");
            assertEquals(streamArn, event.getEventSourceArn());
            List<String> shards = local.clients().streams().describeStream(b -> b.streamArn(streamArn))
                    .streamDescription().shards().stream().map(s -> s.shardId()).toList();
            assertTrue(shards.contains(event.getShardId()), event.getShardId() + " is one of " + shards);
            Instant start = Instant.parse(event.getWindow().getStart());
            assertEquals(Duration.ofSeconds(900), Duration.between(start, Instant.parse(event.getWindow().getEnd())));
            assertFalse(dynamodb.getApproximateCreationDateTime().toInstant().isBefore(start));
            assertNotNull(event.getState());
            assertFalse(event.getIsFinalInvokeForWindow());
        }
    }

    @Test
    void aWindowCarriesTheStateItsInvocationsReturnAndClosesWithAFinalInvocation() {
        String pk = "TEST#" + UUID.randomUUID();
        List<String> facts = List.of("w1-" + pk, "w2-" + pk, "w3-" + pk);
        var handler = new RecordingStreamHandler(pk, (id, n) -> RecordingStreamHandler.Outcome.HANDLE);
        try (LocalGroupGate local = RecordedStack.builder().streamPolling(false).build()) {
            local.start(0);
            EventSourceMapping template = EventSourceMapping.fromTemplate(
                    com.groupgate.localaws.CloudFormationTemplate.ofRepository(), LocalGroupGate.AGGREGATE_FUNCTION);
            // The template's window, shortened so that the test sees windows close.
            EventSourceMapping mapping = new EventSourceMapping(template.functionLogicalId(), template.tableLogicalId(),
                    "LATEST", 1, template.maximumBatchingWindow(), template.bisectBatchOnFunctionError(),
                    template.maximumRetryAttempts(), template.reportBatchItemFailures(), null, template.filters(),
                    Duration.ofSeconds(2));
            try (StreamPoller poller = new StreamPoller(mapping, local.resources().attribute("MainTable", "StreamArn"),
                    local.clients().streams(), local.clients().sqs(), null,
                    new LocalFunction<>(LocalGroupGate.AGGREGATE_FUNCTION, 60, 512, handler), Duration.ofMillis(50))) {
                poller.start();
                // LATEST: records written before the poller holds its iterator are never seen; probe until one is.
                AtomicInteger probes = new AtomicInteger();
                Eventually.await(DEADLINE, "the poller reads from the stream's tip", () -> {
                    if (!handler.handled.isEmpty()) {
                        return true;
                    }
                    int n = probes.getAndIncrement();
                    putFact(local, pk, "probe" + n, "probe" + n + "-" + pk);
                    return false;
                });
                for (int i = 0; i < facts.size(); i++) {
                    putFact(local, pk, "sk" + i, facts.get(i));
                }
                Eventually.await(DEADLINE, "every record is handled and its window closed", () ->
                        handler.handled.containsAll(facts)
                                && seenInClosedWindows(handler) == handler.handled.size());
                assertEquals(facts, handler.handled.subList(handler.handled.size() - facts.size(),
                        handler.handled.size()));
                // Batch size 1: one invocation per record, and the state a window closes with counts
                // every one of them: each invocation was handed what the one before returned.
                for (DynamodbTimeWindowEvent e : handler.events) {
                    assertEquals(1, e.getRecords().size());
                    Instant start = Instant.parse(e.getWindow().getStart());
                    assertEquals(0, start.getEpochSecond() % 2, "windows are aligned to their length");
                    assertFalse(e.getRecords().get(0).getDynamodb().getApproximateCreationDateTime().toInstant()
                            .isBefore(start));
                }
            }
        }
    }

    /** The records of its own the handler counted in windows that have closed, by the final invocations' state. */
    private static long seenInClosedWindows(RecordingStreamHandler handler) {
        return handler.finals.stream().mapToLong(e -> Long.parseLong(e.getState().getOrDefault("seen", "0"))).sum();
    }

    @Test
    void partialFailureRedeliversFromTheFailedRecordAndEverythingIsHandledInOrder() {
        String pk = "TEST#" + UUID.randomUUID();
        List<String> facts = List.of("f1-" + pk, "f2-" + pk, "f3-" + pk);
        var handler = new RecordingStreamHandler(pk, (id, n) ->
                id.equals(facts.get(0)) && n == 0 ? RecordingStreamHandler.Outcome.FAIL
                        : RecordingStreamHandler.Outcome.HANDLE);
        try (LocalGroupGate local = start(handler)) {
            for (int i = 0; i < facts.size(); i++) {
                putFact(local, pk, "sk" + i, facts.get(i));
            }

            Eventually.await(DEADLINE, "all three facts handled", () -> handler.handled.size() >= 3);

            assertEquals(facts, handler.handled);
            assertEquals(2, handler.deliveriesOf(facts.get(0)), "failed once, then redelivered");
            assertEquals(1, handler.deliveriesOf(facts.get(1)));
        }
    }

    @Test
    void recordFailingEveryRetryGoesToTheFailureQueueAndLaterRecordsStillFlow() throws Exception {
        String pk = "TEST#" + UUID.randomUUID();
        List<String> facts = List.of("f1-" + pk, "poison-" + pk, "f3-" + pk);
        var handler = new RecordingStreamHandler(pk, (id, n) ->
                id.equals(facts.get(1)) ? RecordingStreamHandler.Outcome.FAIL : RecordingStreamHandler.Outcome.HANDLE);
        try (LocalGroupGate local = start(handler)) {
            for (int i = 0; i < facts.size(); i++) {
                putFact(local, pk, "sk" + i, facts.get(i));
            }

            Eventually.await(DEADLINE, "the record after the poison one is handled",
                    () -> handler.handled.contains(facts.get(2)));
            String poisonSequence = handler.sequenceNumbers.get(facts.get(1));
            JsonNode message = awaitFailureMessage(local, poisonSequence);

            assertEquals(List.of(facts.get(0), facts.get(2)), handler.handled);
            int retries = EventSourceMapping.fromTemplate(com.groupgate.localaws.CloudFormationTemplate.ofRepository(),
                    "AggregateFunction").maximumRetryAttempts();
            assertEquals(1 + retries, handler.deliveriesOf(facts.get(1)));
            JsonNode info = message.get("DDBStreamBatchInfo");
            assertEquals(poisonSequence, info.get("endSequenceNumber").asText());
            assertEquals(1, info.get("batchSize").asInt());
            assertEquals(local.resources().attribute("MainTable", "StreamArn"), info.get("streamArn").asText());
            assertFalse(info.get("shardId").asText().isBlank());
            assertEquals("RetryAttemptsExhausted", message.at("/requestContext/condition").asText());
        }
    }

    @Test
    void throwingBatchIsBisectedUntilThePoisonRecordIsSetAside() throws Exception {
        String pk = "TEST#" + UUID.randomUUID();
        List<String> facts = List.of("f1-" + pk, "poison-" + pk, "f3-" + pk);
        var handler = new RecordingStreamHandler(pk, (id, n) ->
                id.equals(facts.get(1)) ? RecordingStreamHandler.Outcome.THROW : RecordingStreamHandler.Outcome.HANDLE);
        try (LocalGroupGate local = start(handler)) {
            for (int i = 0; i < facts.size(); i++) {
                putFact(local, pk, "sk" + i, facts.get(i));
            }

            Eventually.await(DEADLINE, "the records around the poison one are handled",
                    () -> handler.handled.containsAll(List.of(facts.get(0), facts.get(2))));
            JsonNode message = awaitFailureMessage(local, handler.sequenceNumbers.get(facts.get(1)));

            assertEquals(List.of(facts.get(0), facts.get(2)), handler.handled, "each handled once, in order");
            assertEquals("Unhandled", message.at("/responseContext/functionError").asText());
        }
    }

    /** The on-failure message whose batch starts at {@code startSequenceNumber}; deleted once read. */
    private static JsonNode awaitFailureMessage(LocalGroupGate local, String startSequenceNumber) {
        String queueUrl = local.resources().ref("StreamFailureQueue");
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Eventually.await(DEADLINE, "a failure message for " + startSequenceNumber, () -> {
            // Visibility 0: other tests' messages stay readable for them.
            for (Message m : local.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).visibilityTimeout(0)).messages()) {
                JsonNode body;
                try {
                    body = MAPPER.readTree(m.body());
                } catch (Exception e) {
                    continue;
                }
                if (startSequenceNumber.equals(body.at("/DDBStreamBatchInfo/startSequenceNumber").asText())) {
                    local.clients().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    found.set(body);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }
}
