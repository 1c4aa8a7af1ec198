package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.groupgate.analytics.RollupWriter;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.config.Wiring;
import com.groupgate.telemetry.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB stream batches of scan and join facts in, partial batch response out.
 *
 * <p><b>Shards — a known limit.</b> A stream record names its stream
 * ({@code eventSourceARN}) but not its shard; Lambda hands one invocation the records of
 * one shard, in order, and runs different shards' invocations concurrently. The
 * checkpoint is kept per stream ARN, which is exact while the stream has one open shard
 * at a time (a table of one partition, and every parent-to-child hand-off, which Lambda
 * processes in order). A table that grows to several partitions has several open shards
 * sharing this one checkpoint, and a shard whose sequence numbers sort below another's
 * checkpoint would have facts skipped. Keying the checkpoint by shard needs the shard id,
 * which Lambda passes only to tumbling-window invocations; until then this is a limit
 * of the deployment (see README, "Known limits"). {@code ParallelizationFactor} must stay 1.
 *
 * <p>On failure the response names the first record of the chunk that did not commit;
 * Lambda redelivers from there and the checkpoint skips what was counted.
 */
public final class AggregateHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ShardAggregator aggregator;

    public AggregateHandler() {
        this(Wiring.fromEnvironment());
    }

    public AggregateHandler(Wiring wiring) {
        this(wiring.aws().dynamo(), wiring.config().analyticsTable(), wiring.clock());
    }

    /** With a given client: tests count its calls. */
    AggregateHandler(DynamoDbClient dynamo, String analyticsTable, Clock clock) {
        this.aggregator = new ShardAggregator(new RollupWriter(dynamo, analyticsTable, clock));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Map<String, List<ShardRecord>> byStream = new LinkedHashMap<>();
        int ignored = 0;
        for (DynamodbStreamRecord record : event.getRecords() == null ? List.<DynamodbStreamRecord>of()
                : event.getRecords()) {
            var decoded = StreamFacts.decode(record);
            if (decoded.isPresent()) {
                byStream.computeIfAbsent(record.getEventSourceARN(), k -> new ArrayList<>()).add(decoded.get());
            } else {
                ignored++;
            }
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int counted = 0;
        int skipped = 0;
        int poison = 0;
        int transactions = 0;
        for (Map.Entry<String, List<ShardRecord>> shard : byStream.entrySet()) {
            ShardAggregator.Result result = aggregator.aggregate(shard.getKey(), shard.getValue());
            counted += result.counted();
            skipped += result.skipped();
            poison += result.poison();
            transactions += result.transactions();
            result.failedFrom().ifPresent(seq -> failures.add(new StreamsEventResponse.BatchItemFailure(seq)));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("records", event.getRecords() == null ? 0 : event.getRecords().size());
        fields.put("counted", counted);
        fields.put("alreadyCounted", skipped);
        fields.put("ignored", ignored);
        fields.put("poison", poison);
        fields.put("transactions", transactions);
        fields.put("failures", failures.size());
        Log.info("aggregate.batch", fields);
        Log.count("FactsCounted", "Function", "aggregate", counted);
        return new StreamsEventResponse(failures);
    }
}
