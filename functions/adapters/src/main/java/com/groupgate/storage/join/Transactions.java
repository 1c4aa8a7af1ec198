package com.groupgate.storage.join;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The join path's transactions, tried again when they only lost a race: joins and
 * approvals racing for one group's item are cancelled with TransactionConflict on AWS,
 * having written nothing. Any other cancellation (a condition that failed) is the
 * caller's to read.
 */
final class Transactions {
    /** Attempts of a transaction that lost a race. */
    static final int CONFLICT_RETRIES = 5;

    private Transactions() {
    }

    static void write(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                if (attempt >= CONFLICT_RETRIES || !conflicted(e.cancellationReasons())
                        || e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    throw e;
                }
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(5_000_000L << attempt));
            }
        }
    }

    /** Whether the item at {@code index} of a cancelled transaction failed its condition. */
    static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** The item at {@code index} as it was when its condition failed (ALL_OLD), empty when not returned. */
    static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> old(
            TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons == null || reasons.size() <= index || !reasons.get(index).hasItem()) {
            return java.util.Map.of();
        }
        return reasons.get(index).item();
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }
}
