package com.groupgate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.groupgate.testkit.HttpCalls;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyCapIT {

    @Test
    void dailyCapAcceptsExactlyCapUnderConcurrency() throws Exception {
        ScanWorld world = new ScanWorld();
        ScanWorld.Tenant tenant = world.tenant("Cap tenant", null);
        for (int round = 0; round < 5; round++) {
            String path = ScanWorld.path(world.openCode(tenant, "{\"dailyScanLimit\":100}"));
            List<HttpCalls.Response> responses = ScanWorld.concurrently(200, 48, i -> world.scanJson(path));
            assertEquals(Map.of(200, 100L, 429, 100L), ScanWorld.histogram(responses), "round " + round);
            for (HttpCalls.Response r : responses) {
                if (r.status() == 429) {
                    assertEquals("daily_limit", r.errorCode());
                    assertTrue(Long.parseLong(r.headers().get("retry-after")) > 0, r.headers().toString());
                }
            }
        }
    }

    @Test
    void capResetsAtLocalMidnightInShanghai() {
        capResetsAtLocalMidnight("Asia/Shanghai", LocalDateTime.parse("2030-03-14T23:59:50"));
    }

    @Test
    void capResetsAtLocalMidnightInNewYork() {
        // The night before the 2030 spring-forward day, and the night it happens.
        capResetsAtLocalMidnight("America/New_York", LocalDateTime.parse("2030-03-09T23:59:50"));
        capResetsAtLocalMidnight("America/New_York", LocalDateTime.parse("2030-03-10T23:59:50"));
    }

    private static void capResetsAtLocalMidnight(String zoneName, LocalDateTime beforeMidnight) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant before = beforeMidnight.atZone(zone).toInstant();
        Instant midnight = beforeMidnight.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        ScanWorld world = new ScanWorld(before.minusSeconds(3600));
        ScanWorld.Tenant tenant = world.tenant("Zone tenant", zoneName);
        JsonNode code = world.openCode(tenant, "{\"dailyScanLimit\":2}");
        String path = ScanWorld.path(code);

        world.clock.set(before);
        assertEquals(200, world.scanJson(path).status());
        assertEquals(200, world.scanJson(path).status());
        var limited = world.scanJson(path);
        assertEquals(429, limited.status(), limited.body());
        assertEquals("10", limited.headers().get("retry-after"), zoneName + " at " + beforeMidnight);

        world.clock.set(midnight.minusSeconds(1));
        var lastSecond = world.scanJson(path);
        assertEquals(429, lastSecond.status());
        assertEquals("1", lastSecond.headers().get("retry-after"));

        world.clock.set(midnight);
        assertEquals(200, world.scanJson(path).status(), "the cap resets at local midnight");
        assertEquals(200, world.scanJson(path).status());
        var nextDay = world.scanJson(path);
        assertEquals(429, nextDay.status());
        long secondsToNextMidnight = midnight.until(
                beforeMidnight.toLocalDate().plusDays(2).atStartOfDay(zone).toInstant(), java.time.temporal.ChronoUnit.SECONDS);
        assertEquals(Long.toString(secondsToNextMidnight), nextDay.headers().get("retry-after"));
    }
}
