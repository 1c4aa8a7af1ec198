package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.analytics.StreamShard;
import com.groupgate.config.Wiring;
import com.groupgate.storage.analytics.RollupWriter;
import com.groupgate.telemetry.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB stream batches of scan and join facts in, partial batch response out.
 *
 * <p><b>Everything is kept per shard.</b> Lambda hands one invocation the records of one
 * shard, in order, and runs different shards concurrently; sequence numbers compare only
 * within a shard, so each item's watermark and the checkpoint are kept per shard (see
 * {@link com.groupgate.analytics.ShardBatch}). The event source mapping therefore uses a
 * tumbling window (template.yaml, {@code TumblingWindowInSeconds}), the one kind of stream
 * invocation that names its shard ({@code shardId}). The window is not used to hold counts
 * back: every batch is written as it arrives, and the window's {@code state} only carries
 * running totals for one summary log line per shard and window. A batch without a shard id
 * (a mapping deployed without the window) is refused whole, nothing written: counting it
 * under a guessed shard could skip facts for good, while refusing sends it, after the
 * mapping's retries, to the on-failure queue to replay. {@code ParallelizationFactor} must
 * stay 1: a shard's batches must run one at a time, in order.
 *
 * <p>On failure the response names the first record touching an item that was not
 * written; Lambda redelivers from there and each item's watermark skips what it counted.
 */
public final class AggregateHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {
    private final RollupWriter writer;
    private final PoisonQueue poisonQueue;

    public AggregateHandler() {
        this(Wiring.fromEnvironment());
    }

    public AggregateHandler(Wiring wiring) {
        this(wiring.aws().dynamo(), wiring.config().analyticsTable(), wiring.clock(),
                new PoisonQueue(wiring.aws().build(SqsClient.builder()), wiring.config().streamFailureQueueUrl(), wiring.clock()));
    }

    /** With given clients: tests count their calls. */
    AggregateHandler(DynamoDbClient dynamo, String analyticsTable, Clock clock, PoisonQueue poisonQueue) {
        this.writer = new RollupWriter(dynamo, analyticsTable, clock);
        this.poisonQueue = poisonQueue;
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        WindowTotals totals = WindowTotals.of(event.getState());
        if (records.isEmpty()) {
            return finish(event, totals, List.of());
        }
        String shardId = event.getShardId();
        String streamArn = streamArn(event, records);
        if (shardId == null || shardId.isBlank() || streamArn == null || streamArn.isBlank()) {
            Log.error("aggregate.no_shard", Map.of("records", records.size(),
                    "reason", "the event names no shardId: the event source mapping needs TumblingWindowInSeconds"));
            return new TimeWindowEventResponse(totals.state(), List.of(
                    new TimeWindowEventResponse.BatchItemFailure(records.get(0).getDynamodb().getSequenceNumber())));
        }
        StreamShard shard = new StreamShard(streamArn, shardId);
        List<ShardRecord> decoded = new ArrayList<>(records.size());
        Map<String, DynamodbStreamRecord> poison = new HashMap<>();
        int ignored = 0;
        for (DynamodbStreamRecord record : records) {
            var fact = StreamFacts.decode(record);
            if (fact.isEmpty()) {
                ignored++;
                continue;
            }
            decoded.add(fact.get());
            if (fact.get() instanceof ShardRecord.Poison p) {
                poison.put(p.sequenceNumber(), record);
            }
        }
        ShardAggregator aggregator = new ShardAggregator(writer, (s, p) -> poisonQueue.send(s, p, poison));
        ShardAggregator.Result result = aggregator.aggregate(shard, decoded);
        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>();
        result.failedFrom().ifPresent(seq -> failures.add(new TimeWindowEventResponse.BatchItemFailure(seq)));

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shard", shard.toString());
        fields.put("records", records.size());
        fields.put("counted", result.counted());
        fields.put("alreadyCounted", result.skipped());
        fields.put("ignored", ignored);
        fields.put("poison", result.poison());
        fields.put("itemWrites", result.writes());
        fields.put("failures", failures.size());
        Log.info("aggregate.batch", fields);
        Log.count("FactsCounted", "Function", "aggregate", result.counted());
        return finish(event, totals.plus(result), failures);
    }

    /**
     * The response: the window's totals as its state, or, on the window's final invocation,
     * one summary line and an empty state for the next window. Lambda treats a response
     * without {@code state} as a failed invocation, so it is never null.
     */
    private static TimeWindowEventResponse finish(DynamodbTimeWindowEvent event, WindowTotals totals,
                                                  List<TimeWindowEventResponse.BatchItemFailure> failures) {
        boolean last = Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())
                || Boolean.TRUE.equals(event.getIsWindowTerminatedEarly());
        if (!last || !failures.isEmpty()) {
            return new TimeWindowEventResponse(totals.state(), failures);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shardId", String.valueOf(event.getShardId()));
        if (event.getWindow() != null) {
            fields.put("windowStart", String.valueOf(event.getWindow().getStart()));
            fields.put("windowEnd", String.valueOf(event.getWindow().getEnd()));
        }
        fields.put("terminatedEarly", Boolean.TRUE.equals(event.getIsWindowTerminatedEarly()));
        fields.putAll(totals.fields());
        Log.info("aggregate.window", fields);
        return new TimeWindowEventResponse(WindowTotals.EMPTY.state(), failures);
    }

    /** The stream: the window event's own ARN, else its records' (they are all of one stream). */
    private static String streamArn(DynamodbTimeWindowEvent event, List<DynamodbStreamRecord> records) {
        return event.getEventSourceArn() != null ? event.getEventSourceArn() : records.get(0).getEventSourceARN();
    }
}
