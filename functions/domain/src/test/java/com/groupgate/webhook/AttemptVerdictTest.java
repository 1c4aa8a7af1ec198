package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AttemptVerdictTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"200, DELIVERED", "204, DELIVERED", "299, DELIVERED", "301, RETRY", "400, RETRY", "404, RETRY",
        "410, GONE", "429, RETRY", "500, RETRY", "503, RETRY"})
    void statusesDecideDeliveredGoneOrRetry(int status, AttemptVerdict.Kind kind) {
        assertEquals(kind, AttemptVerdict.of(status, null, NOW).kind());
    }

    @Test
    void retryAfterIsReadFrom429And503Only() {
        assertEquals(Duration.ofSeconds(2), AttemptVerdict.of(429, "2", NOW).retryAfter());
        assertEquals(Duration.ofSeconds(90), AttemptVerdict.of(503, "Fri, 27 Nov 2026 08:01:30 GMT", NOW).retryAfter());
        assertNull(AttemptVerdict.of(500, "2", NOW).retryAfter());
        assertNull(AttemptVerdict.of(429, "soon", NOW).retryAfter());
    }

    @Test
    void noAnswerIsRetriedWithoutACode() {
        assertEquals(AttemptVerdict.Kind.RETRY, AttemptVerdict.noAnswer().kind());
        assertEquals(0, AttemptVerdict.noAnswer().responseCode());
        assertEquals("failed", AttemptVerdict.noAnswer().status());
    }
}
