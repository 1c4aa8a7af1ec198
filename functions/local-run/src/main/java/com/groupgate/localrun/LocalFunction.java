package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.http.Json;
import com.groupgate.telemetry.Log;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function of template.yaml as the local runner invokes it, within Lambda's limits: its
 * handler runs for at most the function's timeout (a function's own setting, else
 * Globals, else Lambda's 3 s) and its response, serialized as Lambda serializes it, may
 * not exceed 6 MB; either breach is the invocation's failure, as in Lambda. One handler
 * instance serves every invocation, concurrently, as a warm Lambda fleet serves them from
 * identical containers: handlers must be thread-safe.
 *
 * <p>Lambda stops a timed-out function's environment; a local one can only be interrupted,
 * so a handler that ignores interrupts runs on after its invocation has failed.
 */
public record LocalFunction<I, O>(String logicalId, int timeoutSeconds, int memoryMb, RequestHandler<I, O> handler) {
    /** Lambda's limit on a synchronous invocation's response (6 MB, as its error message gives it). */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;
    private static final int LAMBDA_DEFAULT_TIMEOUT = 3;
    private static final int LAMBDA_DEFAULT_MEMORY = 128;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService INVOCATIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-invoke-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public LocalFunction {
        if (logicalId == null || logicalId.isBlank()) {
            throw new IllegalArgumentException("logicalId: required");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler: required for " + logicalId);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds: at least 1, was " + timeoutSeconds);
        }
    }

    /** What Lambda reports when an invocation fails outside the handler's own code: a timeout, a response too large. */
    public static final class InvocationFailed extends RuntimeException {
        InvocationFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code handler} with the timeout and memory template.yaml declares for {@code logicalId}. */
    public static <I, O> LocalFunction<I, O> of(CloudFormationTemplate template, String logicalId,
                                                RequestHandler<I, O> handler) {
        return new LocalFunction<>(logicalId,
                setting(template, logicalId, "Timeout", LAMBDA_DEFAULT_TIMEOUT),
                setting(template, logicalId, "MemorySize", LAMBDA_DEFAULT_MEMORY), handler);
    }

    /**
     * Runs the handler once with a fresh context. Its own exceptions propagate as in
     * Lambda; a timeout or an oversized response is an {@link InvocationFailed}.
     */
    public O invoke(I event) {
        LocalContext context = LocalContext.start(logicalId, timeoutSeconds, memoryMb);
        Future<O> run = INVOCATIONS.submit(() -> handler.handleRequest(event, context));
        O response;
        try {
            response = run.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw failed(context, "Task timed out after " + timeoutSeconds + ".00 seconds");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw failed(context, "invocation interrupted");
        } catch (CancellationException e) {
            throw failed(context, "invocation cancelled");
        }
        int size = serializedSize(response);
        if (size > MAX_RESPONSE_BYTES) {
            throw failed(context, "Response payload size (" + size + " bytes) exceeded maximum allowed payload size ("
                    + MAX_RESPONSE_BYTES + " bytes).");
        }
        return response;
    }

    private InvocationFailed failed(LocalContext context, String message) {
        Log.error("lambda_invocation_failed", Map.of("function", logicalId, "requestId", context.getAwsRequestId(),
                "error", message));
        return new InvocationFailed(message);
    }

    /** The response's size as the Lambda runtime sends it back: its JSON. */
    private static int serializedSize(Object response) {
        if (response == null) {
            return 4;
        }
        try {
            return Json.MAPPER.writeValueAsBytes(response).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the response cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }

    private static int setting(CloudFormationTemplate template, String logicalId, String name, int fallback) {
        if (template.properties(logicalId).get(name) instanceof Number own) {
            return own.intValue();
        }
        if (template.globalFunctionSettings().get(name) instanceof Number global) {
            return global.intValue();
        }
        return fallback;
    }
}
