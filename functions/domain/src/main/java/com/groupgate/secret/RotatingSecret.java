package com.groupgate.secret;

/**
 * A secret whose accepted values may change while the function runs (a rotation). Each
 * call answers what is accepted now; an implementation may cache, for a bounded time.
 */
@FunctionalInterface
public interface RotatingSecret {
    SecretValues accepted();

    /** A secret that never changes (tests, local tools). */
    static RotatingSecret fixed(String... values) {
        SecretValues v = SecretValues.of(values);
        return () -> v;
    }
}
