package com.groupgate.aggregate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts the writes the aggregate makes (UpdateItem calls; TransactWriteItems items, should
 * any appear) and breaks chosen UpdateItem calls: before the call (nothing written) or
 * after it (written, but the caller sees a failure, as when a response is lost).
 */
final class WriteTap implements ExecutionInterceptor {
    final AtomicLong updates = new AtomicLong();
    final AtomicLong transactItems = new AtomicLong();
    /** Fails the update this many updates from now, before it reaches the table; negative: never. */
    final AtomicInteger failBeforeIn = new AtomicInteger(-1);
    /** Fails the update this many updates from now, after it was written; negative: never. */
    final AtomicInteger failAfterIn = new AtomicInteger(-1);

    long writes() {
        return updates.get() + transactItems.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UpdateItemRequest) {
            if (failBeforeIn.getAndDecrement() == 0) {
                throw SdkClientException.create("injected failure before the write");
            }
            updates.incrementAndGet();
        } else if (context.request() instanceof TransactWriteItemsRequest t) {
            transactItems.addAndGet(t.transactItems().size());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UpdateItemRequest && failAfterIn.getAndDecrement() == 0) {
            throw SdkClientException.create("injected failure after the write");
        }
    }
}
