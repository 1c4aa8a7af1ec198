package com.groupgate.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.StreamShard;
import com.groupgate.http.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure-queue message of a poison record, without a queue. */
class PoisonQueueTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private static final StreamShard SHARD = new StreamShard("arn:stream", "shardId-1");
    private final PoisonQueue queue = new PoisonQueue(null, null, CLOCK);

    @Test
    void everyAttributeTypeIsWrittenAsDynamoDbJson() {
        Map<String, AttributeValue> m = Map.of(
                "s", new AttributeValue().withS("x"),
                "n", new AttributeValue().withN("12"),
                "b", new AttributeValue().withB(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))),
                "bool", new AttributeValue().withBOOL(true),
                "null", new AttributeValue().withNULL(true),
                "l", new AttributeValue().withL(new AttributeValue().withS("a"), new AttributeValue().withN("1")),
                "ss", new AttributeValue().withSS("a", "b"),
                "ns", new AttributeValue().withNS("1", "2"));
        String json = Json.write(PoisonQueue.json(new AttributeValue().withM(m)));
        for (String part : List.of("\"s\":{\"S\":\"x\"}", "\"n\":{\"N\":\"12\"}", "\"b\":{\"B\":\"aGk=\"}",
                "\"bool\":{\"BOOL\":true}", "\"null\":{\"NULL\":true}", "\"l\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"}]}",
                "\"ss\":{\"SS\":[\"a\",\"b\"]}", "\"ns\":{\"NS\":[\"1\",\"2\"]}")) {
            assertTrue(json.contains(part), part + " in " + json);
        }
    }

    @Test
    void theMessageNamesTheRecordLikeLambdasOwnAndCarriesItsKeysAndFactOnly() {
        DynamodbStreamRecord record = record(Map.of(
                "pk", new AttributeValue().withS("FACT#f1"), "sk", new AttributeValue().withS("FACT"),
                "fact", new AttributeValue().withM(Map.of("at", new AttributeValue().withN("soon"))),
                "other", new AttributeValue().withS("not sent")));
        Map<String, Object> message = queue.message(SHARD, new ShardRecord.Poison("42", "bad at"), record);
        String json = Json.write(message);
        assertEquals("PoisonRecord", message.get("condition"));
        assertTrue(json.contains("\"DDBStreamBatchInfo\":{\"shardId\":\"shardId-1\",\"startSequenceNumber\":\"42\","
                + "\"endSequenceNumber\":\"42\""), json);
        assertTrue(json.contains("\"streamArn\":\"arn:stream\""), json);
        assertTrue(json.contains("\"keys\":{\"pk\":{\"S\":\"FACT#f1\"}"), json);
        assertTrue(json.contains("\"fact\":{\"M\":{\"at\":{\"N\":\"soon\"}}}"), json);
        assertTrue(!json.contains("not sent"), "only the fact of the image: " + json);
    }

    @Test
    void aHugeFactIsCutToFitAMessage() {
        String big = "x".repeat(PoisonQueue.MAX_FACT_CHARS * 2);
        DynamodbStreamRecord record = record(Map.of("pk", new AttributeValue().withS("FACT#f2"),
                "fact", new AttributeValue().withS(big)));
        String json = Json.write(queue.message(SHARD, new ShardRecord.Poison("43", "fact is not a map"), record));
        assertTrue(json.contains("\"truncated\""), "cut");
        assertTrue(json.length() < 256 * 1024 - 1024, "fits SQS: " + json.length());
    }

    private static DynamodbStreamRecord record(Map<String, AttributeValue> image) {
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber("42");
        stream.setKeys(Map.of("pk", image.get("pk")));
        stream.setNewImage(image);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("e42");
        record.setEventName("INSERT");
        record.setDynamodb(stream);
        return record;
    }
}
