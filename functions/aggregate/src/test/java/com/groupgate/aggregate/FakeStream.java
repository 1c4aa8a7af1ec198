package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One shard of MainTable's stream as Lambda delivers it: records in sequence order with
 * NEW_AND_OLD_IMAGES, built the way the scan path's writes produce them, in tumbling-window
 * events that name the shard. Code items keep their state (status, daily counters, last
 * fact) so MODIFY records carry true old and new images. Also the test's ground truth:
 * every counted fact goes into {@link #truth}, which shards of one stream may share.
 */
final class FakeStream {
    static final String SHARD = "shardId-00000001795680000000-0a1b2c3d";

    final String arn;
    final String shardId;
    final Truth truth;
    private final List<DynamodbStreamRecord> records = new ArrayList<>();
    private final Map<String, CodeItem> codes = new HashMap<>();
    private long seq;

    private static final class CodeItem {
        String status = "active";
        final Map<String, Long> daily = new HashMap<>();
        Map<String, AttributeValue> fact;
        String tenant;

        Map<String, AttributeValue> image(String code) {
            Map<String, AttributeValue> image = new HashMap<>();
            image.put("pk", TestFact.s("T#" + tenant + "#CODE#" + code));
            image.put("sk", TestFact.s("CODE"));
            image.put("status", TestFact.s(status));
            Map<String, AttributeValue> d = new HashMap<>();
            daily.forEach((k, v) -> d.put(k, new AttributeValue().withN(Long.toString(v))));
            image.put("daily", new AttributeValue().withM(d));
            if (fact != null) {
                image.put("fact", new AttributeValue().withM(fact));
            }
            return image;
        }
    }

    FakeStream(String arn) {
        this(arn, SHARD, 5_000_000_000L, new Truth());
    }

    /** Shard {@code shardId} of stream {@code arn}, its first record numbered {@code firstSeq + 1}. */
    FakeStream(String arn, String shardId, long firstSeq, Truth truth) {
        this.arn = arn;
        this.shardId = shardId;
        this.seq = firstSeq;
        this.truth = truth;
    }

    List<DynamodbStreamRecord> records() {
        return List.copyOf(records);
    }

    /** A counted scan on its code item; the outcome is what the item now says. */
    String scan(TestFact f, int cap) {
        CodeItem item = codes.computeIfAbsent(Objects.requireNonNull(f.code()), c -> new CodeItem());
        item.tenant = f.tenant();
        Map<String, AttributeValue> old = item.image(f.code());
        long count = item.daily.merge(f.day(), 1L, Long::sum);
        Map<String, AttributeValue> fact = f.attributes();
        fact.put("day", TestFact.s(f.day()));
        fact.put("cap", new AttributeValue().withN(Integer.toString(cap)));
        item.fact = fact;
        add("MODIFY", item.image(f.code()), old);
        String outcome = !item.status.equals("active") ? item.status : count <= cap ? "accepted" : "daily_limit";
        truth.add(f, outcome);
        return outcome;
    }

    /** A refusal decided before counting: its own FACT item. */
    void refusal(TestFact f, String outcome) {
        Map<String, AttributeValue> fact = f.attributes();
        fact.put("outcome", TestFact.s(outcome));
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("pk", TestFact.s("FACT#" + f.id()));
        image.put("sk", TestFact.s("FACT"));
        image.put("fact", new AttributeValue().withM(fact));
        image.put("ttl", new AttributeValue().withN("1900000000"));
        add("INSERT", image, null);
        truth.add(f, outcome);
    }

    /** A member item carrying a join fact. */
    void join(TestFact f) {
        Map<String, AttributeValue> fact = f.asJoin().attributes();
        fact.put("outcome", TestFact.s("joined"));
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("pk", TestFact.s("T#" + f.tenant() + "#GROUP#" + f.group()));
        image.put("sk", TestFact.s("MEMBER#" + f.id()));
        image.put("fact", new AttributeValue().withM(fact));
        add("INSERT", image, null);
        truth.add(f.asJoin(), "joined");
    }

    /** Revoke or refresh of a code: the item changes, its last fact does not. */
    void setStatus(String code, String status) {
        CodeItem item = codes.get(code);
        Map<String, AttributeValue> old = item.image(code);
        item.status = status;
        add("MODIFY", item.image(code), old);
    }

    /** TTL deleting a refusal's FACT item. */
    void ttlRemove(TestFact f) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("pk", TestFact.s("FACT#" + f.id()));
        image.put("sk", TestFact.s("FACT"));
        image.put("fact", new AttributeValue().withM(f.attributes()));
        add("REMOVE", null, image);
    }

    /** A record whose fact cannot be decoded: {@code at} is not a number. */
    void poison(String id) {
        Map<String, AttributeValue> fact = new HashMap<>();
        fact.put("id", TestFact.s(id));
        fact.put("type", TestFact.s("SCAN"));
        fact.put("at", new AttributeValue().withN("soon"));
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("pk", TestFact.s("FACT#" + id));
        image.put("sk", TestFact.s("FACT"));
        image.put("fact", new AttributeValue().withM(fact));
        add("INSERT", image, null);
    }

    static String sequenceNumber(long n) {
        return "4" + String.format("%020d", n);
    }

    /** {@code records} as Lambda hands them over from this shard: one invocation of a tumbling window. */
    DynamodbTimeWindowEvent event(List<DynamodbStreamRecord> records) {
        DynamodbTimeWindowEvent event = new DynamodbTimeWindowEvent();
        event.setRecords(new ArrayList<>(records));
        event.setShardId(shardId);
        event.setEventSourceArn(arn);
        event.setWindow(new TimeWindow("2026-11-26T01:00:00Z", "2026-11-26T01:15:00Z"));
        event.setState(Map.of());
        event.setIsFinalInvokeForWindow(false);
        event.setIsWindowTerminatedEarly(false);
        return event;
    }

    private void add(String eventName, Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sequenceNumber(++seq));
        Map<String, AttributeValue> image = newImage != null ? newImage : oldImage;
        stream.setKeys(Map.of("pk", image.get("pk"), "sk", image.get("sk")));
        stream.setNewImage(newImage);
        stream.setOldImage(oldImage);
        stream.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("e" + seq);
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setEventVersion("1.1");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN(arn);
        record.setDynamodb(stream);
        records.add(record);
    }
}
