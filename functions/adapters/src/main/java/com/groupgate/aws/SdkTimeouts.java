package com.groupgate.aws;

import java.time.Duration;
import java.util.Map;

/**
 * How long one SDK attempt and one whole call (its retries included) may take. Deployed,
 * {@link #LAMBDA}: DynamoDB, KMS, S3 and SQS answer in milliseconds, so an attempt that
 * takes 2 s has failed, and a call gives up after 5 s, leaving the 10-second function time
 * to answer 503. The local emulator serves one request at a time, so a burst of requests
 * queues there for longer than any AWS call takes; the local run raises both through
 * {@code GROUPGATE_SDK_ATTEMPT_TIMEOUT_MS} and {@code GROUPGATE_SDK_CALL_TIMEOUT_MS} (the
 * template sets neither).
 */
public record SdkTimeouts(Duration attempt, Duration call) {
    public static final SdkTimeouts LAMBDA = new SdkTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    public static final String ATTEMPT_VARIABLE = "GROUPGATE_SDK_ATTEMPT_TIMEOUT_MS";
    public static final String CALL_VARIABLE = "GROUPGATE_SDK_CALL_TIMEOUT_MS";

    public SdkTimeouts {
        if (attempt == null || attempt.isNegative() || attempt.isZero()) {
            throw new IllegalArgumentException("attempt: must be positive, was " + attempt);
        }
        if (call == null || call.compareTo(attempt) < 0) {
            throw new IllegalArgumentException("call: at least the attempt timeout, was " + call);
        }
    }

    /** {@link #LAMBDA}, with either value replaced when its variable is set. */
    public static SdkTimeouts fromEnvironment(Map<String, String> env) {
        Duration attempt = millis(env, ATTEMPT_VARIABLE, LAMBDA.attempt());
        Duration call = millis(env, CALL_VARIABLE, LAMBDA.call());
        return new SdkTimeouts(attempt, call.compareTo(attempt) < 0 ? attempt : call);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number of milliseconds: " + v, e);
        }
    }
}
