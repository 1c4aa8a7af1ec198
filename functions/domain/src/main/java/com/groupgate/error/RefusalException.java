package com.groupgate.error;

import java.util.Objects;

/**
 * A refusal on its way to the caller. {@code field} names the offending input for bad
 * requests; {@code retryAfterSeconds} is set for refusals that lift at a known time.
 */
public final class RefusalException extends RuntimeException {
    private final Refusal refusal;
    private final String field;
    private final long retryAfterSeconds;

    public RefusalException(Refusal refusal, String message) {
        this(refusal, message, null, -1);
    }

    public RefusalException(Refusal refusal, String message, String field, long retryAfterSeconds) {
        super(message, null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 for {@code field}, with a message a person can act on. */
    public static RefusalException badField(String field, String message) {
        return new RefusalException(Refusal.BAD_REQUEST, field + ": " + message, field, -1);
    }

    public static RefusalException notFound() {
        return new RefusalException(Refusal.NOT_FOUND, "not found");
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }

    /** Seconds until the refusal lifts, or -1 when it does not lift on its own. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
