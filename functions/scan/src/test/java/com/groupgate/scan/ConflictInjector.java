package com.groupgate.scan;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Makes the next {@link #arm n} TransactWriteItems calls fail as DynamoDB fails a
 * transaction that raced another for the same item: cancelled, nothing written, reason
 * {@code TransactionConflict}. The emulator runs one request at a time and never does.
 */
final class ConflictInjector implements ExecutionInterceptor {
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();

    void arm(int n) {
        remaining.set(n);
        injected.set(0);
    }

    int injected() {
        return injected.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest t && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            CancellationReason[] reasons = new CancellationReason[t.transactItems().size()];
            for (int i = 0; i < reasons.length; i++) {
                reasons[i] = CancellationReason.builder().code(i == reasons.length - 1 ? "TransactionConflict" : "None")
                        .build();
            }
            throw TransactionCanceledException.builder().message("Transaction cancelled (injected conflict)")
                    .cancellationReasons(reasons).build();
        }
    }
}
