package com.groupgate.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.emulator.CloudFormationTemplate;

/**
 * A function of template.yaml as the local runner invokes it: its handler, and the
 * timeout and memory the template gives it (a function's own setting, else Globals), which
 * only shape the {@link com.amazonaws.services.lambda.runtime.Context} it sees. One
 * handler instance serves every invocation, concurrently, like a warm Lambda fleet would
 * serve them from identical containers: handlers must be thread-safe.
 */
public record LocalFunction<I, O>(String logicalId, int timeoutSeconds, int memoryMb, RequestHandler<I, O> handler) {
    private static final int LAMBDA_DEFAULT_TIMEOUT = 3;
    private static final int LAMBDA_DEFAULT_MEMORY = 128;

    public LocalFunction {
        if (logicalId == null || logicalId.isBlank()) {
            throw new IllegalArgumentException("logicalId: required");
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler: required for " + logicalId);
        }
    }

    /** {@code handler} with the timeout and memory template.yaml declares for {@code logicalId}. */
    public static <I, O> LocalFunction<I, O> of(CloudFormationTemplate template, String logicalId,
                                                RequestHandler<I, O> handler) {
        return new LocalFunction<>(logicalId,
                setting(template, logicalId, "Timeout", LAMBDA_DEFAULT_TIMEOUT),
                setting(template, logicalId, "MemorySize", LAMBDA_DEFAULT_MEMORY), handler);
    }

    /** Runs the handler once with a fresh context; exceptions propagate as in Lambda. */
    public O invoke(I event) {
        return handler.handleRequest(event, LocalContext.start(logicalId, timeoutSeconds, memoryMb));
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
