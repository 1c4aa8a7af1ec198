package com.groupgate.operations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.config.Wiring;
import com.groupgate.telemetry.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps what a stream consumer gave up on. Lambda's on-failure message for a DynamoDB
 * stream names a shard and a sequence range but carries no record, and the stream drops
 * records after 24 hours; this function, on the failure queue, reads the named range back
 * from the stream while it is there and stores it in the archive bucket
 * ({@link StreamArchive}) as an event the consumer can be invoked with again. A poison
 * record the aggregate reported itself is stored as it came (it carries its content).
 *
 * <p>A range the stream no longer holds is stored with what the message says and
 * {@code lost}; any other failure leaves the message on the queue (retried, then its
 * dead-letter queue, alarmed). docs/operations.md, "Replaying failed stream records".
 */
public final class StreamArchiveHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The archive bucket (template.yaml's StreamArchiveBucket). */
    public static final String BUCKET_VARIABLE = "GROUPGATE_STREAM_ARCHIVE_BUCKET";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRange streams;
    private final StreamArchive archive;

    public StreamArchiveHandler() {
        this(Wiring.fromEnvironment(), System.getenv(BUCKET_VARIABLE));
    }

    public StreamArchiveHandler(Wiring wiring, String bucket) {
        this(new StreamRange(wiring.aws().build(DynamoDbStreamsClient.builder())),
                new StreamArchive(wiring.aws().build(S3Client.builder()
                        .forcePathStyle(wiring.aws().endpoint() != null)), bucket));
    }

    StreamArchiveHandler(StreamRange streams, StreamArchive archive) {
        this.streams = streams;
        this.archive = archive;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                keep(JSON.readTree(message.getBody()));
            } catch (IOException | RuntimeException e) {
                Log.error("stream_archive.failed", Map.of("messageId", message.getMessageId(),
                        "error", e.getClass().getSimpleName()));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void keep(JsonNode failure) {
        JsonNode info = failure.path("DDBStreamBatchInfo");
        if (info.isMissingNode()) {
            throw new IllegalArgumentException("not a stream failure: no DDBStreamBatchInfo");
        }
        String key;
        if (failure.has("record")) {
            // The aggregate's own report of a poison record: it holds the record's content.
            key = archive.store(StreamArchive.consumer(failure), info, failure, List.of(), null);
        } else {
            String lost = null;
            List<Map<String, Object>> records = List.of();
            try {
                records = streams.read(info.path("streamArn").asText(), info.path("shardId").asText(),
                        info.path("startSequenceNumber").asText(), info.path("endSequenceNumber").asText());
            } catch (TrimmedDataAccessException | ExpiredIteratorException | ResourceNotFoundException gone) {
                lost = "the stream no longer holds the range: " + gone.getClass().getSimpleName();
            }
            key = archive.store(StreamArchive.consumer(failure), info, failure, records, lost);
            if (lost != null) {
                Log.error("stream_archive.records_lost", Map.of("key", key, "reason", lost));
            }
            if (records.size() != info.path("batchSize").asInt(records.size()) && lost == null) {
                Log.info("stream_archive.size_differs", Map.of("key", key, "read", records.size(),
                        "reported", info.path("batchSize").asInt()));
            }
        }
        Log.info("stream_archive.kept", Map.of("key", key));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestBody body(Object value) {
        return RequestBody.fromString(json(value));
    }
}
