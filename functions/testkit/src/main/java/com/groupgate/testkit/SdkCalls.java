package com.groupgate.testkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts a function's SDK calls as {@code Service.Operation} (e.g. {@code DynamoDb.Query}),
 * retries excluded, and the items its DynamoDB queries returned: what one request cost.
 * Add it to a wiring's clients ({@code aws().withInterceptors}).
 */
public final class SdkCalls implements ExecutionInterceptor {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder queriedItems = new LongAdder();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof QueryResponse query && query.count() != null) {
            queriedItems.add(query.count());
        }
    }

    /** Forgets everything counted so far. */
    public void reset() {
        calls.clear();
        queriedItems.reset();
    }

    /** Calls since the last reset, by {@code Service.Operation}; only those made. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> {
            if (v.sum() > 0) {
                out.put(k, v.sum());
            }
        });
        return out;
    }

    /** Calls of one {@code Service.Operation} since the last reset. */
    public long count(String serviceOperation) {
        LongAdder n = calls.get(serviceOperation);
        return n == null ? 0 : n.sum();
    }

    /** Items all DynamoDB queries since the last reset returned. */
    public long queriedItems() {
        return queriedItems.sum();
    }
}
