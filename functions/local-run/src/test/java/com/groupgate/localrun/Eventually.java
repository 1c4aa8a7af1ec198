package com.groupgate.localrun;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waiting for asynchronous outcomes: checks often, fails at the deadline with a message. */
final class Eventually {
    private static final long CHECK_EVERY_NANOS = Duration.ofMillis(50).toNanos();

    private Eventually() {
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
    }
}
