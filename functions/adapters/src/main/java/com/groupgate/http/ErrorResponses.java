package com.groupgate.http;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.telemetry.Log;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Refusals to {@code {"error":{"code","message"}}} responses; AWS saying "too much at once"
 * or failing for a moment (throttling, a 5xx, a timeout, a dropped connection — after the
 * SDK's bounded retries) to a 503 that asks the caller to try again; everything else to a
 * bare 500. Neither carries internals.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static ApiResponse of(RefusalException e) {
        Refusal r = e.refusal();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", r.code());
        error.put("message", e.getMessage());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        ApiResponse response = ApiResponse.json(r.httpStatus(), Map.of("error", error));
        return e.retryAfterSeconds() > 0 ? response.withHeader("retry-after", Long.toString(e.retryAfterSeconds()))
                : response;
    }

    /** An unexpected failure: logged by class and message only, answered without detail. */
    public static ApiResponse unexpected(RuntimeException e) {
        if (busy(e)) {
            // The SDK's messages name the operation and what went wrong (a status, a timeout), not request data.
            Log.info("busy", Map.of("exception", e.getClass().getSimpleName(),
                    "reason", String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            Log.count("Busy", "Exception", e.getClass().getSimpleName(), 1);
            return ApiResponse.json(503, Map.of("error", Map.of("code", "busy",
                    "message", "too many requests at once; try again in a moment"))).withHeader("retry-after", "1");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("exception", e.getClass().getName());
        fields.put("at", e.getStackTrace().length > 0 ? e.getStackTrace()[0].toString() : "");
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            // AWS error codes and messages name operations and rules, not request data.
            fields.put("awsErrorCode", aws.awsErrorDetails().errorCode());
            fields.put("awsErrorMessage", aws.awsErrorDetails().errorMessage());
        }
        Log.error("unexpected_failure", fields);
        return ApiResponse.json(500, Map.of("error", Map.of("code", "internal", "message", "internal error")));
    }

    /**
     * Whether AWS turned the request away for a reason that passes, not for anything in it:
     * a throttled call, a server error, a transaction that lost its race on every retry
     * (TransactionConflict), or no answer at all (a timeout or a dropped connection, which
     * the SDK reports as a client exception). The same request shortly after can succeed;
     * every write GroupGate makes is safe to repeat.
     */
    public static boolean busy(RuntimeException e) {
        if (e instanceof TransactionCanceledException t && t.hasCancellationReasons()) {
            return t.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                    || "ThrottlingError".equals(r.code()));
        }
        if (e instanceof SdkServiceException s) {
            return s.isThrottlingException() || s.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /** Runs {@code action}, turning refusals and failures into responses. */
    public static ApiResponse guard(java.util.function.Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (RefusalException e) {
            return of(e);
        } catch (RuntimeException e) {
            return unexpected(e);
        }
    }
}
