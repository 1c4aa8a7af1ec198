package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.groupgate.aws.AwsClients;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.LocalResources;
import com.groupgate.telemetry.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's DynamoDB event source mapping, locally: reads every shard of a table's stream
 * (children only after their parents are read to the end), drops records the mapping's
 * filters refuse, batches up to its batch size (waiting up to its batching window), and
 * invokes the function. A partial batch response resumes from the first failed record;
 * a thrown exception fails the whole batch, which is halved when the mapping bisects.
 * When a record has failed {@code MaximumRetryAttempts} retries it is reported to the
 * on-failure queue (in Lambda's message shape) and passed over, so a poison record never
 * blocks its shard. Runs on one daemon thread until {@link #close()}.
 *
 * <p>With a tumbling window every invocation names its shard and stream, carries the
 * state the previous one returned, and holds records of one window only (by their
 * creation time, windows aligned to the epoch); once a window is over, a last invocation
 * without records and with {@code isFinalInvokeForWindow} closes it and the state starts
 * empty again. A response without a state fails the invocation, as in Lambda.
 *
 * <p>Passing over only the poison record, rather than Lambda's whole retried batch, is what
 * bisecting down to single records ends in; it keeps the rest of the batch flowing.
 */
public final class StreamPoller implements AutoCloseable {
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(10);

    private final EventSourceMapping mapping;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final FailureDestination failures;
    private final LocalFunction<DynamodbTimeWindowEvent, TimeWindowEventResponse> function;
    private final Duration pollInterval;
    private final Map<String, ShardReader> shards = new LinkedHashMap<>();
    private final CountDownLatch reading = new CountDownLatch(1);
    private final PollingThread thread;
    private Instant nextShardRefresh = Instant.MIN;
    private boolean firstRefresh = true;
    private volatile boolean invoking;
    private volatile int pendingRecords;
    private volatile long lastActivityNanos = System.nanoTime();

    /**
     * @param failureQueueUrl where exhausted batches are reported; null only logs them
     * @param pollInterval    how long to wait when every shard is read up to date
     */
    public StreamPoller(EventSourceMapping mapping, String streamArn, DynamoDbStreamsClient streams, SqsClient sqs,
                        String failureQueueUrl, LocalFunction<DynamodbTimeWindowEvent, TimeWindowEventResponse> function,
                        Duration pollInterval) {
        if (streamArn == null || streamArn.isBlank()) {
            throw new IllegalArgumentException("streamArn: required (does the table have a stream?)");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: must be positive");
        }
        this.mapping = mapping;
        this.streamArn = streamArn;
        this.streams = streams;
        this.failures = new FailureDestination(sqs, failureQueueUrl, streamArn, mapping.functionLogicalId());
        this.function = function;
        this.pollInterval = pollInterval;
        this.thread = new PollingThread("stream-poller-" + mapping.functionLogicalId(), Duration.ofSeconds(10));
    }

    /**
     * The poller of {@code functionLogicalId}'s DynamoDB event as template.yaml declares it,
     * against what the bootstrap created, delivering to {@code handler}. It reads the stream
     * and reports failures with {@code functionAws} — the function's execution role, as
     * Lambda's event source mapping does.
     */
    public static StreamPoller forFunction(CloudFormationTemplate template, LocalResources resources,
                                           AwsClients functionAws, String functionLogicalId,
                                           RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler,
                                           Duration pollInterval) {
        EventSourceMapping mapping = EventSourceMapping.fromTemplate(template, functionLogicalId);
        String queueUrl = mapping.onFailureQueueLogicalId() == null ? null
                : resources.ref(mapping.onFailureQueueLogicalId());
        String streamArn = resources.attribute(mapping.tableLogicalId(), "StreamArn");
        DynamoDbStreamsClient streams = functionAws.build(DynamoDbStreamsClient.builder());
        // As Lambda checks when it creates the mapping: the stream is one of the table's.
        String table = resources.table(mapping.tableLogicalId());
        if (streams.listStreams(b -> b.tableName(table)).streams().stream()
                .noneMatch(listed -> streamArn.equals(listed.streamArn()))) {
            throw new IllegalStateException(streamArn + " is not a stream of " + table);
        }
        return new StreamPoller(mapping, streamArn, streams, functionAws.build(SqsClient.builder()), queueUrl,
                LocalFunction.of(template, functionLogicalId, handler), pollInterval);
    }

    public EventSourceMapping mapping() {
        return mapping;
    }

    public String streamArn() {
        return streamArn;
    }

    public StreamPoller start() {
        thread.start(this::run);
        return this;
    }

    /** Stops polling; waits briefly for a running invocation to finish. */
    @Override
    public void close() {
        thread.stop();
    }

    private void run() {
        while (thread.running()) {
            boolean busy;
            try {
                refreshShardsWhenDue();
                busy = false;
                for (ShardReader shard : new ArrayList<>(shards.values())) {
                    if (thread.running() && shard.readable(shards::get)) {
                        busy |= step(shard);
                    }
                }
            } catch (SdkException e) {
                if (!thread.running()) {
                    return;
                }
                Log.error("stream_poll_failed", Map.of("function", mapping.functionLogicalId(),
                        "exception", e.getClass().getName()));
                busy = false;
                thread.pause(pollInterval.multipliedBy(5));
                continue;
            }
            reading.countDown();
            pendingRecords = shards.values().stream().mapToInt(s -> s.pending.size()).sum();
            if (busy) {
                lastActivityNanos = System.nanoTime();
            } else {
                thread.pause(pollInterval);
            }
        }
    }

    /**
     * Waits until every shard has been opened and read once: from then on, a mapping that
     * starts at {@code LATEST} sees every write. False when that took longer than {@code timeout}.
     */
    public boolean awaitReading(Duration timeout) {
        try {
            return reading.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the stream has been read up to date, with nothing waiting and nothing being
     * handled, for at least {@code quiet}: what was written to the table before that is
     * counted. For tests and tools that need the aggregate to have caught up.
     */
    public boolean idleFor(Duration quiet) {
        return !invoking && pendingRecords == 0
                && System.nanoTime() - lastActivityNanos >= quiet.toNanos();
    }

    private void refreshShardsWhenDue() {
        Instant now = Instant.now();
        if (now.isBefore(nextShardRefresh)) {
            return;
        }
        nextShardRefresh = now.plus(SHARD_REFRESH);
        String startAfter = null;
        do {
            String exclusiveStart = startAfter;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart)).streamDescription();
            for (Shard shard : description.shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> new ShardReader(id, shard.parentShardId(),
                        firstRefresh ? mapping.startingPosition() : "TRIM_HORIZON", mapping, streams, streamArn));
            }
            startAfter = description.lastEvaluatedShardId();
        } while (startAfter != null);
        firstRefresh = false;
    }

    /** One read and, when a batch is ready, one invocation; true when there was work. */
    private boolean step(ShardReader shard) {
        boolean fetched = shard.fetch();
        if (windowOver(shard)) {
            return closeWindow(shard);
        }
        if (shard.pending.isEmpty()) {
            if (shard.ended() && shard.windowStart != null) {
                return closeWindow(shard); // a shard that ends closes its window
            }
            if (shard.ended() && !shard.finished) {
                shard.finished = true;
                nextShardRefresh = Instant.MIN; // its children may start now
            }
            return fetched;
        }
        Instant now = Instant.now();
        if (now.isBefore(shard.notBefore)) {
            return fetched;
        }
        boolean full = shard.pending.size() >= Math.min(shard.window, mapping.batchSize());
        boolean windowElapsed = !now.isBefore(shard.firstPendingAt.plus(mapping.maximumBatchingWindow()));
        if (!full && !windowElapsed && !shard.ended() && !shard.retrying()) {
            return fetched;
        }
        deliver(shard);
        return true;
    }

    private void deliver(ShardReader shard) {
        int size = Math.min(shard.window, shard.pending.size());
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(shard.pending).subList(0, size);
        if (mapping.windowed()) {
            shard.windowStart = mapping.windowOf(batch.get(0));
            int inWindow = 1;
            while (inWindow < batch.size() && mapping.windowOf(batch.get(inWindow)).equals(shard.windowStart)) {
                inWindow++;
            }
            batch = batch.subList(0, inWindow);
            size = inWindow;
        }
        TimeWindowEventResponse response;
        try {
            response = invoke(shard, batch, false);
        } catch (RuntimeException | Error e) {
            Log.error("stream_batch_failed", Map.of("function", mapping.functionLogicalId(), "shard", shard.id,
                    "records", size, "exception", e.getClass().getName()));
            if (mapping.bisectBatchOnFunctionError() && size > 1) {
                shard.window = size / 2;
                return;
            }
            failed(shard, size, true);
            return;
        }
        int failedAt = firstFailure(response, batch);
        if (mapping.windowed()) {
            shard.state = response.getState();
        }
        if (failedAt < 0) {
            for (int i = 0; i < size; i++) {
                shard.pending.removeFirst();
            }
            shard.succeeded();
            return;
        }
        for (int i = 0; i < failedAt; i++) {
            shard.pending.removeFirst();
        }
        if (failedAt > 0) {
            shard.attempts.clear(); // progress: the retry count starts over at the new checkpoint
        }
        Log.info("stream_batch_partial_failure", Map.of("function", mapping.functionLogicalId(), "shard", shard.id,
                "records", size, "processed", failedAt));
        failed(shard, 1, false);
    }

    /**
     * One invocation: {@code batch} as Lambda hands it over; with a tumbling window, named
     * by shard and carrying the shard's state. A windowed response without a state is a
     * failed invocation.
     */
    private TimeWindowEventResponse invoke(ShardReader shard, List<DynamodbEvent.DynamodbStreamRecord> batch,
                                           boolean finalForWindow) {
        DynamodbTimeWindowEvent event = new DynamodbTimeWindowEvent();
        event.setRecords(new ArrayList<>(batch));
        if (mapping.windowed()) {
            event.setShardId(shard.id);
            event.setEventSourceArn(streamArn);
            event.setWindow(new TimeWindow(shard.windowStart.toString(),
                    shard.windowStart.plus(mapping.tumblingWindow()).toString()));
            event.setState(new LinkedHashMap<>(shard.state));
            event.setIsFinalInvokeForWindow(finalForWindow);
            event.setIsWindowTerminatedEarly(false);
        }
        TimeWindowEventResponse response;
        invoking = true;
        try {
            response = function.invoke(event);
        } finally {
            invoking = false;
            lastActivityNanos = System.nanoTime();
        }
        if (mapping.windowed() && (response == null || response.getState() == null)) {
            throw new IllegalStateException("a tumbling-window invocation must return a state");
        }
        return response;
    }

    /** The open window of {@code shard} has ended: its time is up, or its next record belongs to a later one. */
    private boolean windowOver(ShardReader shard) {
        if (!mapping.windowed() || shard.windowStart == null || Instant.now().isBefore(shard.notBefore)) {
            return false;
        }
        if (!shard.pending.isEmpty()) {
            return !mapping.windowOf(shard.pending.getFirst()).equals(shard.windowStart);
        }
        return !Instant.now().isBefore(shard.windowStart.plus(mapping.tumblingWindow()));
    }

    /** The final invocation of the shard's window; on success the next window starts with an empty state. */
    private boolean closeWindow(ShardReader shard) {
        try {
            invoke(shard, List.of(), true);
        } catch (RuntimeException | Error e) {
            Log.error("stream_window_close_failed", Map.of("function", mapping.functionLogicalId(), "shard", shard.id,
                    "exception", e.getClass().getName()));
            shard.notBefore = Instant.now().plus(pollInterval);
            return true;
        }
        shard.windowStart = null;
        shard.state = Map.of();
        return true;
    }

    /**
     * Index in {@code batch} of the first failed record, -1 when the batch succeeded. An
     * identifier that names no record of the batch fails the whole batch, as in Lambda.
     */
    private int firstFailure(TimeWindowEventResponse response, List<DynamodbEvent.DynamodbStreamRecord> batch) {
        if (!mapping.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null
                || response.getBatchItemFailures().isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (TimeWindowEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            int index = indexOf(batch, failure == null ? null : failure.getItemIdentifier());
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> batch, String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber.equals(batch.get(i).getDynamodb().getSequenceNumber())) {
                return i;
            }
        }
        return -1;
    }

    /** Counts an attempt at the head record; once retries are spent, reports and drops {@code discard} records. */
    private void failed(ShardReader shard, int discard, boolean functionError) {
        String head = shard.pending.getFirst().getDynamodb().getSequenceNumber();
        int attempts = shard.attempts.merge(head, 1, Integer::sum);
        shard.notBefore = Instant.now().plus(pollInterval);
        if (mapping.maximumRetryAttempts() < 0 || attempts <= mapping.maximumRetryAttempts()) {
            return;
        }
        List<DynamodbEvent.DynamodbStreamRecord> dropped = new ArrayList<>();
        for (int i = 0; i < discard && !shard.pending.isEmpty(); i++) {
            dropped.add(shard.pending.removeFirst());
        }
        shard.succeeded();
        failures.report(shard.id, dropped, attempts, functionError);
    }

}
