package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.StreamShard;
import com.groupgate.http.Json;
import com.groupgate.telemetry.Log;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Poison records to the stream's on-failure queue, where Lambda puts the batches it gives
 * up on. The function steps over a record it cannot decode (the shard never blocks on
 * it), so it sends the record itself: the same {@code DDBStreamBatchInfo} Lambda writes
 * (one record long), the reason, and the record's keys and {@code fact} in DynamoDB JSON,
 * for a person to read and replay. Only the fact is sent, not the whole item image: the
 * fact holds no secret and no raw address (the client IP is a keyed hash).
 *
 * <p>Sent before the batch's items are written and its checkpoint moves past the record,
 * so a report is never lost: if the send fails the batch fails and is redelivered; if a
 * write fails after the send, the redelivery sends it again. Readers may see a record
 * twice, never not at all.
 */
final class PoisonQueue {
    /** What of a fact is sent; SQS takes 256 KiB a message. */
    static final int MAX_FACT_CHARS = 64 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    /** @param queueUrl the on-failure queue; null sends nothing and says so in the log */
    PoisonQueue(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    /** Sends each of {@code poison}, found in {@code records} by sequence number. */
    void send(StreamShard shard, List<ShardRecord.Poison> poison, Map<String, DynamodbStreamRecord> records) {
        for (ShardRecord.Poison p : poison) {
            if (queueUrl == null) {
                Log.error("aggregate.poison_unsent", Map.of("shard", shard.toString(),
                        "sequenceNumber", p.sequenceNumber(), "reason", "no GROUPGATE_STREAM_FAILURE_QUEUE_URL"));
                continue;
            }
            String body = Json.write(message(shard, p, records.get(p.sequenceNumber())));
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
        }
    }

    Map<String, Object> message(StreamShard shard, ShardRecord.Poison poison, DynamodbStreamRecord record) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shard.shardId());
        info.put("startSequenceNumber", poison.sequenceNumber());
        info.put("endSequenceNumber", poison.sequenceNumber());
        String arrival = record == null || record.getDynamodb().getApproximateCreationDateTime() == null ? null
                : record.getDynamodb().getApproximateCreationDateTime().toInstant().toString();
        info.put("approximateArrivalOfFirstRecord", arrival);
        info.put("approximateArrivalOfLastRecord", arrival);
        info.put("batchSize", 1);
        info.put("streamArn", shard.streamArn());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("condition", "PoisonRecord");
        message.put("reason", poison.reason());
        message.put("timestamp", clock.instant().toString());
        message.put("DDBStreamBatchInfo", info);
        if (record != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("eventID", record.getEventID());
            content.put("eventName", record.getEventName());
            content.put("keys", json(record.getDynamodb().getKeys()));
            var image = record.getDynamodb().getNewImage();
            Object fact = image == null ? null : json(image.get("fact"));
            String factJson = Json.write(fact);
            content.put("fact", factJson.length() <= MAX_FACT_CHARS ? fact
                    : Map.of("truncated", factJson.substring(0, MAX_FACT_CHARS)));
            message.put("record", content);
        }
        return message;
    }

    /** DynamoDB JSON ({@code {"S": "..."}}, {@code {"M": {...}}} …) of a stream record's values. */
    static Object json(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
            return out;
        }
        if (!(value instanceof AttributeValue v)) {
            return null;
        }
        if (v.getS() != null) {
            return Map.of("S", v.getS());
        }
        if (v.getN() != null) {
            return Map.of("N", v.getN());
        }
        if (v.getB() != null) {
            return Map.of("B", base64(v.getB()));
        }
        if (v.getBOOL() != null) {
            return Map.of("BOOL", v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return Map.of("NULL", true);
        }
        if (v.getM() != null) {
            return Map.of("M", json(v.getM()));
        }
        if (v.getL() != null) {
            List<Object> list = new ArrayList<>();
            v.getL().forEach(e -> list.add(json(e)));
            return Map.of("L", list);
        }
        if (v.getSS() != null) {
            return Map.of("SS", v.getSS());
        }
        if (v.getNS() != null) {
            return Map.of("NS", v.getNS());
        }
        if (v.getBS() != null) {
            return Map.of("BS", v.getBS().stream().map(PoisonQueue::base64).toList());
        }
        return Map.of();
    }

    private static String base64(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return Base64.getEncoder().encodeToString(out);
    }
}
