package com.groupgate.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem until every key is read. DynamoDB may return part of a batch as
 * {@code UnprocessedKeys} (throttling, the 16 MB response limit) with no error; those are
 * asked again after a full-jitter back-off (25 ms doubling, at most {@link #ROUNDS} rounds,
 * about 1.6 s at worst), and if some are still unread the call fails as a client exception
 * — the caller's "try again" — rather than returning less than was asked for.
 */
public final class BatchReads {
    static final int ROUNDS = 7;
    private static final long BASE_MILLIS = 25;

    private BatchReads() {
    }

    /** Every item of {@code table} among {@code request}'s keys (≤ 100), in no particular order. */
    public static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table, KeysAndAttributes request) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table, request);
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                pause(round);
            }
            Map<String, KeysAndAttributes> ask = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
            out.addAll(response.responses().getOrDefault(table, List.of()));
            if (!response.hasUnprocessedKeys() || response.unprocessedKeys().isEmpty()) {
                return out;
            }
            pending = response.unprocessedKeys();
        }
        throw SdkClientException.create("BatchGetItem left " + pending.get(table).keys().size()
                + " keys unprocessed after " + ROUNDS + " rounds");
    }

    private static void pause(int round) {
        long cap = BASE_MILLIS << Math.min(round, 10);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while reading a batch", e);
        }
    }
}
