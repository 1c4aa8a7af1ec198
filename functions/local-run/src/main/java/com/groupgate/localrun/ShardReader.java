package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One shard of a stream as the event source mapping reads it: its iterator, the records
 * read and not yet delivered (only those the mapping's filters admit), and the state of
 * its retries, bisection and open tumbling window. Used by one poller thread only.
 */
final class ShardReader {
    private static final int MAX_GET_RECORDS = 1000;

    final String id;
    final String parentId;
    final Deque<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayDeque<>();
    /** Attempts at the record at the head of {@link #pending}, by its sequence number. */
    final Map<String, Integer> attempts = new HashMap<>();
    boolean finished;
    /** How many records the next delivery may hold: the batch size, halved while bisecting. */
    int window;
    Instant firstPendingAt = Instant.MAX;
    Instant notBefore = Instant.MIN;
    /** The open tumbling window's start, null when none is open, and the state it carries. */
    Instant windowStart;
    Map<String, String> state = Map.of();

    private final EventSourceMapping mapping;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String startingPosition;
    private String iterator;
    private String lastSequenceNumber;
    private boolean started;

    ShardReader(String id, String parentId, String startingPosition, EventSourceMapping mapping,
                DynamoDbStreamsClient streams, String streamArn) {
        this.id = id;
        this.parentId = parentId;
        this.startingPosition = startingPosition;
        this.mapping = mapping;
        this.streams = streams;
        this.streamArn = streamArn;
        this.window = mapping.batchSize();
    }

    /** Open, and its parent (if still listed) read to the end. */
    boolean readable(Function<String, ShardReader> shards) {
        if (finished) {
            return false;
        }
        ShardReader parent = parentId == null ? null : shards.apply(parentId);
        return parent == null || parent.finished;
    }

    /** Whether the shard has been read to its end (a closed shard). */
    boolean ended() {
        return started && iterator == null;
    }

    boolean retrying() {
        return !attempts.isEmpty() || window < mapping.batchSize();
    }

    void succeeded() {
        boolean wasBisecting = window < mapping.batchSize();
        attempts.clear();
        window = mapping.batchSize();
        notBefore = Instant.MIN;
        // The rest of a bisected batch has waited its batching window already.
        firstPendingAt = pending.isEmpty() ? Instant.MAX : wasBisecting ? Instant.MIN : Instant.now();
    }

    /** Reads more when there is room; true when records arrived. */
    boolean fetch() {
        if (!started) {
            iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(id)
                    .shardIteratorType(startingPosition)).shardIterator();
            started = true;
        }
        if (iterator == null || pending.size() >= mapping.batchSize()) {
            return false;
        }
        GetRecordsResponse response;
        try {
            String current = iterator;
            response = streams.getRecords(b -> b.shardIterator(current)
                    .limit(Math.min(MAX_GET_RECORDS, mapping.batchSize())));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            iterator = lastSequenceNumber == null
                    ? streams.getShardIterator(b -> b.streamArn(streamArn).shardId(id)
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()
                    : streams.getShardIterator(b -> b.streamArn(streamArn).shardId(id)
                            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(lastSequenceNumber)).shardIterator();
            return false;
        }
        iterator = response.nextShardIterator();
        boolean any = false;
        for (Record record : response.records()) {
            lastSequenceNumber = record.dynamodb().sequenceNumber();
            if (mapping.admits(StreamRecords.toJson(record, streamArn))) {
                if (pending.isEmpty()) {
                    firstPendingAt = Instant.now();
                }
                pending.addLast(StreamRecords.toLambda(record, streamArn));
                any = true;
            }
        }
        return any || !response.records().isEmpty();
    }
}
