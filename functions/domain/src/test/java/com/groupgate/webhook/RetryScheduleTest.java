package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = RetrySchedule.STANDARD;

    @Test
    void waitsDoubleFromFifteenSecondsUpToTwelveHours() {
        assertEquals(Duration.ofSeconds(15), schedule.nominal(1));
        assertEquals(Duration.ofSeconds(30), schedule.nominal(2));
        assertEquals(Duration.ofMinutes(1), schedule.nominal(3));
        assertEquals(Duration.ofSeconds(15 * 2048), schedule.nominal(12));
        assertEquals(Duration.ofHours(12), schedule.nominal(13));
        assertEquals(Duration.ofHours(12), schedule.nominal(40));
    }

    @Test
    void jitterStaysInTheUpperHalfOfTheNominalWait() {
        for (int attempt = 1; attempt < 14; attempt++) {
            Duration nominal = schedule.nominal(attempt);
            Duration low = schedule.next(attempt, null, Duration.ZERO, 0).orElseThrow();
            Duration high = schedule.next(attempt, null, Duration.ZERO, 0.999999).orElseThrow();
            assertTrue(low.compareTo(nominal.dividedBy(2)) >= 0, "attempt " + attempt + ": " + low);
            assertTrue(high.compareTo(nominal) <= 0 && high.compareTo(low) >= 0, "attempt " + attempt + ": " + high);
        }
    }

    @Test
    void retryAfterIsAFloorCappedAtTwelveHours() {
        assertEquals(Duration.ofSeconds(120), schedule.next(1, Duration.ofSeconds(120), Duration.ZERO, 0.5).orElseThrow());
        assertEquals(Duration.ofHours(12), schedule.next(1, Duration.ofDays(2), Duration.ZERO, 0.5).orElseThrow());
        Duration jittered = schedule.next(5, Duration.ofSeconds(1), Duration.ZERO, 0.5).orElseThrow();
        assertTrue(jittered.compareTo(Duration.ofSeconds(1)) > 0, "a short Retry-After does not shorten back-off");
    }

    @Test
    void retriesEndThreeDaysAfterTheFirstAttemptAfterAboutSeventeen() {
        Duration elapsed = Duration.ZERO;
        int attempt = 1;
        while (true) {
            Optional<Duration> next = schedule.next(attempt, null, elapsed, 0.999999);
            if (next.isEmpty()) {
                break;
            }
            elapsed = elapsed.plus(next.get());
            attempt++;
        }
        assertTrue(elapsed.compareTo(Duration.ofDays(3)) <= 0, "no attempt after 3 days: " + elapsed);
        assertTrue(elapsed.compareTo(Duration.ofDays(3).minusHours(12)) > 0, "retries go on for most of 3 days");
        assertTrue(attempt >= 15 && attempt <= 20, "attempts: " + attempt);
    }
}
