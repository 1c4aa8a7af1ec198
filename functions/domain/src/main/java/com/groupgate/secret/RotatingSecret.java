package com.groupgate.secret;

/**
 * A secret whose accepted values may change while the function runs (a rotation). Each
 * call answers what is accepted now; an implementation may cache, for a bounded time.
 */
@FunctionalInterface
public interface RotatingSecret {
    /** Every value accepted now. */
    SecretValues accepted();

    /**
     * Whether {@code presented} is a value accepted now. An implementation may look further
     * only when the current value does not match (the previous one is needed only during a
     * rotation).
     */
    default boolean accepts(String presented) {
        return accepted().accepts(presented);
    }

    /** A secret that never changes (tests, local tools). */
    static RotatingSecret fixed(String... values) {
        SecretValues v = SecretValues.of(values);
        return () -> v;
    }
}
