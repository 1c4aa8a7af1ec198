package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.groupgate.telemetry.Log;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one local invocation: names as Lambda would give them, a
 * fresh request id, and the remaining time counted down from the function's timeout.
 * What a handler logs through it becomes a structured log line, as Lambda's JSON log
 * format would make it.
 */
final class LocalContext implements Context {
    private static final String ACCOUNT = "000000000000";

    private final String functionName;
    private final String requestId;
    private final long deadlineMillis;
    private final int memoryMb;

    private LocalContext(String functionName, String requestId, long deadlineMillis, int memoryMb) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.deadlineMillis = deadlineMillis;
        this.memoryMb = memoryMb;
    }

    static LocalContext start(String functionName, int timeoutSeconds, int memoryMb) {
        return new LocalContext(functionName, UUID.randomUUID().toString(),
                System.currentTimeMillis() + timeoutSeconds * 1000L, memoryMb);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                Log.info("function_log", Map.of("function", functionName, "requestId", requestId,
                        "message", message == null ? "" : message));
            }

            @Override
            public void log(byte[] message) {
                log(message == null ? null : new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
