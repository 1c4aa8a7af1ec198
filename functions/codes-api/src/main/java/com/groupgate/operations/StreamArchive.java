package com.groupgate.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive of failed stream batches: one object per failure under
 * {@code failures/<consumer>/<shardId>/<first>-<last>.json}. Each object is itself an event
 * the consumer takes ({@code Records}, and the {@code shardId}, {@code eventSourceArn} and
 * window of a tumbling-window event, which the aggregate needs), beside the failure message
 * ({@code failure}), so replaying is invoking the consumer with the object
 * (scripts/replay-stream-failures.sh). The objects expire with the bucket's lifecycle.
 */
final class StreamArchive {
    static final String PREFIX = "failures/";

    private final S3Client s3;
    private final String bucket;

    StreamArchive(S3Client s3, String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException(StreamArchiveHandler.BUCKET_VARIABLE + " is not set");
        }
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Stores one failure; returns its key. {@code lost}: why the records are missing, or null. */
    String store(String consumer, JsonNode info, JsonNode failure, List<Map<String, Object>> records, String lost) {
        String key = PREFIX + consumer + "/" + safe(info.path("shardId").asText()) + "/"
                + safe(info.path("startSequenceNumber").asText()) + "-" + safe(info.path("endSequenceNumber").asText())
                + ".json";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("failure", failure);
        if (lost != null) {
            object.put("lost", lost);
        }
        object.put("shardId", info.path("shardId").asText());
        object.put("eventSourceArn", info.path("streamArn").asText());
        object.put("window", Map.of("start", now.toString(), "end", now.toString()));
        object.put("state", Map.of());
        object.put("isFinalInvokeForWindow", false);
        object.put("isWindowTerminatedEarly", false);
        object.put("Records", records);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), StreamArchiveHandler.body(object));
        return key;
    }

    /**
     * Whose batch it was: the function the mapping names ({@code requestContext.functionArn},
     * without a version or alias), or {@code poison} for a record the aggregate reported itself.
     */
    static String consumer(JsonNode failure) {
        String arn = failure.path("requestContext").path("functionArn").asText("");
        int at = arn.indexOf(":function:");
        if (at < 0) {
            return "poison";
        }
        String name = arn.substring(at + ":function:".length());
        int qualifier = name.indexOf(':');
        return safe(qualifier < 0 ? name : name.substring(0, qualifier));
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
