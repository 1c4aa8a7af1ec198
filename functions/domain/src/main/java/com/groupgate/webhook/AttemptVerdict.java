package com.groupgate.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What one delivery attempt's answer means: any 2xx is delivered; 410 Gone means the
 * endpoint is gone for good (disable it, no retry); everything else — another status, no
 * answer within the timeout, a refused address, a connection failure — is retried. A 429 or
 * 503 may say when ({@code Retry-After}, seconds or an HTTP date), which is honoured.
 *
 * @param responseCode the HTTP status, or 0 when there was no answer
 * @param retryAfter   the receiver's requested wait (429/503 only), or null
 */
public record AttemptVerdict(Kind kind, int responseCode, Duration retryAfter) {
    public enum Kind { DELIVERED, GONE, RETRY }

    /** No answer: a timeout, a refused or failed connection. */
    public static AttemptVerdict noAnswer() {
        return new AttemptVerdict(Kind.RETRY, 0, null);
    }

    /** The verdict on an HTTP answer with status {@code status} and its {@code Retry-After} header (or null). */
    public static AttemptVerdict of(int status, String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new AttemptVerdict(Kind.DELIVERED, status, null);
        }
        if (status == 410) {
            return new AttemptVerdict(Kind.GONE, status, null);
        }
        Duration after = status == 429 || status == 503 ? retryAfter(retryAfterHeader, now) : null;
        return new AttemptVerdict(Kind.RETRY, status, after);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                return Duration.ofSeconds(999_999_999L);
            }
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public boolean delivered() {
        return kind == Kind.DELIVERED;
    }

    /** The status a delivery record shows: {@code delivered}, {@code gone} or {@code failed}. */
    public String status() {
        return switch (kind) {
            case DELIVERED -> "delivered";
            case GONE -> "gone";
            case RETRY -> "failed";
        };
    }
}
