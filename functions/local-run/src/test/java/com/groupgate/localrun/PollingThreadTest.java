package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollingThreadTest {
    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void theLoopRunsOnANamedDaemonThreadUntilStopWakesItsPause() throws InterruptedException {
        PollingThread polling = new PollingThread("queue-poller-Test", Duration.ofMinutes(1));
        BlockingQueue<Thread> loopThread = new LinkedBlockingQueue<>();
        CountDownLatch pausing = new CountDownLatch(1);
        polling.start(() -> {
            loopThread.add(Thread.currentThread());
            while (polling.running()) {
                pausing.countDown();
                polling.pause(AN_HOUR);
            }
        });
        Thread loop = loopThread.poll(1, TimeUnit.MINUTES);
        assertEquals("queue-poller-Test", loop.getName());
        assertTrue(loop.isDaemon());
        assertTrue(pausing.await(1, TimeUnit.MINUTES));

        polling.stop();

        assertFalse(loop.isAlive(), "stop wakes the hour's pause and waits for the loop to end");
        assertFalse(polling.running());
    }

    @Test
    void aPollerStartsOnce() {
        PollingThread polling = new PollingThread("stream-poller-Test", Duration.ofMinutes(1));
        polling.start(() -> { });
        try {
            assertThrows(IllegalStateException.class, () -> polling.start(() -> { }));
        } finally {
            polling.stop();
        }
    }

    @Test
    void anInterruptedPauseEndsTheLoopAndKeepsTheInterrupt() throws InterruptedException {
        PollingThread polling = new PollingThread("stream-poller-Test", Duration.ofMinutes(1));
        BlockingQueue<Boolean> seen = new LinkedBlockingQueue<>();
        polling.start(() -> {
            Thread.currentThread().interrupt();
            seen.add(polling.pause(AN_HOUR));
            seen.add(polling.running());
            seen.add(Thread.currentThread().isInterrupted());
        });
        try {
            assertEquals(Boolean.FALSE, seen.poll(1, TimeUnit.MINUTES), "pause says the loop should end");
            assertEquals(Boolean.FALSE, seen.poll(1, TimeUnit.MINUTES), "no longer running");
            assertEquals(Boolean.TRUE, seen.poll(1, TimeUnit.MINUTES), "the interrupt is kept");
        } finally {
            polling.stop();
        }
    }

    @Test
    void stoppingAPollerNeverStartedIsHarmless() {
        PollingThread polling = new PollingThread("queue-poller-Test", Duration.ofMinutes(1));
        polling.stop();
        assertFalse(polling.running());
        assertTrue(polling.pause(AN_HOUR), "a stopped poller's pause returns at once");
    }
}
