package com.groupgate.localrun;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread a local event source mapping polls on, and its lifecycle: started
 * once, paused between polls, and stopped by {@link #stop()}, which wakes a pause at once
 * and waits up to the join timeout for a running invocation to finish. The poll loop runs
 * while {@link #running()}; an interrupted pause ends it.
 */
final class PollingThread {
    private final String name;
    private final Duration joinTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    PollingThread(String name, Duration joinTimeout) {
        this.name = name;
        this.joinTimeout = joinTimeout;
    }

    /** Runs {@code loop} on a new daemon thread; a poller starts once. */
    synchronized void start(Runnable loop) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the loop should go on: started and neither stopped nor interrupted. */
    boolean running() {
        return running;
    }

    /** Waits {@code d}, or less when stopped; false (and no longer running) when interrupted. */
    boolean pause(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /** Ends the loop and waits for it up to the join timeout (not when called from the loop itself). */
    synchronized void stop() {
        running = false;
        stopped.countDown();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(joinTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
