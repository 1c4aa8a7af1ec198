package com.groupgate.aggregate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Counts TransactWriteItems calls and their items, and breaks chosen ones: before the
 * call (nothing written) or after it (written, but the caller sees a failure, as when a
 * response is lost).
 */
final class TransactionTap implements ExecutionInterceptor {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong items = new AtomicLong();
    /** Fails the call this many calls from now, before it reaches the table; negative: never. */
    final AtomicInteger failBeforeIn = new AtomicInteger(-1);
    /** Fails the call this many calls from now, after it committed; negative: never. */
    final AtomicInteger failAfterIn = new AtomicInteger(-1);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest t) {
            if (failBeforeIn.getAndDecrement() == 0) {
                throw SdkClientException.create("injected failure before the transaction");
            }
            calls.incrementAndGet();
            items.addAndGet(t.transactItems().size());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest && failAfterIn.getAndDecrement() == 0) {
            throw SdkClientException.create("injected failure after the transaction committed");
        }
    }
}
