package com.groupgate.operations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The records of one shard from one sequence number to another, read back from a DynamoDB
 * stream, each in the form Lambda hands a stream consumer (DynamoDB JSON values).
 */
final class StreamRange {
    /** GetRecords calls that return nothing before the range counts as read to its end. */
    private static final int EMPTY_READS = 20;
    private static final int MAX_READS = 1_000;

    private final DynamoDbStreamsClient streams;

    StreamRange(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    List<Map<String, Object>> read(String streamArn, String shardId, String first, String last) {
        BigInteger end = new BigInteger(last);
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(first)).shardIterator();
        List<Map<String, Object>> out = new ArrayList<>();
        int empty = 0;
        for (int reads = 0; iterator != null && reads < MAX_READS && empty < EMPTY_READS; reads++) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            empty = page.records().isEmpty() ? empty + 1 : 0;
            for (Record r : page.records()) {
                if (new BigInteger(r.dynamodb().sequenceNumber()).compareTo(end) > 0) {
                    return out;
                }
                out.add(lambdaForm(r, streamArn));
                if (new BigInteger(r.dynamodb().sequenceNumber()).equals(end)) {
                    return out;
                }
            }
            iterator = page.nextShardIterator();
        }
        return out;
    }

    /** A stream record as Lambda's DynamoDB event carries it. */
    static Map<String, Object> lambdaForm(Record r, String streamArn) {
        StreamRecord d = r.dynamodb();
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        if (d.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", d.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.put("Keys", values(d.keys()));
        if (d.hasNewImage()) {
            dynamodb.put("NewImage", values(d.newImage()));
        }
        if (d.hasOldImage()) {
            dynamodb.put("OldImage", values(d.oldImage()));
        }
        dynamodb.put("SequenceNumber", d.sequenceNumber());
        dynamodb.put("SizeBytes", d.sizeBytes());
        dynamodb.put("StreamViewType", d.streamViewTypeAsString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventID", r.eventID());
        out.put("eventName", r.eventNameAsString());
        out.put("eventVersion", r.eventVersion());
        out.put("eventSource", r.eventSource() == null ? "aws:dynamodb" : r.eventSource());
        out.put("awsRegion", r.awsRegion());
        out.put("dynamodb", dynamodb);
        out.put("eventSourceARN", streamArn);
        return out;
    }

    private static Map<String, Object> values(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** One value in DynamoDB JSON ({@code {"S": "…"}}, {@code {"M": {…}}}, binary as base64). */
    static Map<String, Object> value(AttributeValue v) {
        return switch (v.type()) {
            case S -> Map.of("S", v.s());
            case N -> Map.of("N", v.n());
            case B -> Map.of("B", base64(v.b()));
            case BOOL -> Map.of("BOOL", v.bool());
            case NUL -> Map.of("NULL", true);
            case M -> Map.of("M", values(v.m()));
            case L -> Map.of("L", v.l().stream().map(StreamRange::value).toList());
            case SS -> Map.of("SS", v.ss());
            case NS -> Map.of("NS", v.ns());
            case BS -> Map.of("BS", v.bs().stream().map(StreamRange::base64).toList());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of a type this SDK does not know");
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
