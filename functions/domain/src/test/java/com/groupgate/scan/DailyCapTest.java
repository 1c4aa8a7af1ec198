package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.error.RefusalException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DailyCapTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shanghaiDayStartsAtSixteenHundredUtc() {
        assertEquals("2026-11-25", DailyCap.dayKey(Instant.parse("2026-11-25T15:59:59Z"), SHANGHAI));
        assertEquals("2026-11-26", DailyCap.dayKey(Instant.parse("2026-11-25T16:00:00Z"), SHANGHAI));
        assertEquals("2026-11-25", DailyCap.dayKey(Instant.parse("2026-11-25T16:00:00Z"), NEW_YORK));
    }

    @Test
    void retryAfterReachesTheNextShanghaiMidnight() {
        assertEquals(86_400, DailyCap.secondsUntilNextDay(Instant.parse("2026-11-25T16:00:00Z"), SHANGHAI));
        assertEquals(3_600, DailyCap.secondsUntilNextDay(Instant.parse("2026-11-25T15:00:00Z"), SHANGHAI));
        assertEquals(Instant.parse("2026-11-26T16:00:00Z"), DailyCap.nextDayStart(Instant.parse("2026-11-26T03:00:00Z"), SHANGHAI));
    }

    @Test
    void retryAfterIsAtLeastOneSecondAndRoundsUp() {
        assertEquals(1, DailyCap.secondsUntilNextDay(Instant.parse("2026-11-25T15:59:59Z"), SHANGHAI));
        assertEquals(1, DailyCap.secondsUntilNextDay(Instant.parse("2026-11-25T15:59:59.999Z"), SHANGHAI));
        assertEquals(2, DailyCap.secondsUntilNextDay(Instant.parse("2026-11-25T15:59:58.5Z"), SHANGHAI));
    }

    @Test
    void springForwardDayInNewYorkLastsTwentyThreeHours() {
        // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
        Instant midnight = Instant.parse("2026-03-08T05:00:00Z");
        assertEquals("2026-03-08", DailyCap.dayKey(midnight, NEW_YORK));
        assertEquals(23 * 3600, DailyCap.secondsUntilNextDay(midnight, NEW_YORK));
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), DailyCap.nextDayStart(midnight, NEW_YORK));
        // 01:30 EST, just before the jump: 21.5 h remain, not 22.5.
        assertEquals(21 * 3600 + 1800, DailyCap.secondsUntilNextDay(Instant.parse("2026-03-08T06:30:00Z"), NEW_YORK));
    }

    @Test
    void fallBackDayInNewYorkLastsTwentyFiveHours() {
        // 2026-11-01: clocks fall back from 02:00 EDT to 01:00 EST.
        Instant midnight = Instant.parse("2026-11-01T04:00:00Z");
        assertEquals(25 * 3600, DailyCap.secondsUntilNextDay(midnight, NEW_YORK));
        // The second 01:30 (EST) still belongs to 2026-11-01 and has 22.5 h to go.
        Instant secondOneThirty = Instant.parse("2026-11-01T06:30:00Z");
        assertEquals("2026-11-01", DailyCap.dayKey(secondOneThirty, NEW_YORK));
        assertEquals(22 * 3600 + 1800, DailyCap.secondsUntilNextDay(secondOneThirty, NEW_YORK));
        assertEquals("2026-11-02", DailyCap.dayKey(Instant.parse("2026-11-02T05:00:00Z"), NEW_YORK));
    }

    @Test
    void dayStartsAtTheFirstValidInstantWhereMidnightDoesNotExist() {
        // Sao Paulo began DST at midnight on 2018-11-04: that day started at 01:00 (-02:00).
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        Instant noonBefore = Instant.parse("2018-11-03T15:00:00Z");
        assertEquals(12 * 3600, DailyCap.secondsUntilNextDay(noonBefore, saoPaulo));
        assertEquals("2018-11-04", DailyCap.dayKey(Instant.parse("2018-11-04T03:00:00Z"), saoPaulo));
    }

    @Property
    void retryAfterLandsExactlyOnTheNextDay(@ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMilli,
            @ForAll @IntRange(min = 0, max = 5) int zoneIndex) {
        ZoneId zone = ZoneId.of(new String[] {"Asia/Shanghai", "America/New_York", "Europe/London",
            "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia"}[zoneIndex]);
        Instant now = Instant.ofEpochMilli(epochMilli);
        long seconds = DailyCap.secondsUntilNextDay(now, zone);
        assertTrue(seconds >= 1 && seconds <= 26 * 3600, () -> "seconds " + seconds);
        assertNotEquals(DailyCap.dayKey(now, zone), DailyCap.dayKey(now.plusSeconds(seconds), zone));
        assertEquals(DailyCap.dayKey(now, zone), DailyCap.dayKey(now.plusSeconds(seconds - 1), zone));
    }

    @Test
    void acceptsWhilePostIncrementCountIsWithinCap() {
        assertTrue(DailyCap.accepts(1, 1));
        assertTrue(DailyCap.accepts(500, 500));
        assertFalse(DailyCap.accepts(501, 500));
        assertFalse(DailyCap.accepts(2, 1));
    }

    @Test
    void dailyCapAcceptsExactlyCapUnderConcurrency() throws InterruptedException {
        // The store's atomic ADD stands in as an AtomicLong: one increment per scan, no read first.
        int cap = 500;
        int scanners = 2_000;
        AtomicLong counter = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < scanners; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (DailyCap.accepts(counter.incrementAndGet(), cap)) {
                    accepted.incrementAndGet();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(cap, accepted.get());
        assertEquals(scanners, counter.get());
    }

    @Test
    void capDefaultsToFiveHundred() {
        assertEquals(500, DailyCap.validateCap(null));
    }

    @Test
    void capBoundsAreInclusive() {
        assertEquals(1, DailyCap.validateCap(1));
        assertEquals(1_000_000, DailyCap.validateCap(1_000_000));
    }

    @Test
    void capOutOfRangeIsRefusedNamingDailyScanLimit() {
        for (int bad : new int[] {0, -1, 1_000_001, Integer.MIN_VALUE}) {
            RefusalException e = assertThrows(RefusalException.class, () -> DailyCap.validateCap(bad));
            assertEquals("dailyScanLimit", e.field());
            assertTrue(e.getMessage().startsWith("dailyScanLimit: "));
        }
    }

    @Test
    void tenantZoneDefaultsToShanghaiAndRefusesUnknownIdsNamingTimezone() {
        assertEquals(SHANGHAI, DailyCap.zoneOrDefault(null));
        assertEquals(NEW_YORK, DailyCap.zoneOrDefault("America/New_York"));
        assertEquals("timezone", assertThrows(RefusalException.class, () -> DailyCap.zoneOrDefault("Mars/Olympus")).field());
        assertEquals("timezone", assertThrows(RefusalException.class, () -> DailyCap.zoneOrDefault("")).field());
    }
}
